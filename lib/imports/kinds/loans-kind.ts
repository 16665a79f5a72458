import type { Actor } from '@/lib/auth/actor';
import { readPastDate } from '@/lib/groups/schemas';
import { loanWhere } from '@/lib/auth/business';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAuditMany } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '@/lib/clock';
import { db, type PrincipalFrequency, type Tx } from '@/lib/db';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { refreshStatisticsOnEmbedded } from '@/lib/db/planner-statistics';
import { LEDGER_TABLES } from '@/lib/loans/post-repayments';
import { fundStatuses } from '@/lib/fund/balance';
import { addMonths } from '@/lib/loans/engine/dates';
import { percentToPpm, rateOn } from '@/lib/loans/engine/terms';
import { cachedColumnsOf, loanStateOn } from '@/lib/loans/loan-figures';
import { formatThousands, parseMoney } from '@/lib/money';
import type { TableRow, TableSpec } from '../types';
import { inChunks, issue, type ImportKind, type RowIssue } from './kind';
import { enumReader } from './labels';

const FREQUENCY = { MONTHLY: 'Hằng tháng', QUARTERLY: 'Hằng quý', AT_MATURITY: 'Cuối kỳ' } as const;
const readFrequency = enumReader<PrincipalFrequency>(FREQUENCY);

export const LOAN_SPEC: TableSpec = {
  kind: 'Danh sách khoản vay đang có',
  columns: [
    { key: 'number', header: 'Số khoản vay', required: true, description: 'Số khế ước/số khoản vay hiện có; dùng để nhận ra khoản vay khi nhập lại và khi nhập thu nợ.', example: 'KU-2024-0001' },
    { key: 'communeCode', header: 'Mã xã/phường', required: true, description: 'Xã/phường của thành viên.', example: 'ND-YY-YK' },
    { key: 'nationalId', header: 'Số CCCD', required: true, description: 'CCCD của thành viên đang tham gia tổ.', example: '036185000123' },
    { key: 'programmeCode', header: 'Mã chương trình', required: true, description: 'Mã chương trình vay (trang Chương trình vay).', example: 'HN' },
    { key: 'disbursedAt', header: 'Ngày giải ngân', required: true, description: 'dd/mm/yyyy.', example: '15/01/2025' },
    { key: 'amount', header: 'Số tiền giải ngân', required: true, description: 'Đồng, ví dụ 10.000.000.', example: '10.000.000' },
    { key: 'termMonths', header: 'Thời hạn (tháng)', required: true, description: 'Số tháng.', example: '36' },
    { key: 'rate', header: 'Lãi suất (%/tháng)', description: 'Để kiểm tra: phải bằng lãi suất của chương trình tại ngày giải ngân.', example: '0,55' },
    { key: 'frequency', header: 'Kỳ trả gốc', description: 'Để kiểm tra: Hằng tháng, Hằng quý hoặc Cuối kỳ, như chương trình.', example: 'Hằng tháng' },
    { key: 'purpose', header: 'Mục đích', description: 'Mục đích sử dụng vốn.', example: 'Chăn nuôi' },
  ],
};

