import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { groupWhere } from '@/lib/auth/business';
import { db } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { sheetDate } from './meeting-dates';
import { monthSchema } from './schemas';

/**
 * The commune's view of a month: every active group in scope with its collection day, whether its
 * sheet was saved (remitted) and its totals; the totals row is the sum of the saved sheets.
 */
export async function listSheets(actor: Actor, month: string) {
  assertCan(actor, 'loan:read');
  parseInput(monthSchema, month);
  const groups = await db.group.findMany({
    where: { ...groupWhere(actor), status: 'ACTIVE' },
    include: { orgUnit: { select: { name: true } }, collectionSheets: { where: { month } } },
    orderBy: [{ orgUnitId: 'asc' }, { code: 'asc' }],
  });
  const rows = groups.map((g) => ({
    group: { id: g.id, code: g.code, name: g.name, commune: g.orgUnit.name },
    date: sheetDate(month, g.meetingDay),
    sheet: g.collectionSheets[0] ?? null,
  }));
  rows.sort((a, b) => a.date.getTime() - b.date.getTime() || a.group.code.localeCompare(b.group.code));
  const saved = rows.flatMap((r) => (r.sheet ? [r.sheet] : []));
  return {
    month,
    rows,
    remitted: saved.length,
    totalLoans: saved.reduce((s, x) => s + x.totalLoans, 0n),
    totalSaving: saved.reduce((s, x) => s + x.totalSaving, 0n),
  };
}
