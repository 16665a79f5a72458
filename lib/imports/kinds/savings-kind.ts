import type { Actor } from '@/lib/auth/actor';
import { readPastDate } from '@/lib/groups/schemas';
import { savingsAccountWhere } from '@/lib/auth/business';
import { orgUnitScope, scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { formatDateOnly, isoDate } from '@/lib/calendar/date-only';
import { db, type SavingsScheme } from '@/lib/db';
import { formatThousands, parseMoney } from '@/lib/money';
import { postInTx } from '@/lib/savings/post-movement';
import type { TableRow, TableSpec } from '../types';
import { enumReader } from './labels';
import { issue, type ImportKind, type RowIssue } from './kind';

export const OPENING_NOTE = 'Số dư đầu kỳ';
const KIND_LABELS = { OPENING: OPENING_NOTE, DEPOSIT: 'Gửi', WITHDRAWAL: 'Rút' };
const readKind = enumReader<keyof typeof KIND_LABELS>(KIND_LABELS);

export const SAVINGS_SPEC: TableSpec = {
  kind: 'Giao dịch tiết kiệm',
  columns: [
    { key: 'communeCode', header: 'Mã xã/phường', required: true, description: 'Mã đơn vị của xã/phường có thành viên.', example: 'ND-YY-YK' },
    { key: 'memberCode', header: 'Mã thành viên', required: true, description: 'Mã thành viên trong xã/phường.', example: 'TV0001' },
    { key: 'scheme', header: 'Mã loại tiết kiệm', required: true, description: 'TKTV, TKNH, TKCH… (trang Tiết kiệm).', example: 'TKTV' },
    { key: 'kind', header: 'Loại giao dịch', required: true, description: 'Số dư đầu kỳ (dòng đầu tiên của sổ, không tính vào mức gửi tháng), Gửi, hoặc Rút.', example: 'Gửi' },
    { key: 'date', header: 'Ngày', required: true, description: 'dd/mm/yyyy, không sau hôm nay.', example: '10/01/2026' },
    { key: 'amount', header: 'Số tiền', required: true, description: 'Đồng, lớn hơn 0.', example: '200.000' },
  ],
};

interface ParsedMovement {
  rowNumber: number;
  action: 'create' | 'unchanged';
  memberId: string;
  orgUnitId: string;
  schemeId: string;
  accountId: string | null;
  kind: keyof typeof KIND_LABELS;
  date: Date;
  amount: bigint;
}

type Existing = { kind: string; date: Date; amount: bigint; note: string | null };
type SavingsItem = { row: TableRow; kind: keyof typeof KIND_LABELS; date: Date; amount: bigint };
const signature = (kind: string, date: Date, amount: bigint) => `${kind}:${isoDate(date)}:${amount}`;
const monthOf = (date: Date) => isoDate(date).slice(0, 7);

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const communes = new Map((await db.orgUnit.findMany({ where: { level: 'COMMUNE', code: { in: rows.map((r) => r.values.communeCode ?? '') }, ...orgUnitScope(actor) } })).map((c) => [c.code, c]));
  const members = await db.member.findMany({ where: { code: { in: rows.map((r) => r.values.memberCode ?? '') }, orgUnitId: { in: [...communes.values()].map((c) => c.id) } } });
  const memberOf = new Map(members.map((m) => [`${m.orgUnitId}:${m.code}`, m]));
  const schemes = new Map((await db.savingsScheme.findMany()).map((s) => [s.code, s]));
  const accounts = await db.savingsAccount.findMany({
    where: { memberId: { in: members.map((m) => m.id) }, ...scopeWhere(actor) },
    include: { transactions: { where: { reversedAt: null } } },
  });
  const accountOf = new Map(accounts.map((a) => [`${a.memberId}:${a.schemeId}`, a]));
  const groups = new Map<string, { rows: SavingsItem[]; member: (typeof members)[number]; scheme: SavingsScheme }>();
  for (const row of rows) {
    const v = row.values;
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(row.rowNumber, column, key, params));
    const before = issues.length;
    for (const c of ['communeCode', 'memberCode', 'scheme', 'kind', 'date', 'amount']) if (!v[c]) at(c, 'validation.required', { field: c });
    const commune = v.communeCode ? communes.get(v.communeCode.toUpperCase()) : undefined;
    if (v.communeCode && !commune) at('communeCode', 'imports.rows.unknownCommune', { code: v.communeCode });
    const member = commune && v.memberCode ? memberOf.get(`${commune.id}:${v.memberCode.toUpperCase()}`) : undefined;
    if (commune && v.memberCode && !member) at('memberCode', 'imports.rows.unknownMember', { code: v.memberCode });
    const scheme = v.scheme ? schemes.get(v.scheme.toUpperCase()) : undefined;
    if (v.scheme && !scheme) at('scheme', 'imports.rows.unknownScheme', { code: v.scheme });
    const kind = v.kind ? readKind(v.kind) : null;
    if (v.kind && !kind) at('kind', 'imports.rows.savingsKind');
    const read = readPastDate(v.date);
    if (read.problem) at('date', read.problem.key, { field: 'date', ...read.problem.params });
    const date = read.date;
    const amount = parseMoney(v.amount);
    if (v.amount && !amount.ok) at('amount', `validation.money.${amount.error}`, { field: 'amount' });
    else if (amount.ok && amount.value <= 0n) at('amount', 'loans.amountPositive');
    if (issues.length > before || !member || !scheme || !kind || !date || !amount.ok) continue;
    const key = `${member.id}:${scheme.id}`;
    const group = groups.get(key) ?? { rows: [], member, scheme };
    group.rows.push({ row, kind, date, amount: amount.value });
    groups.set(key, group);
  }
  const parsed: ParsedMovement[] = [];
  for (const [key, group] of groups) replay(group, accountOf.get(key) ?? null, issues, parsed);
  return { parsed, issues };
}

