import { todayInVietnam } from '@/lib/clock';
import type { Tx } from '@/lib/db';
import type { LedgerScope } from '@/lib/ledger/posting-sums';
import { addDays } from '@/lib/loans/engine/dates';
import { isKeptMonthEnd } from '@/lib/loans/month-ends';
import { byAgeing, overdueAsOf, overdueFigures, overdueFiguresOf, replayOverdue, type LoanOverdue, type OverdueFigures } from './overdue';
import { balancesOn, flowsInPeriod, type FlowRow } from './summary-figures';
import {
  balancesNow, borrowersLentTo, borrowersNow, borrowersOn, groupsOpenNow, groupsWithBalance, keptOverdueInScope, movedAfter, openLoansNow,
  overdueCandidates, snapshotBalances, snapshotCovers, snapshotFlows, staleOpenLoans, type Grain, type GroupIds, type OpenLoanCount, type OwnedAmount,
  type OwnedFlows,
} from './snapshot-figures';

/**
 * The loan figures of a summary over [from, to], per owner and programme: per group and commune
 * (grain 'group') or per commune only (grain 'commune', groupId '').
 */
export interface PeriodFigures {
  flows: FlowRow[];
  lent: { loans: number; borrowers: number };
  /**
   * At the end of the day before `from` (its borrowers null when not asked for: a dashboard does not
   * show them), and at the end of `to` (with the groups that have outstanding loans then).
   */
  start: { rows: OwnedAmount[]; borrowers: number | null };
  end: { rows: OwnedAmount[]; borrowers: number; groups: GroupIds };
  /** Overdue at `to`, by ageing. */
  overdue: OverdueFigures;
  source: 'snapshot' | 'ledger';
}

/**
 * The figures from the monthly pre-aggregate when the period allows it (whole months, ending on a
 * month's end or after the last posting: the dashboards' year to date, the monthly and yearly
 * reports), else straight from the ledger. Both give the same numbers (lib/reports/snapshot.test.ts).
 */
export async function periodFigures(tx: Tx, scope: LedgerScope, from: Date, to: Date, grain: Grain = 'group', options: FigureOptions = {}): Promise<PeriodFigures> {
  const wholeMonths = from.getUTCDate() === 1 && (await snapshotCovers(tx, to));
  return wholeMonths ? snapshotPeriodFigures(tx, scope, from, to, grain, options) : ledgerPeriodFigures(tx, scope, from, to, grain);
}

/** Whether a period ending on `to` ends today with nothing dated later. */
const endsNow = async (tx: Tx, to: Date) => to.getTime() === todayInVietnam().getTime() && !(await movedAfter(tx, to));

/** Per commune, the groups with loans at the end are a query the summary joins to its groups: of the open loans' tally now, else of the group months. */
const snapshotEndGroups = (scope: LedgerScope, to: Date, isNow: boolean) => (isNow ? groupsOpenNow(scope) : groupsWithBalance(scope, to));

/**
 * The query of the groups with loans at the end of the period that periodFigures will give per
 * commune (from the snapshots), known before the figures are read: a summary counts its groups
 * meanwhile. Null when the figures will give them otherwise (per group, or from the ledger).
 */
export async function endGroupsAhead(tx: Tx, scope: LedgerScope, from: Date, to: Date, grain: Grain): Promise<GroupIds | null> {
  if (grain === 'group' || from.getUTCDate() !== 1 || !(await snapshotCovers(tx, to))) return null;
  return snapshotEndGroups(scope, to, await endsNow(tx, to));
}

export interface FigureOptions {
  /** False: leave out the borrowers at the start (the country's took a second to count from the spans). */
  startBorrowers?: boolean;
}

export async function snapshotPeriodFigures(
  tx: Tx, scope: LedgerScope, from: Date, to: Date, grain: Grain = 'group', options: FigureOptions = {},
): Promise<PeriodFigures> {
  const dayBefore = addDays(from, -1);
  // Ending today with nothing dated later (the dashboards): the open loans' tally gives today's overdue and groups.
  const isNow = await endsNow(tx, to);
  const now = isNow ? openLoansNow(tx, scope, to, grain) : null;
  // Per commune now, the outstanding is kept (CommuneBalance): the start is it less the period's change.
  const fromNow = now !== null && grain === 'commune';
  const endGroups = grain === 'group' ? null : snapshotEndGroups(scope, to, isNow);
  const [flows, balances, openGroups, startBorrowers, endBorrowers, lentBorrowers, overdue] = await Promise.all([
    snapshotFlows(tx, scope, from, to, grain),
    fromNow ? balancesNow(tx, scope) : snapshotBalances(tx, scope, dayBefore, grain),
    now && grain === 'group' ? now.then((open) => new Set(open.map((r) => r.groupId))) : Promise.resolve(null),
    options.startBorrowers === false ? Promise.resolve(null) : borrowersOn(tx, scope, dayBefore),
    now && !scope.programmeId ? borrowersNow(tx, scope) : borrowersOn(tx, scope, to),
    borrowersLentTo(tx, scope, from, to, { wholeYear: isWholeYear(from, to, isNow) }),
    now ? now.then((open) => overdueNow(tx, scope, open, to)) : overdueInScopeAt(tx, scope, to).then(overdueFiguresOf),
  ]);
  const [start, end] = fromNow ? [balancesAcross(balances, flows, -1n), balances] : [balances, balancesAcross(balances, flows, 1n)];
  return {
    flows,
    lent: { loans: Number(flows.reduce((s, r) => s + r.loans, 0n)), borrowers: lentBorrowers },
    start: { rows: start, borrowers: startBorrowers },
    end: { rows: end, borrowers: endBorrowers, groups: endGroups ?? openGroups ?? new Set(end.filter((r) => r.amount > 0n).map((r) => r.groupId)) },
    overdue,
    source: 'snapshot',
  };
}

