import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { getCollectionSheet } from './get-collection-sheet';
import { collectionSheetWorkbook, type SheetHeader, type SheetLine } from './sheet-workbook';

/**
 * The sheet as XLSX in form 13/TD (lib/collections/sheet-workbook.ts): before the meeting, what is
 * due with empty cells to fill in; once saved, what was collected beside it — each loan's interest
 * and principal as the postings split them, the member's savings as deposited.
 */
export async function exportCollectionSheet(actor: Actor, groupId: string, month: string) {
  const { header, lines, group, sheet } = await collectionSheetLines(actor, groupId, month);
  const data = await collectionSheetWorkbook(header, lines);
  return { stream: new Blob([data as Uint8Array<ArrayBuffer>]).stream(), fileName: `bang-ke-13TD-${group.code}-${sheet.month}.xlsx` };
}

/**
 * The sheet's lines in form 13/TD, for the XLSX and the printed page alike: a line per loan (a
 * member without loans has one line for her savings), what was due, and once saved what was collected.
 */
export async function collectionSheetLines(actor: Actor, groupId: string, month?: string) {
  const sheet = await getCollectionSheet(actor, groupId, month);
  const [loanPostings, savingsPostings, group, office] = await Promise.all([
    db.loanTransaction.findMany({ where: { id: { in: sheet.rows.flatMap((r) => r.saved?.loanTransactionIds ?? []) }, reversedAt: null } }),
    db.savingsTransaction.findMany({ where: { id: { in: sheet.rows.flatMap((r) => r.saved?.savingsTransactionIds ?? []) }, reversedAt: null } }),
    db.group.findUniqueOrThrow({
      where: { id: sheet.group.id },
      select: { code: true, name: true, leader: { select: { fullName: true } }, orgUnit: { select: { name: true } } },
    }),
    db.bankOffice.findFirst({ where: { communes: { some: { orgUnitId: sheet.group.orgUnitId } } }, select: { name: true } }),
  ]);
  const lines: SheetLine[] = sheet.rows.flatMap((r) => {
    const saved = r.saved;
    const savingsDue = r.savings.reduce((s, a) => s + a.expected, 0n);
    const accounts = new Set(r.savings.map((a) => a.accountId));
    const savingsPaid = savingsPostings
      .filter((t) => accounts.has(t.accountId) && saved?.savingsTransactionIds.includes(t.id))
      .reduce((s, t) => s + t.amount, 0n);
    const paidOn = (loanId: string) => {
      const posted = loanPostings.filter((t) => t.loanId === loanId && saved?.loanTransactionIds.includes(t.id));
      return { interest: posted.reduce((s, t) => s + t.interest + t.overdueInterest, 0n), principal: posted.reduce((s, t) => s + t.principal, 0n) };
    };
    const loans = r.loans.length > 0 ? r.loans : [null];
    return loans.map((l, i): SheetLine => ({
      member: r.member.fullName, first: i === 0, loanNumber: l?.number ?? '', outstanding: l?.outstanding ?? 0n,
      interestDue: l?.interestDue ?? 0n, principalDue: l?.principalDue ?? 0n, savingsDue,
      collected: saved ? { ...(l ? paidOn(l.loanId) : { interest: 0n, principal: 0n }), savings: savingsPaid } : null,
      attended: saved ? saved.attended : null,
    }));
  });
  const header: SheetHeader = {
    office: office?.name ?? null, commune: group.orgUnit.name, group: `${group.code} – ${group.name}`, leader: group.leader?.fullName ?? null,
    month: sheet.month, date: sheet.date,
  };
  return { header, lines, group, sheet };
}
