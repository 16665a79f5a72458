import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findGroupInScope } from '@/lib/groups/find-group';
import { postRepaymentInTx } from '@/lib/loans/post-repayment';
import { postInTx } from '@/lib/savings/post-movement';
import { sheetDate } from './get-collection-sheet';
import { saveSheetSchema, type SaveSheetInput } from './schemas';

/**
 * Saves a group's sheet for a month: every repayment and deposit posts in ONE transaction at the
 * collection day; a problem on any row saves nothing and names the row (1-based, member's name).
 * A saved sheet is not saved again: corrections reverse the postings.
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
      if (await tx.collectionSheet.findUnique({ where: { groupId_month: { groupId: group.id, month: data.month } } })) {
        throw new AppError('CONFLICT', 'sheets.alreadySaved', { month: data.month });
      }
      const members = new Map((await tx.member.findMany({ where: { groupId: group.id, status: 'ACTIVE' } })).map((m) => [m.id, m]));
      let totalLoans = 0n;
      let totalSaving = 0n;
      const rows = [];
      for (const [index, row] of data.rows.entries()) {
        const member = members.get(row.memberId);
        try {
          if (!member) throw new AppError('VALIDATION', 'sheets.notInGroup');
          const loanIds: string[] = [];
          const savingIds: string[] = [];
          let loanPaid = 0n;
          let savingsPaid = 0n;
          for (const loan of row.loans.filter((l) => l.amount > 0n)) {
            const owned = await tx.loan.findFirst({ where: { id: loan.loanId, memberId: row.memberId, groupId: group.id } });
            if (!owned) throw new AppError('VALIDATION', 'sheets.notInGroup');
            const { transaction } = await postRepaymentInTx(actor, tx, loan.loanId, { date, amount: loan.amount, idempotencyKey: data.idempotencyKey && `${data.idempotencyKey}:${index}` });
            loanIds.push(transaction.id);
            loanPaid += loan.amount;
          }
          for (const saving of row.savings.filter((s) => s.amount > 0n)) {
            const owned = await tx.savingsAccount.findFirst({ where: { id: saving.accountId, memberId: row.memberId } });
            if (!owned) throw new AppError('VALIDATION', 'sheets.notInGroup');
            const { transaction } = await postInTx(actor, tx, saving.accountId, 'DEPOSIT', { date, amount: saving.amount, idempotencyKey: data.idempotencyKey && `${data.idempotencyKey}:${index}` });
            savingIds.push(transaction.id);
            savingsPaid += saving.amount;
          }
          totalLoans += loanPaid;
          totalSaving += savingsPaid;
          rows.push({ memberId: row.memberId, attended: row.attended, loanTransactionIds: loanIds, savingsTransactionIds: savingIds, loanPaid, savingsPaid });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // The whole sheet rolls back; the message names the row and the member.
          throw new AppError(error.code === 'CONFLICT' ? 'CONFLICT' : 'VALIDATION', 'sheets.rowError', { row: index + 1, name: member?.fullName ?? '?' }, {
            [`rows.${index}`]: { key: error.messageKey, params: error.params },
          });
        }
      }
      const sheet = await tx.collectionSheet.create({
        data: { groupId: group.id, month: data.month, date, savedById: actor.userId, totalLoans, totalSaving, rows: { create: rows } },
        include: { rows: true },
      });
      await writeAudit(tx, auditActorOf(actor), { action: 'sheet.save', entity: 'CollectionSheet', entityId: sheet.id, after: { group: group.code, month: data.month, totalLoans, totalSaving, rows: rows.length } });
      return sheet;
    },
    { timeout: 60_000 },
  );
}
