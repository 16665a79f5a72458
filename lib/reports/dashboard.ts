import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { fundSourceFor } from '@/lib/auth/business';
import { scopeWhere } from '@/lib/auth/scope';
import { isoDate, monthOf, parseDateOnly } from '@/lib/calendar/date-only';
import { latestMeetingMonth } from '@/lib/collections/meeting-dates';
import { todayInVietnam } from '@/lib/clock';
import { db, readDb } from '@/lib/db';
import { inspectionCoverage } from '@/lib/inspections/coverage';
import { addDays } from '@/lib/loans/engine/dates';
import { withUnitIds } from '@/lib/ledger/posting-sums';
import { findReportArea } from '@/lib/org/find-org-unit';
import { summaryReport } from './summary';
import { monthlyTrend } from './trend';

/**
 * A unit's dashboard: the year to date (KPIs, programmes, communes ranked, overdue ageing, the
 * inspection coverage) and 24 months of lending and outstanding. Every figure comes from the
 * summary report and the ledger, so a chart and the report it drills into agree — all read in one
 * place, the replica when there is one (`asOf`: decision 021).
 */
export async function unitDashboard(actor: Actor, { orgUnitId }: { orgUnitId?: string } = {}) {
  assertCan(actor, 'loan:read');
  const reads = await readDb();
  const { unit, within } = await findReportArea(actor, orgUnitId, reads.db);
  const today = todayInVietnam();
  const period = { orgUnitId: unit.id, from: isoDate(new Date(Date.UTC(today.getUTCFullYear(), 0, 1))), to: isoDate(today) };
  const [summary, trend, coverage] = await Promise.all([
    // Rows: a commune's groups, the central union's provinces, every commune below a province or district.
    // The borrowers at the start of the year are not shown here (the summary report has them).
    summaryReport(actor, { ...period, by: unit.level === 'COMMUNE' || unit.level === 'CENTRAL' ? undefined : 'commune' }, reads, { startBorrowers: false }),
    monthlyTrend(reads.db, await withUnitIds(reads.db, { path: unit.path, within, fundSource: fundSourceFor(actor) }), monthOf(today, -23), monthOf(today)),
    actorCan(actor, 'inspection:read') && !within ? inspectionCoverage(actor, period, reads.db) : Promise.resolve(null),
  ]);
  const clusters = clusterTotals(summary.byChild);
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level }, summary, trend, inspectionRatio: coverage?.ratio ?? null, clusters,
    asOf: reads.asOf,
  };
}

export interface ClusterTotal {
  /** The cluster's name, or null for communes the province has not put in one. */
  cluster: string | null;
  communes: number;
  disbursed: bigint;
  outstanding: bigint;
}

/**
 * The communes' rows summed by the cluster (cụm) each belongs to, largest outstanding first; empty
 * when no commune has a cluster. The sums add up to the rows, so to the report's totals.
 */
export function clusterTotals(rows: { orgUnit: { cluster?: string | null }; disbursed: bigint; outstanding: bigint }[]): ClusterTotal[] {
  if (!rows.some((r) => r.orgUnit.cluster)) return [];
  const totals = new Map<string | null, ClusterTotal>();
  for (const r of rows) {
    const key = r.orgUnit.cluster ?? null;
    const t = totals.get(key) ?? { cluster: key, communes: 0, disbursed: 0n, outstanding: 0n };
    t.communes += 1;
    t.disbursed += r.disbursed;
    t.outstanding += r.outstanding;
    totals.set(key, t);
  }
  return [...totals.values()].sort((a, b) => (b.outstanding > a.outstanding ? 1 : b.outstanding < a.outstanding ? -1 : 0));
}

/**
 * A commune officer's work for today: meetings in the coming week, collection sheets not yet
 * saved, applications waiting, overdue loans, inspection follow-ups falling due. Read on the
 * primary: it is her own work — a sheet she just saved must leave the list at once.
 */
export async function communeWork(actor: Actor) {
  assertCan(actor, 'loan:read');
  const today = todayInVietnam();
  const inAWeek = addDays(today, 7);
  const [groups, sheets, waiting, overdue, followUps] = await Promise.all([
    db.group.findMany({
      where: { ...scopeWhere(actor), status: 'ACTIVE', loans: { some: { status: { in: ['DISBURSED', 'FROZEN'] } } } },
      select: { id: true, code: true, name: true, meetingDay: true },
      orderBy: { code: 'asc' },
    }),
    db.collectionSheet.findMany({
      where: { group: scopeWhere(actor), month: { in: [monthOf(today, -2), monthOf(today, -1), monthOf(today)] } },
      select: { groupId: true, month: true },
    }),
    db.loan.groupBy({ by: ['status'], where: { ...scopeWhere(actor), status: { in: ['APPLIED', 'APPRAISED', 'APPROVED'] } }, _count: { _all: true } }),
    db.loan.aggregate({ where: { ...scopeWhere(actor), status: { in: ['DISBURSED', 'FROZEN'] }, cachedOverdue: { gt: 0 } }, _count: { _all: true }, _sum: { cachedOverdue: true }, _min: { cachedAsOf: true } }),
    actorCan(actor, 'inspection:read')
      ? db.followUp.findMany({ where: { ...scopeWhere(actor), status: 'OPEN', dueDate: { lte: inAWeek } }, orderBy: { dueDate: 'asc' }, take: 20 })
      : Promise.resolve([]),
  ]);
  const saved = new Set(sheets.map((s) => `${s.groupId}:${s.month}`));
  const meetingOn = (day: number, shift: number) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + shift, 1));
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), Math.min(day, last)));
  };
  const meetings = groups
    .filter((g) => g.meetingDay)
    .map((g) => ({ group: g, date: [meetingOn(g.meetingDay!, 0), meetingOn(g.meetingDay!, 1)].find((d) => d >= today)! }))
    .filter((m) => m.date <= inAWeek)
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  // The sheets of the two latest meetings on or before today, while not saved.
  const sheetsDue = groups.flatMap((g) => {
    const latest = latestMeetingMonth(g.meetingDay, today);
    return [monthOf(parseDateOnly(`${latest}-01`)!, -1), latest].filter((month) => !saved.has(`${g.id}:${month}`)).map((month) => ({ group: g, month }));
  });
  const count = (status: string) => waiting.find((w) => w.status === status)?._count._all ?? 0;
  return {
    today,
    meetings,
    sheetsDue,
    applications: { applied: count('APPLIED'), appraised: count('APPRAISED'), approved: count('APPROVED') },
    overdue: { loans: overdue._count._all, amount: overdue._sum.cachedOverdue ?? 0n, asOf: overdue._min.cachedAsOf },
    followUps: followUps.map((f) => ({ id: f.id, action: f.action, owner: f.owner, dueDate: f.dueDate, late: f.dueDate < today })),
  };
}