interface ParsedLoan {
  rowNumber: number;
  action: 'create' | 'unchanged';
  data: {
    number: string; orgUnitId: string; groupId: string; memberId: string; programmeId: string; disbursedAt: Date; amount: bigint;
    termMonths: number; purpose: string; householdCategory: string;
  };
}

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const numbers = [...new Set(rows.map((r) => r.values.number))];
  const [existing, programmes, members] = await Promise.all([
    db.loan.findMany({ where: { number: { in: numbers } }, include: { orgUnit: { select: { path: true } } } }),
    db.programme.findMany({ include: { rates: true } }),
    db.member.findMany({
      where: { ...scopeWhere(actor), status: 'ACTIVE', nationalId: { in: [...new Set(rows.map((r) => r.values.nationalId))] } },
      select: { id: true, orgUnitId: true, groupId: true, nationalId: true, householdCategory: true, orgUnit: { select: { code: true } } },
    }),
  ]);
  const loanByNumber = new Map(existing.map((l) => [l.number, l]));
  const programmeByCode = new Map(programmes.map((p) => [p.code, p]));
  const memberByKey = new Map(members.map((m) => [`${m.orgUnit.code}|${m.nationalId}`, m]));
  // Communes settling (or out of) the revolving fund take no new fund loans, imported or not.
  const fundStatus = await fundStatuses(db, [...new Set(members.map((m) => m.orgUnitId))]);
  const seen = new Map<string, number>();
  const parsed: ParsedLoan[] = [];
  for (const { rowNumber, values: v } of rows) {
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(rowNumber, column, key, params));
    const before = issues.length;
    for (const c of ['number', 'communeCode', 'nationalId', 'programmeCode', 'disbursedAt', 'amount', 'termMonths']) if (!v[c]) at(c, 'validation.required', { field: c });
    if (seen.has(v.number)) at('number', 'imports.rows.duplicateInFile', { row: seen.get(v.number)! });
    seen.set(v.number, rowNumber);
    const member = memberByKey.get(`${v.communeCode.toUpperCase()}|${v.nationalId}`);
    if (v.nationalId && !member) at('nationalId', 'imports.rows.unknownMember');
    if (member && !member.groupId) at('nationalId', 'loans.memberNotInGroup');
    const programme = programmeByCode.get(v.programmeCode.toUpperCase());
    if (v.programmeCode && !programme) at('programmeCode', 'imports.rows.unknownProgramme', { code: v.programmeCode });
    const disbursed = readPastDate(v.disbursedAt);
    if (disbursed.problem) at('disbursedAt', disbursed.problem.key, { field: 'disbursedAt', ...disbursed.problem.params });
    const disbursedAt = disbursed.date;
    const amount = v.amount ? parseMoney(v.amount) : null;
    if (amount && !amount.ok) at('amount', `validation.money.${amount.error}`, { field: 'amount' });
    const termMonths = Number(v.termMonths);
    if (v.termMonths && !(Number.isInteger(termMonths) && termMonths >= 1 && termMonths <= 240)) at('termMonths', 'validation.invalid', { field: 'termMonths' });
    if (programme && disbursedAt && v.rate) {
      const rates = programme.rates
        .map((r) => ({ from: r.effectiveFrom, ratePpm: percentToPpm(r.monthlyRate.toString()) }))
        .sort((a, b) => a.from.getTime() - b.from.getTime());
      const ours = rateOn(rates, disbursedAt);
      if (!/^\d{1,2}([.,]\d{1,4})?$/.test(v.rate) || percentToPpm(v.rate) !== ours) at('rate', 'imports.rows.rateMismatch', { code: programme.code });
    }
    if (programme?.fundSource === 'REVOLVING' && member && fundStatus.get(member.orgUnitId) !== 'ACTIVE' && !loanByNumber.has(v.number)) {
      at('programmeCode', fundStatus.get(member.orgUnitId) === 'SETTLED' ? 'fund.settled' : 'fund.settling');
    }
    if (programme && v.frequency && readFrequency(v.frequency) !== programme.principalFrequency) at('frequency', 'imports.rows.frequencyMismatch', { code: programme.code });
    if (issues.length > before || !member || !programme || !disbursedAt || !amount?.ok) continue;
    const data = {
      number: v.number, orgUnitId: member.orgUnitId, groupId: member.groupId!, memberId: member.id, programmeId: programme.id,
      disbursedAt, amount: amount.value,
      termMonths, purpose: v.purpose || '—', householdCategory: member.householdCategory,
    };
    if (programme.minAmount > amount.value || programme.maxAmount < amount.value) {
      at('amount', 'loans.amountRange', { min: formatThousands(programme.minAmount), max: formatThousands(programme.maxAmount) });
      continue;
    }
    const found = loanByNumber.get(v.number);
    if (found && !found.orgUnit.path.startsWith(actor.orgUnitPath)) {
      at('number', 'imports.rows.numberTaken');
      continue;
    }
    if (found) {
      const same = found.memberId === data.memberId && found.programmeId === data.programmeId && found.amountDisbursed === data.amount
        && found.disbursedAt?.getTime() === disbursedAt.getTime() && found.termMonths === termMonths;
      if (!same) at('number', 'imports.rows.loanReadOnly', { number: v.number });
      else parsed.push({ rowNumber, action: 'unchanged', data });
      continue;
    }
    parsed.push({ rowNumber, action: 'create', data });
  }
  return { parsed, issues };
}

const LOAN_COLUMNS = {
  id: 'uuid', number: 'text', orgUnitId: 'uuid', groupId: 'uuid', memberId: 'uuid', programmeId: 'uuid', round: 'int', amountRequested: 'bigint',
  amountApproved: 'bigint', amountDisbursed: 'bigint', termMonths: 'int', purpose: 'text', householdCategory: '"HouseholdCategory"', status: '"LoanStatus"',
  appliedById: 'uuid', appliedAt: 'date', decidedById: 'uuid', decidedAt: 'date', disbursedAt: 'date', maturityDate: 'date',
  cachedOutstanding: 'bigint', cachedOverdue: 'bigint', cachedDaysPastDue: 'int', cachedAsOf: 'date', updatedAt: 'timestamptz',
};
const DISBURSEMENT_COLUMNS = { loanId: 'uuid', kind: '"LoanTransactionKind"', date: 'date', amount: 'bigint', principal: 'bigint', postedById: 'uuid', note: 'text' };

