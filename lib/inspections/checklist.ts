import type { InspectionLevel } from '@/lib/db';

// The checklist of each inspection level (labels in the i18n catalogue under inspections.items).
// Commune: the entrustment work of the commune union; group: the group's meetings, books and
// collections; household: the borrower, eligibility, use of the loan and capacity to repay.
export const CHECKLIST: Record<InspectionLevel, readonly string[]> = {
  COMMUNE: ['entrustmentContract', 'groupsSupervised', 'reportsOnTime', 'recordsKept', 'overdueFollowedUp'],
  GROUP: ['meetingsHeld', 'booksKept', 'remittedOnTime', 'attendance', 'publicNotice'],
  HOUSEHOLD: ['borrowerExists', 'eligible', 'purposeAsAgreed', 'assetSeen', 'repaymentCapacity'],
};

export function isChecklistItem(level: InspectionLevel, item: string): boolean {
  return CHECKLIST[level].includes(item);
}