/**
 * Replays the file's rows of one account, in date order, on top of its live movements: a row equal
 * to one already there is unchanged (so re-importing a file or an export writes nothing), an
 * opening balance comes first, deposits keep the scheme's monthly range, withdrawals its rules.
 */
function replay(
  group: { rows: SavingsItem[]; member: { id: string; orgUnitId: string; status: string }; scheme: SavingsScheme },
  account: { id: string; transactions: Existing[] } | null,
  issues: RowIssue[],
  parsed: ParsedMovement[],
) {
  const { scheme, member } = group;
  const existing = account?.transactions ?? [];
  const unmatched = new Map<string, number>();
  for (const t of existing) {
    const kind = t.note === OPENING_NOTE && t.kind === 'DEPOSIT' ? 'OPENING' : t.kind;
    const sig = signature(kind, t.date, t.amount);
    unmatched.set(sig, (unmatched.get(sig) ?? 0) + 1);
  }
  const movements: Existing[] = [...existing];
  const sorted = [...group.rows].sort((a, b) => a.date.getTime() - b.date.getTime() || a.row.rowNumber - b.row.rowNumber);
  for (const item of sorted) {
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(item.row.rowNumber, column, key, params));
    const sig = signature(item.kind, item.date, item.amount);
    const base = {
      rowNumber: item.row.rowNumber, memberId: member.id, orgUnitId: member.orgUnitId, schemeId: scheme.id, accountId: account?.id ?? null,
      kind: item.kind, date: item.date, amount: item.amount,
    };
    if ((unmatched.get(sig) ?? 0) > 0) {
      unmatched.set(sig, unmatched.get(sig)! - 1);
      parsed.push({ ...base, action: 'unchanged' });
      continue;
    }
    const balance = movements.filter((t) => t.date <= item.date).reduce((s, t) => s + (t.kind === 'WITHDRAWAL' ? -t.amount : t.amount), 0n);
    if (item.kind === 'OPENING') {
      // The first movement of the account: nothing posted yet, nothing earlier in the file.
      if (movements.length > 0) { at('kind', 'imports.rows.openingNotFirst'); continue; }
    } else if (item.kind === 'DEPOSIT') {
      if (member.status !== 'ACTIVE') { at('memberCode', 'members.notActive'); continue; }
      const month = movements.filter((t) => t.kind === 'DEPOSIT' && t.note !== OPENING_NOTE && monthOf(t.date) === monthOf(item.date)).reduce((s, t) => s + t.amount, 0n);
      if (month + item.amount > scheme.maxMonthlyDeposit) { at('amount', 'savings.aboveMonthlyMax', { max: formatThousands(scheme.maxMonthlyDeposit), already: formatThousands(month) }); continue; }
      if (month === 0n && item.amount < scheme.minMonthlyDeposit) { at('amount', 'savings.belowMonthlyMin', { min: formatThousands(scheme.minMonthlyDeposit) }); continue; }
    } else {
      if (!scheme.withdrawalsAllowed) { at('kind', 'savings.noWithdrawals'); continue; }
      // Later movements already there must stay covered too: judge the lowest balance from this day on.
      const later = movements.filter((t) => t.date > item.date).sort((a, b) => a.date.getTime() - b.date.getTime());
      let lowest = balance - item.amount;
      let running = lowest;
      for (const t of later) { running += t.kind === 'WITHDRAWAL' ? -t.amount : t.amount; lowest = running < lowest ? running : lowest; }
      if (lowest < scheme.minBalance) { at('amount', 'savings.insufficient', { available: formatThousands(balance > scheme.minBalance ? balance - scheme.minBalance : 0n) }); continue; }
    }
    movements.push({ kind: item.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : 'DEPOSIT', date: item.date, amount: item.amount, note: item.kind === 'OPENING' ? OPENING_NOTE : null });
    parsed.push({ ...base, action: 'create' });
  }
}

