import type { Actor } from '@/lib/auth/actor';
import { readPastDate } from '@/lib/groups/schemas';
import { scopeWhere } from '@/lib/auth/scope';
import { formatDateOnly, isoDate } from '@/lib/calendar/date-only';
import { db, type LoanTransaction } from '@/lib/db';
import { computeLoanState, type LoanEvent } from '@/lib/loans/engine/ledger';
import { eventsOf, termsOf, type LoanWithTerms } from '@/lib/loans/loan-terms';
import { postRepaymentInTx } from '@/lib/loans/post-repayment';
import { formatThousands, parseMoney } from '@/lib/money';
import type { TableRow, TableSpec } from '../types';
import { issue, type ImportKind, type RowIssue } from './kind';

export const REPAYMENT_SPEC: TableSpec = {
  kind: 'Danh sách thu nợ',
  columns: [
    { key: 'number', header: 'Số khoản vay', required: true, description: 'Số khoản vay (đã có trong hệ thống).', example: 'KU-2024-0001' },
    { key: 'date', header: 'Ngày trả', required: true, description: 'dd/mm/yyyy; các lần trả của một khoản vay theo thứ tự ngày.', example: '15/02/2025' },
    { key: 'principal', header: 'Tiền gốc', required: true, description: 'Đồng.', example: '833.333' },
    { key: 'interest', header: 'Tiền lãi', required: true, description: 'Đồng, gồm cả lãi quá hạn.', example: '56.833' },
  ],
};

interface ParsedRepayment {
  rowNumber: number;
  action: 'create' | 'unchanged';
  loanId: string;
  date: Date;
  amount: bigint;
  key: string;
}

/** The idempotency key of an imported repayment: loan, date, split and its rank among equal rows. */
const keyOf = (loanId: string, date: Date, principal: bigint, interest: bigint, rank: number) => `${loanId}:import:${isoDate(date)}:${principal}:${interest}:${rank}`;

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const loans = await db.loan.findMany({
    where: { ...scopeWhere(actor), number: { in: rows.map((r) => r.values.number) } },
    include: { programme: { include: { rates: true } }, transactions: true },
  });
  const loanByNumber = new Map(loans.map((l) => [l.number, l]));
  const byLoan = new Map<string, { row: TableRow; date: Date; principal: bigint; interest: bigint }[]>();
  for (const row of rows) {
    const v = row.values;
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(row.rowNumber, column, key, params));
    const before = issues.length;
    for (const c of ['number', 'date', 'principal', 'interest']) if (!v[c]) at(c, 'validation.required', { field: c });
    const loan = v.number ? loanByNumber.get(v.number) : undefined;
    if (v.number && !loan) at('number', 'imports.rows.unknownLoan', { number: v.number });
    else if (loan && !loan.disbursedAt) at('number', 'loans.wrongStatus', { number: loan.number, status: loan.status });
    const read = readPastDate(v.date);
    if (read.problem) at('date', read.problem.key, { field: 'date', ...read.problem.params });
    const date = read.date;
    const principal = parseMoney(v.principal);
    const interest = parseMoney(v.interest);
    if (v.principal && !principal.ok) at('principal', `validation.money.${principal.error}`, { field: 'principal' });
    if (v.interest && !interest.ok) at('interest', `validation.money.${interest.error}`, { field: 'interest' });
    if (issues.length > before || !loan || !date || !principal.ok || !interest.ok) continue;
    byLoan.set(loan.id, [...(byLoan.get(loan.id) ?? []), { row, date, principal: principal.value, interest: interest.value }]);
  }
  const parsed: ParsedRepayment[] = [];
  for (const [loanId, items] of byLoan) {
    checkLoan(loans.find((l) => l.id === loanId)!, items, issues, parsed);
  }
  return { parsed, issues };
}

/** Replays the file's rows on the loan's ledger: each must split exactly as the ledger splits it. */
function checkLoan(
  loan: LoanWithTerms & { transactions: LoanTransaction[] },
  items: { row: TableRow; date: Date; principal: bigint; interest: bigint }[],
  issues: RowIssue[],
  parsed: ParsedRepayment[],
) {
  const keys = new Set(loan.transactions.map((t) => t.idempotencyKey));
  const rank = new Map<string, number>();
  const events: LoanEvent[] = eventsOf(loan.transactions);
  const sorted = [...items].sort((a, b) => a.date.getTime() - b.date.getTime() || a.row.rowNumber - b.row.rowNumber);
  const latest = events.reduce<Date | null>((m, e) => (!m || e.date > m ? e.date : m), null);
  for (const item of sorted) {
    const base = `${isoDate(item.date)}:${item.principal}:${item.interest}`;
    rank.set(base, (rank.get(base) ?? 0) + 1);
    const key = keyOf(loan.id, item.date, item.principal, item.interest, rank.get(base)!);
    const amount = item.principal + item.interest;
    if (keys.has(key)) {
      parsed.push({ rowNumber: item.row.rowNumber, action: 'unchanged', loanId: loan.id, date: item.date, amount, key });
      continue;
    }
    if (latest && item.date < latest) {
      issues.push(issue(item.row.rowNumber, 'date', 'loans.backdated'));
      continue;
    }
    const id = `row-${item.row.rowNumber}`;
    events.push({ kind: 'PAYMENT', id, date: item.date, amount });
    const state = computeLoanState(termsOf(loan), events, item.date);
    const split = state.allocations.get(id);
    const ledgerPrincipal = split ? split.overduePrincipal + split.principal + split.prepayment : 0n;
    if (state.rejected.has(id) || ledgerPrincipal !== item.principal) {
      issues.push(issue(item.row.rowNumber, 'principal', 'imports.rows.splitMismatch', {
        principal: formatThousands(ledgerPrincipal),
        interest: formatThousands(split ? split.interest + split.overdueInterest : 0n),
      }));
      events.pop();
      continue;
    }
    parsed.push({ rowNumber: item.row.rowNumber, action: 'create', loanId: loan.id, date: item.date, amount, key });
  }
}

export const repaymentsKind: ImportKind<ParsedRepayment> = {
  name: 'repayments',
  spec: REPAYMENT_SPEC,
  permission: 'loan:apply',
  validate,
  async apply(actor, tx, parsed, progress) {
    let created = 0;
    for (const row of [...parsed].sort((a, b) => a.date.getTime() - b.date.getTime())) {
      if (row.action !== 'create') continue;
      await postRepaymentInTx(actor, tx, row.loanId, { date: row.date, amount: row.amount, idempotencyKey: row.key.slice(row.loanId.length + 1), note: 'import' });
      created += 1;
      progress(1);
    }
    return { created, updated: 0, unchanged: parsed.length - created };
  },
  async exportMemberIds(actor) {
    const loans = await db.loan.findMany({ where: { AND: [scopeWhere(actor), { transactions: { some: { kind: 'REPAYMENT', reversedAt: null } } }] }, select: { memberId: true }, distinct: ['memberId'] });
    return loans.map((l) => l.memberId);
  },
  async *exportRows(actor) {
    const transactions = await db.loanTransaction.findMany({
      where: { kind: 'REPAYMENT', reversedAt: null, loan: scopeWhere(actor) },
      include: { loan: { select: { number: true } } },
      orderBy: [{ loanId: 'asc' }, { date: 'asc' }, { postedAt: 'asc' }],
    });
    for (const t of transactions) {
      yield { number: t.loan.number, date: formatDateOnly(t.date), principal: t.principal.toString(), interest: (t.interest + t.overdueInterest).toString() };
    }
  },
};