/**
 * The rows of the file's new loans, as disbursing them one by one would leave them: each member's
 * round in the programme counted on from her loans already there, and the cached figures of a
 * disbursed loan as of today (lib/loans/loan-figures computes them, as it does after a posting).
 */
async function newLoans(actor: Actor, tx: Tx, rows: ParsedLoan['data'][]) {
  const [counts, programmes] = await Promise.all([
    tx.loan.groupBy({
      by: ['memberId', 'programmeId'], where: { memberId: { in: [...new Set(rows.map((r) => r.memberId))] }, status: { not: 'REJECTED' } }, _count: { _all: true },
    }),
    tx.programme.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.programmeId))] } }, include: { rates: true } }),
  ]);
  const rounds = new Map(counts.map((c) => [`${c.memberId}:${c.programmeId}`, c._count._all]));
  const programmeById = new Map(programmes.map((p) => [p.id, p]));
  const today = todayInVietnam();
  const updatedAt = new Date();
  const loans = rows.map((d) => {
    const key = `${d.memberId}:${d.programmeId}`;
    rounds.set(key, (rounds.get(key) ?? 0) + 1);
    const loan = {
      id: randomUUID(), number: d.number, orgUnitId: d.orgUnitId, groupId: d.groupId, memberId: d.memberId, programmeId: d.programmeId, round: rounds.get(key)!,
      amountRequested: d.amount, amountApproved: d.amount, amountDisbursed: d.amount, termMonths: d.termMonths, purpose: d.purpose,
      householdCategory: d.householdCategory, appliedById: actor.userId, appliedAt: d.disbursedAt, decidedById: actor.userId, decidedAt: d.disbursedAt,
      disbursedAt: d.disbursedAt, maturityDate: addMonths(d.disbursedAt, d.termMonths), updatedAt,
    };
    const withTerms = { ...loan, programme: programmeById.get(d.programmeId)!, transactions: [] } as unknown as Parameters<typeof loanStateOn>[0];
    const state = loanStateOn(withTerms, today);
    return { ...loan, ...cachedColumnsOf(state, today) };
  });
  // In the order of their new ids: the primary key's index fills in sequence.
  return loans.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export const loansKind: ImportKind<ParsedLoan> = {
  name: 'loans',
  spec: LOAN_SPEC,
  // Loans enter here already disbursed, without the application and approval steps: only those who
  // may approve loans (province officers, administrators) may bring them in.
  permission: 'loan:approve',
  validate,
  async apply(actor, tx, parsed, progress) {
    const creates = parsed.filter((r) => r.action === 'create').map((r) => r.data);
    const loans = await newLoans(actor, tx, creates);
    await inChunks(loans, 5000, async (chunk) => {
      await bulkInsert(tx, 'Loan', LOAN_COLUMNS, chunk);
      progress(chunk.length);
    });
    // One statement for every disbursement: the ledger snapshots' trigger runs once for the file.
    await refreshStatisticsOnEmbedded(tx, LEDGER_TABLES);
    const disbursements = loans.map((l) => ({ loanId: l.id, kind: 'DISBURSEMENT', date: l.disbursedAt, amount: l.amountDisbursed, principal: l.amountDisbursed, postedById: actor.userId, note: 'import' }));
    await bulkInsert(tx, 'LoanTransaction', DISBURSEMENT_COLUMNS, disbursements);
    await writeAuditMany(tx, auditActorOf(actor), loans.map((loan) => ({ action: 'loan.import', entity: 'Loan', entityId: loan.id, after: loan })));
    return { created: loans.length, updated: 0, unchanged: parsed.length - loans.length };
  },
  async exportMemberIds(actor) {
    return (await db.loan.findMany({ where: { ...loanWhere(actor), disbursedAt: { not: null } }, select: { memberId: true }, distinct: ['memberId'] })).map((l) => l.memberId);
  },
  exportCount: (actor) => db.loan.count({ where: { ...loanWhere(actor), disbursedAt: { not: null } } }),
  async *exportRows(actor) {
    const loans = await db.loan.findMany({
      where: { ...loanWhere(actor), disbursedAt: { not: null } },
      include: { orgUnit: { select: { code: true } }, member: { select: { nationalId: true } }, programme: { include: { rates: true } } },
      orderBy: { number: 'asc' },
    });
    for (const l of loans) {
      yield {
        number: l.number, communeCode: l.orgUnit.code, nationalId: l.member.nationalId, programmeCode: l.programme.code,
        disbursedAt: formatDateOnly(l.disbursedAt!),
        amount: l.amountDisbursed!.toString(), termMonths: String(l.termMonths), rate: '', frequency: FREQUENCY[l.programme.principalFrequency], purpose: l.purpose,
      };
    }
  },
};