export const savingsKind: ImportKind<ParsedMovement> = {
  name: 'savings',
  spec: SAVINGS_SPEC,
  permission: 'savings:post',
  validate,
  async apply(actor, tx, parsed, progress) {
    let created = 0;
    const accountIds = new Map<string, string>();
    for (const row of [...parsed].sort((a, b) => a.date.getTime() - b.date.getTime() || a.rowNumber - b.rowNumber)) {
      if (row.action !== 'create') continue;
      const key = `${row.memberId}:${row.schemeId}`;
      let accountId = row.accountId ?? accountIds.get(key);
      if (!accountId) {
        // A new account opens on the earliest date the file gives it.
        const openedAt = parsed.filter((p) => p.memberId === row.memberId && p.schemeId === row.schemeId).reduce((m, p) => (p.date < m ? p.date : m), row.date);
        const account = await tx.savingsAccount.create({ data: { schemeId: row.schemeId, memberId: row.memberId, orgUnitId: row.orgUnitId, openedAt } });
        await writeAudit(tx, auditActorOf(actor), { action: 'savings.open', entity: 'SavingsAccount', entityId: account.id, after: account });
        accountId = account.id;
      }
      accountIds.set(key, accountId);
      const kind = row.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : 'DEPOSIT';
      await postInTx(actor, tx, accountId, kind, { date: row.date, amount: row.amount, note: row.kind === 'OPENING' ? OPENING_NOTE : 'import' }, { opening: row.kind === 'OPENING', historical: true });
      created += 1;
      progress(1);
    }
    return { created, updated: 0, unchanged: parsed.length - created };
  },
  async exportMemberIds(actor) {
    const accounts = await db.savingsAccount.findMany({ where: { AND: [savingsAccountWhere(actor), { transactions: { some: { reversedAt: null } } }] }, select: { memberId: true }, distinct: ['memberId'] });
    return accounts.map((a) => a.memberId);
  },
  async *exportRows(actor) {
    const transactions = await db.savingsTransaction.findMany({
      where: { reversedAt: null, account: savingsAccountWhere(actor) },
      include: { account: { select: { scheme: { select: { code: true } }, member: { select: { code: true } }, orgUnit: { select: { code: true } } } } },
      orderBy: [{ accountId: 'asc' }, { date: 'asc' }, { postedAt: 'asc' }],
    });
    for (const t of transactions) {
      const kind = t.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : t.note === OPENING_NOTE ? 'OPENING' : 'DEPOSIT';
      yield { communeCode: t.account.orgUnit.code, memberCode: t.account.member.code ?? '', scheme: t.account.scheme.code, kind: KIND_LABELS[kind], date: formatDateOnly(t.date), amount: t.amount.toString() };
    }
  },
};