/** Whether [from, to] lends what its year lent: from 1 January to 31 December, or to today with nothing dated later. */
function isWholeYear(from: Date, to: Date, endsNow: boolean): boolean {
  const year = from.getUTCFullYear();
  return from.getTime() === Date.UTC(year, 0, 1) && to.getUTCFullYear() === year && (endsNow || to.getTime() === Date.UTC(year, 11, 31));
}

/**
 * Today's overdue from the open loans' tally: the loans whose cached figures are of today as counted
 * there, the others (not yet refreshed today) replayed by the loan engine.
 */
async function overdueNow(tx: Tx, scope: LedgerScope, open: OpenLoanCount[], today: Date): Promise<OverdueFigures> {
  const staleCommunes = [...new Set(open.filter((r) => !r.fresh).map((r) => r.orgUnitId))];
  const replayed = await replayOverdue(await staleOpenLoans(tx, scope, staleCommunes, today), today, tx);
  const counted = open.filter((r) => r.fresh && r.ageing !== '');
  return overdueFigures([...counted, ...replayed.map(byAgeing)]);
}

/**
 * The subtree's overdue loans at the end of `to`: today from the loans' cached figures, at a kept
 * month end from its kept figures; a loan whose figures are not of that day is replayed by the engine.
 */
async function overdueInScopeAt(tx: Tx, scope: LedgerScope, to: Date): Promise<LoanOverdue[]> {
  const isToday = to.getTime() === todayInVietnam().getTime();
  if (!isToday && (await isKeptMonthEnd(tx, to))) {
    const { kept, stale } = await keptOverdueInScope(tx, scope, to);
    return [...kept, ...(await replayOverdue(stale, to, tx))];
  }
  const candidates = await overdueCandidates(tx, scope, to);
  const cached = isToday ? candidates.filter((c) => c.fresh && c.overdue > 0n) : [];
  const replayed = await replayOverdue(candidates.filter((c) => !(isToday && c.fresh)).map((c) => c.loanId), to, tx);
  return [...cached.map(({ loanId, overdue, daysPastDue }) => ({ loanId, overdue, daysPastDue })), ...replayed];
}

export async function ledgerPeriodFigures(tx: Tx, scope: LedgerScope, from: Date, to: Date, grain: Grain = 'group'): Promise<PeriodFigures> {
  const [flows, start, end] = await Promise.all([flowsInPeriod(tx, scope, from, to), balancesOn(tx, scope, addDays(from, -1)), balancesOn(tx, scope, to)]);
  const ownerKey = (r: Omit<OwnedAmount, 'amount'>) => ({ orgUnitId: r.orgUnitId, groupId: grain === 'group' ? r.groupId : '', programmeId: r.programmeId });
  return {
    flows: sumByOwner(flows.rows.map((r) => ({
      ...ownerKey(r), disbursed: r.disbursed, principalRepaid: r.principalRepaid, interestCollected: r.interestCollected,
    }))),
    lent: { loans: flows.loans, borrowers: flows.borrowers },
    start: { rows: sumByOwner(start.map((b) => ({ ...ownerKey(b), amount: b.amount }))), borrowers: new Set(start.map((b) => b.memberId)).size },
    end: {
      rows: sumByOwner(end.map((b) => ({ ...ownerKey(b), amount: b.amount }))),
      borrowers: new Set(end.map((b) => b.memberId)).size,
      groups: new Set(end.map((b) => b.groupId)),
    },
    overdue: overdueFiguresOf(await overdueAsOf(end.map((b) => b.loanId), to, tx)),
    source: 'ledger',
  };
}

/**
 * Outstanding at one end of the period from the other and the period's change (the flows' rows):
 * at the end, the start plus the change (sign 1); at the start, the end less it (sign -1). So the
 * months before the period are read once, or not at all. Rows left at zero are dropped, as
 * snapshotBalances does.
 */
function balancesAcross(balances: OwnedAmount[], flows: OwnedFlows[], sign: 1n | -1n): OwnedAmount[] {
  const changes = flows.map((f) => ({ orgUnitId: f.orgUnitId, groupId: f.groupId, programmeId: f.programmeId, amount: sign * f.balanceChange }));
  return sumByOwner([...balances.map((r) => ({ ...r })), ...changes]).filter((r) => r.amount !== 0n);
}

/** Rows with the same owner and programme added up (every other field is an amount). */
function sumByOwner<T extends Omit<OwnedAmount, 'amount'> & Record<string, string | bigint>>(rows: T[]): T[] {
  const sums = new Map<string, T>();
  for (const row of rows) {
    const key = `${row.orgUnitId}:${row.groupId}:${row.programmeId}`;
    const sum = sums.get(key);
    if (!sum) sums.set(key, { ...row });
    else for (const [field, value] of Object.entries(row)) if (typeof value === 'bigint') (sum as Record<string, unknown>)[field] = (sum[field] as bigint) + value;
  }
  return [...sums.values()];
}
