import type { Actor } from '@/lib/auth/actor';
import { readPastDate } from '@/lib/groups/schemas';
import { scopeWhere } from '@/lib/auth/scope';
import { todayInVietnam } from '@/lib/clock';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { postPlannedRepayments } from '@/lib/loans/post-repayments';
import { parseMoney } from '@/lib/money';
import type { TableRow, TableSpec } from '../types';
import { issue, type ImportKind, type RowIssue } from './kind';
import { fingerprintOf, loanFingerprints, planLoanRows, type LoanPlan, type RepaymentRow } from './repayments-plan';

export const REPAYMENT_SPEC: TableSpec = {
  kind: 'Danh sách thu nợ',
  columns: [
    { key: 'number', header: 'Số khoản vay', required: true, description: 'Số khoản vay (đã có trong hệ thống).', example: 'KU-2024-0001' },
    { key: 'date', header: 'Ngày trả', required: true, description: 'dd/mm/yyyy; các lần trả của một khoản vay theo thứ tự ngày.', example: '15/02/2025' },
    {
      key: 'principal', header: 'Tiền gốc',
      description: 'Đồng. Chỉ có tiền gốc (như sao kê của ngân hàng): hệ thống tính tiền lãi đến hạn ngày đó và cộng vào.', example: '833.333',
    },
    { key: 'interest', header: 'Tiền lãi', description: 'Đồng, gồm cả lãi quá hạn. Có thể để trống; nếu ghi thì phải khớp sổ sách.', example: '56.833' },
    {
      key: 'amount', header: 'Số tiền trả', aliases: ['Tổng tiền trả'],
      description: 'Đồng, tổng số tiền đã trả; dùng khi không tách gốc và lãi: hệ thống chia (lãi trước, rồi gốc).', example: '890.166',
    },
  ],
};

export interface ParsedRepayment {
  rowNumber: number;
  action: 'create' | 'unchanged';
  /** The loan's plan, shared by its rows: what to write, and the loan's postings it was judged on. */
  plan: LoanPlan | null;
}

function readRow(row: TableRow, issues: RowIssue[]): RepaymentRow | null {
  const v = row.values;
  const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(row.rowNumber, column, key, params));
  const before = issues.length;
  for (const c of ['number', 'date']) if (!v[c]) at(c, 'validation.required', { field: c });
  // The principal, the amount paid, or both principal and interest: the ledger works out the rest.
  if (!v.principal && (!v.amount || v.interest)) at('principal', 'validation.required', { field: 'principal' });
  const money = (column: 'principal' | 'interest' | 'amount') => {
    if (!v[column]) return null;
    const read = parseMoney(v[column]);
    if (!read.ok) at(column, `validation.money.${read.error}`, { field: column });
    return read.ok ? read.value : null;
  };
  const [principal, interest, amount] = [money('principal'), money('interest'), money('amount')];
  const read = readPastDate(v.date);
  if (read.problem) at('date', read.problem.key, { field: 'date', ...read.problem.params });
  if (issues.length > before || !read.date) return null;
  return { ref: row.rowNumber, number: v.number, date: read.date, principal, interest, amount };
}

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const loans = await db.loan.findMany({
    where: { ...scopeWhere(actor), number: { in: [...new Set(rows.map((r) => r.values.number))] } },
    include: { programme: { include: { rates: true } }, transactions: true },
  });
  const loanByNumber = new Map(loans.map((l) => [l.number, l]));
  const byLoan = new Map<string, RepaymentRow[]>();
  for (const row of rows) {
    const read = readRow(row, issues);
    if (!read) continue;
    const loan = loanByNumber.get(read.number);
    if (!loan) issues.push(issue(row.rowNumber, 'number', 'imports.rows.unknownLoan', { number: read.number }));
    else if (!loan.disbursedAt) issues.push(issue(row.rowNumber, 'number', 'loans.wrongStatus', { number: loan.number, status: loan.status }));
    else byLoan.set(loan.id, [...(byLoan.get(loan.id) ?? []), read]);
  }
  const asOf = todayInVietnam();
  const parsed: ParsedRepayment[] = [];
  for (const loan of loans) {
    const loanRows = byLoan.get(loan.id);
    if (loanRows) parsed.push(...planLoanRows(loan, loanRows, asOf, issues));
  }
  return { parsed, issues };
}

export const repaymentsKind: ImportKind<ParsedRepayment> = {
  name: 'repayments',
  spec: REPAYMENT_SPEC,
  permission: 'loan:apply',
  validate,
  async apply(actor, tx, parsed, progress) {
    const plans = [...new Set(parsed.filter((r) => r.action === 'create').map((r) => r.plan!))];
    if (plans.length > 0) {
      // The loans locked, then proven unchanged since they were judged (no posting, reversal or rate
      // change meanwhile): the judgement stands, as if made under the lock.
      const ids = plans.map((p) => p.loan.id).sort();
      await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
      const now = await loanFingerprints(tx, ids);
      if (plans.some((p) => now.get(p.loan.id) !== fingerprintOf(p.loan))) throw new AppError('CONFLICT', 'imports.concurrentChange');
      await postPlannedRepayments(actor, tx, plans, plans[0]!.asOf);
    }
    const created = parsed.filter((r) => r.action === 'create').length;
    progress(created);
    return { created, updated: 0, unchanged: parsed.length - created };
  },
  async exportMemberIds(actor) {
    const loans = await db.loan.findMany({ where: { AND: [scopeWhere(actor), { transactions: { some: { kind: 'REPAYMENT', reversedAt: null } } }] }, select: { memberId: true }, distinct: ['memberId'] });
    return loans.map((l) => l.memberId);
  },
  summarize(parsed) {
    const lines = [...new Set(parsed.filter((r) => r.action === 'create').map((r) => r.plan!))].flatMap((p) => p.lines);
    return {
      principal: lines.reduce((s, l) => s + l.principal, 0n).toString(),
      interest: lines.reduce((s, l) => s + l.interest + l.overdueInterest, 0n).toString(),
      interestComputed: lines.filter((l) => l.computed).length,
    };
  },
  exportCount: (actor) => db.loanTransaction.count({ where: { kind: 'REPAYMENT', reversedAt: null, loan: scopeWhere(actor) } }),
  async *exportRows(actor) {
    const transactions = await db.loanTransaction.findMany({
      where: { kind: 'REPAYMENT', reversedAt: null, loan: scopeWhere(actor) },
      include: { loan: { select: { number: true } } },
      orderBy: [{ loanId: 'asc' }, { date: 'asc' }, { postedAt: 'asc' }],
    });
    for (const t of transactions) {
      yield {
        number: t.loan.number, date: formatDateOnly(t.date), principal: t.principal.toString(), interest: (t.interest + t.overdueInterest).toString(),
        amount: t.amount.toString(),
      };
    }
  },
};
