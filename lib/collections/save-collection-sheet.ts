import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit, writeAuditMany, type AuditEntry } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { AppError, idempotencyMismatch, parseInput } from '@/lib/errors';
import { findGroupInScope } from '@/lib/groups/find-group';
import { loanStateOn, writeCachedFigures } from '@/lib/loans/loan-figures';
import { planRepayment } from '@/lib/loans/plan-repayment';
import { depositsInMonth } from '@/lib/savings/balance';
import { assertDepositAllowed } from '@/lib/savings/rules';
import { sheetDate } from './meeting-dates';
import { saveSheetSchema, type SaveSheetInput } from './schemas';

/**
 * Saves a group's sheet for a month: every repayment and deposit posts in ONE transaction at the
 * collection day; a problem on any row saves nothing and names the row (1-based, member's name).
 * A saved sheet is not saved again: corrections reverse the postings; a retry with the same
 * idempotency key returns the sheet already saved, provided it is the same sheet (422 naming the key
 * otherwise).
 *
 * The group's loans and savings accounts are locked and read once; every row is judged in memory
 * by the same rules as a single posting (planRepayment, assertDepositAllowed), then written in bulk.
 */
export async function saveCollectionSheet(actor: Actor, groupId: string, input: SaveSheetInput) {
  assertCan(actor, 'loan:apply');
  assertCan(actor, 'savings:post');
  const data = parseInput(saveSheetSchema, input);
  return db.$transaction(
    async (tx) => {
      const group = await findGroupInScope(actor, groupId, tx);
      const date = sheetDate(data.month, group.meetingDay);
      if (date > todayInVietnam()) throw new AppError('VALIDATION', 'sheets.future', {}, { month: { key: 'sheets.future' } });
      await tx.$queryRaw`SELECT 1 FROM "Group" WHERE "id" = ${group.id}::uuid FOR UPDATE`;
      const existing = await tx.collectionSheet.findUnique({ where: { groupId_month: { groupId: group.id, month: data.month } }, include: { rows: true } });
      if (data.idempotencyKey) {
        // The key of another group's or month's sheet: another request, not a retry of that one.
        const holder = existing?.idempotencyKey === data.idempotencyKey
          ? existing
          : await tx.collectionSheet.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
        if (holder && holder.id !== existing?.id) throw idempotencyMismatch(data.idempotencyKey);
      }
      if (existing) {
        if (data.idempotencyKey && existing.idempotencyKey === data.idempotencyKey) {
          if (!(await sameSheet(tx, existing.rows, data.rows))) throw idempotencyMismatch(data.idempotencyKey);
          return { ...existing, replayed: true };
        }
        throw new AppError('CONFLICT', 'sheets.alreadySaved', { month: data.month });
      }
      const ledger = await loadGroupLedger(actor, tx, group.id);
      const plan = planSheet(actor, ledger, data, date);
      await writePlan(tx, plan);
      const sheet = await tx.collectionSheet.create({
        data: {
          groupId: group.id, month: data.month, date, savedById: actor.userId, totalLoans: plan.totalLoans, totalSaving: plan.totalSaving,
          idempotencyKey: data.idempotencyKey,
        },
      });
      await tx.collectionSheetRow.createMany({ data: plan.rows.map((row) => ({ ...row, sheetId: sheet.id })) });
      await writeAuditMany(tx, auditActorOf(actor), plan.audit);
      await writeAudit(tx, auditActorOf(actor), { action: 'sheet.save', entity: 'CollectionSheet', entityId: sheet.id, after: { group: group.code, month: data.month, totalLoans: plan.totalLoans, totalSaving: plan.totalSaving, rows: plan.rows.length } });
      return { ...sheet, rows: await tx.collectionSheetRow.findMany({ where: { sheetId: sheet.id }, orderBy: { id: 'asc' } }), replayed: false };
    },
    { timeout: 60_000 },
  );
}

type SheetRowInput = ReturnType<typeof saveSheetSchema.parse>['rows'][number];
type SavedRow = { memberId: string; attended: boolean; loanTransactionIds: string[]; savingsTransactionIds: string[] };

/**
 * Whether a retried sheet is the one saved under its key: the same members with the same attendance,
 * and the same amounts to the same loans and savings accounts (read from the postings it made).
 */
async function sameSheet(tx: Tx, saved: SavedRow[], rows: SheetRowInput[]) {
  const loanPostings = await tx.loanTransaction.findMany({
    where: { id: { in: saved.flatMap((r) => r.loanTransactionIds) } }, select: { id: true, loanId: true, amount: true },
  });
  const savingsPostings = await tx.savingsTransaction.findMany({
    where: { id: { in: saved.flatMap((r) => r.savingsTransactionIds) } }, select: { id: true, accountId: true, amount: true },
  });
  const loanOf = new Map(loanPostings.map((t) => [t.id, `${t.loanId}:${t.amount}`]));
  const savingOf = new Map(savingsPostings.map((t) => [t.id, `${t.accountId}:${t.amount}`]));
  const line = (memberId: string, attended: boolean, loans: string[], savings: string[]) =>
    `${memberId}|${attended}|${[...loans].sort().join(',')}|${[...savings].sort().join(',')}`;
  const before = saved.map((r) =>
    line(r.memberId, r.attended, r.loanTransactionIds.map((id) => loanOf.get(id) ?? id), r.savingsTransactionIds.map((id) => savingOf.get(id) ?? id)));
  const now = rows.map((r) => line(
    r.memberId, r.attended,
    r.loans.filter((l) => l.amount > 0n).map((l) => `${l.loanId}:${l.amount}`),
    r.savings.filter((s) => s.amount > 0n).map((s) => `${s.accountId}:${s.amount}`),
  ));
  return JSON.stringify(before.sort()) === JSON.stringify(now.sort());
}

/** The group's active members, open loans and savings accounts, locked for the save. */
async function loadGroupLedger(actor: Actor, tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE "groupId" = ${groupId}::uuid AND "status" IN ('DISBURSED', 'FROZEN') FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "SavingsAccount" a JOIN "Member" m ON m."id" = a."memberId" WHERE m."groupId" = ${groupId}::uuid FOR UPDATE OF a`;
  const members = await tx.member.findMany({
    where: { groupId, status: 'ACTIVE' },
    include: {
      loans: { where: { groupId, ...scopeWhere(actor) }, include: { programme: { include: { rates: true } }, transactions: true } },
      savingsAccounts: { where: scopeWhere(actor), include: { scheme: true, transactions: true } },
    },
  });
  return new Map(members.map((m) => [m.id, m]));
}

type GroupLedger = Awaited<ReturnType<typeof loadGroupLedger>>;

/** Judges every row in memory; the first bad row stops everything and is named. */
function planSheet(actor: Actor, ledger: GroupLedger, data: ReturnType<typeof saveSheetSchema.parse>, date: Date) {
  const today = todayInVietnam();
  const plan = {
    loanTransactions: [] as ReturnType<typeof planRepayment>[],
    loanUpdates: [] as Parameters<typeof writeCachedFigures>[1],
    savingsTransactions: [] as { id: string; accountId: string; kind: 'DEPOSIT'; date: Date; amount: bigint; idempotencyKey: string | null; postedById: string }[],
    rows: [] as { memberId: string; attended: boolean; loanTransactionIds: string[]; savingsTransactionIds: string[]; loanPaid: bigint; savingsPaid: bigint }[],
    audit: [] as AuditEntry[],
    totalLoans: 0n,
    totalSaving: 0n,
  };
  for (const [index, row] of data.rows.entries()) {
    const member = ledger.get(row.memberId);
    try {
      if (!member) throw new AppError('VALIDATION', 'sheets.notInGroup');
      const key = data.idempotencyKey && `${data.idempotencyKey}:${index}`;
      const planned = {
        memberId: row.memberId, attended: row.attended, loanTransactionIds: [] as string[], savingsTransactionIds: [] as string[],
        loanPaid: 0n, savingsPaid: 0n,
      };
      for (const payment of row.loans.filter((l) => l.amount > 0n)) {
        const loan = member.loans.find((l) => l.id === payment.loanId);
        if (!loan) throw new AppError('VALIDATION', 'sheets.notInGroup');
        const transaction = planRepayment(loan, loan.transactions, { date, amount: payment.amount, idempotencyKey: key }, actor.userId);
        // The posted row joins the loaded ledger, so a second payment on the same loan is judged after it.
        loan.transactions.push({
          ...transaction, instalmentNo: null, newDueDate: null, decisionNo: null, decisionDate: null, approver: null,
          postedAt: new Date(), reversedAt: null, reversedById: null, reversalReason: null,
        });
        plan.loanTransactions.push(transaction);
        plan.audit.push({ action: 'loan.repayment', entity: 'LoanTransaction', entityId: transaction.id, after: { loan: loan.number, ...transaction } });
        planned.loanTransactionIds.push(transaction.id);
        planned.loanPaid += payment.amount;
      }
      for (const deposit of row.savings.filter((s) => s.amount > 0n)) {
        const account = member.savingsAccounts.find((a) => a.id === deposit.accountId);
        if (!account) throw new AppError('VALIDATION', 'sheets.notInGroup');
        assertDepositAllowed({ ...account, member }, depositsInMonth(account.transactions, date), { date, amount: deposit.amount });
        const transaction = { id: randomUUID(), accountId: account.id, kind: 'DEPOSIT' as const, date, amount: deposit.amount, idempotencyKey: key ? `${account.id}:${key}` : null, postedById: actor.userId };
        account.transactions.push({
          ...transaction, noticeDate: null, note: null, postedAt: new Date(), reversedAt: null, reversedById: null, reversalReason: null,
        });
        plan.savingsTransactions.push(transaction);
        plan.audit.push({ action: 'savings.deposit', entity: 'SavingsTransaction', entityId: transaction.id, after: transaction });
        planned.savingsTransactionIds.push(transaction.id);
        planned.savingsPaid += deposit.amount;
      }
      plan.totalLoans += planned.loanPaid;
      plan.totalSaving += planned.savingsPaid;
      plan.rows.push(planned);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The whole sheet rolls back; the message names the row and the member.
      throw new AppError(error.code === 'CONFLICT' ? 'CONFLICT' : 'VALIDATION', 'sheets.rowError', { row: index + 1, name: member?.fullName ?? '?' }, {
        [`rows.${index}`]: { key: error.messageKey, params: error.params },
      });
    }
  }
  // Each paid loan's list columns, as of today, with the sheet's payments in its ledger.
  const paid = new Set(plan.loanTransactions.map((t) => t.loanId));
  for (const member of ledger.values()) {
    for (const loan of member.loans.filter((l) => paid.has(l.id))) plan.loanUpdates.push({ id: loan.id, state: loanStateOn(loan, today), asOf: today });
  }
  return plan;
}

async function writePlan(tx: Tx, plan: ReturnType<typeof planSheet>) {
  if (plan.loanTransactions.length) await tx.loanTransaction.createMany({ data: plan.loanTransactions });
  if (plan.savingsTransactions.length) await tx.savingsTransaction.createMany({ data: plan.savingsTransactions });
  await writeCachedFigures(tx, plan.loanUpdates);
}
