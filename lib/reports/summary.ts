import type { Actor } from '@/lib/auth/actor';
import { fundSourceFor, seesBankBusinessOnly } from '@/lib/auth/business';
import { assertCan } from '@/lib/auth/actor';
import { formatDateOnly, isoDate } from '@/lib/calendar/date-only';
import { readDb, type FundSource, type ReportReads } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { fundStatuses } from '@/lib/fund/balance';
import { findReportArea } from '@/lib/org/find-org-unit';
import { existsOn, startedBy } from '@/lib/org/dated';
import { restatementFor } from '@/lib/org/reorganisation/restatement';
import { activeGroupCounts, activeGroupsOn, groupsOn, savingsOn, unionMembersOf, type GroupCount } from './summary-figures';
import { endGroupsAhead, periodFigures, type FigureOptions, type PeriodFigures } from './period-figures';
import { bankShareOn } from './bank-share';
import { ratio4 } from '@/lib/money';
import { withUnitIds } from '@/lib/ledger/posting-sums';
import { summarySchema, type SummaryInput } from './schemas';

/** Savings scheme kinds that belong to a fund source (all when none is chosen). */
const SAVINGS_KINDS: Record<FundSource, string[]> = { VBSP: ['VBSP_GROUP'], REVOLVING: ['GROUP_MEMBER'], CHAPTER: ['CHAPTER_POOL'] };
/** Group kinds serving a fund source. */
const GROUP_KINDS: Record<FundSource, string[]> = { VBSP: ['VBSP', 'BOTH'], REVOLVING: ['REVOLVING', 'BOTH'], CHAPTER: ['VBSP', 'REVOLVING', 'BOTH'] };

interface Child {
  /** A commune row carries its cluster (cụm), as the province assigned it. */
  orgUnit: { id: string; code: string; name: string; level: string; cluster?: string | null };
  /** Commune ids (or, for a commune's report, group ids) whose figures roll up into this row. */
  keys: Set<string>;
}

/**
 * The summary report of a unit's subtree over [from, to] (the reference contract of issue 8): money
 * lent and collected in the period, outstanding at the day before `from` and at `to`, overdue with
 * ageing at `to`, savings, groups and communes at `to`, by programme and by child unit. Every
 * amount is a sum of ledger rows; totals equal the sums of `byChild` and of `byProgramme`. Read
 * from the replica when there is one (`reads`: a caller's, so that its other figures come from the
 * same place); `asOf` says when that is noticeably behind (decision 021).
 */
export async function summaryReport(actor: Actor, input: SummaryInput, reads?: ReportReads, options: FigureOptions = {}) {
  assertCan(actor, 'loan:read');
  const q = parseInput(summarySchema, input);
  const { db, asOf } = reads ?? (await readDb());
  // A unit in scope, or the actor's own area (a bank office's communes for its liaison).
  const { unit, within } = await findReportArea(actor, q.orgUnitId, db);
  const programme = q.programme ? await db.programme.findUnique({ where: { code: q.programme } }) : null;
  if (q.programme && !programme) throw new AppError('VALIDATION', 'reports.unknownProgramme', { code: q.programme }, { programme: { key: 'reports.unknownProgramme', params: { code: q.programme } } });
  // A bank liaison reads the bank's business only (lib/auth/business.ts): VBSP, whatever was asked.
  const bankOnly = seesBankBusinessOnly(actor);
  const fundSource = fundSourceFor(actor, q.fundSource ?? programme?.fundSource);
  if (programme && bankOnly && programme.fundSource !== fundSource) {
    throw new AppError('VALIDATION', 'reports.unknownProgramme', { code: programme.code }, { programme: { key: 'reports.unknownProgramme', params: { code: programme.code } } });
  }
  // A unit a reorganisation ended is reported on up to its last day; its successor carries on.
  if (unit.validTo && unit.validTo < q.to) {
    throw new AppError('VALIDATION', 'reports.unitEnded', { name: unit.name, date: formatDateOnly(unit.validTo) }, { to: { key: 'reports.unitEnded', params: { name: unit.name, date: formatDateOnly(unit.validTo) } } });
  }
  // A period across a reorganisation shows today's units, with the ended units' earlier figures restated into them.
  const restatement = await restatementFor(db, unit.path, q.from, q.to);
  // The subtree's units are read once and handed to every query: a commune's report reads its own rows by index.
  const scope = await withUnitIds(db, { path: unit.path, alsoPaths: restatement?.alsoPaths, within, fundSource, programmeId: programme?.id });

  // A commune's rows are its groups; above, communes are the finest rows needed.
  const byGroupRows = unit.level === 'COMMUNE' && q.by !== 'commune';
  const loanFigures = periodFigures(db, scope, q.from, q.to, byGroupRows ? 'group' : 'commune', options);
  const [raw, savings, unionMembers, groupList, groupCounts, programmes, allUnits] = await Promise.all([
    loanFigures,
    savingsOn(db, scope, q.to, fundSource ? SAVINGS_KINDS[fundSource] : null),
    unionMembersOf(db, { path: unit.path, within }, q.to),
    // A commune's report lists its groups; every report counts them per commune in the database, with those that have loans at the end.
    byGroupRows ? activeGroupsOn(db, scope, q.to) : Promise.resolve([]),
    endGroupsAhead(db, scope, q.from, q.to, byGroupRows ? 'group' : 'commune')
      .then(async (ahead) => activeGroupCounts(db, scope, q.to, ahead ?? (await loanFigures).end.groups)),
    db.programme.findMany({ orderBy: { code: 'asc' } }),
    db.orgUnit.findMany({
      where: { path: { startsWith: unit.path }, ...(within ? { OR: within.map((path) => ({ path: { startsWith: path } })) } : {}) },
      select: { id: true, code: true, name: true, level: true, path: true, parentId: true, active: true, validFrom: true, validTo: true, cluster: true },
    }),
  ]);
  // The structure of the period's last day: units not yet created, or ended before it, are left out.
  const units = allUnits.filter((u) => startedBy(u, q.to) && !(u.validTo && u.validTo < q.to));
  const figures = restatement ? restate(raw, restatement.successorOf, new Set(units.map((u) => u.id))) : raw;
  // A commune that settled its revolving fund (by the period's end) no longer runs fund groups: they are not counted active.
  const settledIds = new Set((await db.fundSettlement.findMany({
    where: { orgUnitId: { in: units.filter((u) => u.level === 'COMMUNE').map((u) => u.id) }, status: 'CLOSED', closedAt: { lte: q.to } },
    select: { orgUnitId: true },
  })).map((s) => s.orgUnitId));
  // …and a fund source's report counts the group kinds serving it.
  const counts = (g: { programmeKind: string; orgUnitId: string }) =>
    !(g.programmeKind === 'REVOLVING' && settledIds.has(g.orgUnitId)) && (!fundSource || GROUP_KINDS[fundSource].includes(g.programmeKind));
  const groups = groupList.filter(counts);
  const counted = groupCounts.filter(counts);
  const { flows, start, end, overdue } = figures;
  const sum = <T>(rows: T[], pick: (r: T) => bigint) => rows.reduce((s, r) => s + pick(r), 0n);
  const total = (rows: GroupCount[], field: 'active' | 'toConsolidate' | 'withLoans') => rows.reduce((s, r) => s + r[field], 0);

  // Rows: the unit's children (districts of a province, communes of a district), every commune
  // (by=commune), or the groups of a commune.
  const communes = units.filter((u) => u.level === 'COMMUNE');
  const children: Child[] = byGroupRows
    ? (bankOnly ? groups : groupList).map((g) => ({ orgUnit: { id: g.id, code: g.code, name: g.name, level: 'GROUP' }, keys: new Set([g.id]) }))
    : (q.by === 'commune' || within ? communes : units.filter((u) => u.parentId === unit.id && u.level !== 'CHAPTER')).map((c) => ({
        orgUnit: { id: c.id, code: c.code, name: c.name, level: c.level, ...(c.level === 'COMMUNE' ? { cluster: c.cluster } : {}) },
        keys: new Set(communes.filter((k) => k.path.startsWith(c.path)).map((k) => k.id)),
      }));
  const keyOf = (r: { orgUnitId: string; groupId: string }) => (byGroupRows ? r.groupId : r.orgUnitId);
  // Loans of groups no longer active (merged, dissolved) still count: give them a row of their own.
  if (byGroupRows) {
    const known = new Set(children.map((c) => c.orgUnit.id));
    const missing = [...new Set([...flows, ...start.rows, ...end.rows].map((r) => r.groupId))].filter((id) => !known.has(id));
    for (const g of await groupsOn(db, missing, q.to)) children.push({ orgUnit: { id: g.id, code: g.code, name: g.name, level: 'GROUP' }, keys: new Set([g.id]) });
  }
  const byChild = children
    .map((c) => ({
      orgUnit: c.orgUnit,
      disbursed: sum(flows.filter((r) => c.keys.has(keyOf(r))), (r) => r.disbursed),
      outstanding: sum(end.rows.filter((r) => c.keys.has(keyOf(r))), (r) => r.amount),
      groups: byGroupRows ? (groups.some((g) => g.id === c.orgUnit.id) ? 1 : 0) : total(counted.filter((g) => c.keys.has(g.orgUnitId)), 'active'),
    }))
    .sort((a, b) => (b.outstanding > a.outstanding ? 1 : b.outstanding < a.outstanding ? -1 : a.orgUnit.code.localeCompare(b.orgUnit.code)));

  const byProgramme = programmes
    .map((p) => ({
      code: p.code,
      name: p.name,
      disbursed: sum(flows.filter((r) => r.programmeId === p.id), (r) => r.disbursed),
      outstanding: sum(end.rows.filter((r) => r.programmeId === p.id), (r) => r.amount),
    }))
    .filter((p) => p.disbursed > 0n || p.outstanding > 0n);

  const outstandingStart = sum(start.rows, (r) => r.amount);
  const outstandingEnd = sum(end.rows, (r) => r.amount);
  const overdueAmount = overdue.amount;
  const statuses = await fundStatuses(db, communes.map((c) => c.id));
  const lending = new Set(end.rows.map((r) => r.orgUnitId));
  const bankShare = within ? null : await bankShareOn(unit, q.to, db);

  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level },
    from: isoDate(q.from),
    to: isoDate(q.to),
    filters: { programme: programme?.code ?? null, fundSource: fundSourceFor(actor, q.fundSource) ?? null, by: q.by ?? null },
    /** Null when the figures are current; else the instant they are complete up to (a replica behind). */
    asOf,
    disbursed: { amount: sum(flows, (r) => r.disbursed), borrowers: figures.lent.borrowers, loans: figures.lent.loans },
    principalRepaid: { amount: sum(flows, (r) => r.principalRepaid) },
    interestCollected: { amount: sum(flows, (r) => r.interestCollected) },
    outstanding: {
      start: { amount: outstandingStart, borrowers: start.borrowers },
      end: { amount: outstandingEnd, borrowers: end.borrowers },
      growth: outstandingEnd - outstandingStart,
    },
    overdue: { amount: overdueAmount, ratio: ratio4(overdueAmount, outstandingEnd), buckets: overdue.buckets },
    savings: { ...savings, unionMembers, participationRatio: ratio4(BigInt(savings.participants), BigInt(unionMembers)) },
    groups: {
      active: total(counted, 'active'),
      toConsolidate: total(counted, 'toConsolidate'),
      /** Groups with loans outstanding at the end (seed 001: "317 nhóm"). */
      withOutstanding: total(counted, 'withLoans'),
    },
    communes: {
      active: communes.filter((c) => existsOn(c, q.to) && lending.has(c.id) && statuses.get(c.id) !== 'SETTLED').length,
      // The revolving fund's settlements are the union's business.
      settled: bankOnly ? 0 : settledIds.size,
    },
    bankShare,
    /** Set when a reorganisation took effect in the period: earlier figures are shown in today's units. */
    restated: restatement ? { events: restatement.events } : null,
    byProgramme,
    byChild,
  };
}

/** The figures with every row of an ended unit given to its successor (rows of units outside the report dropped). */
function restate(figures: PeriodFigures, successorOf: (id: string) => string, inReport: Set<string>): PeriodFigures {
  const relabel = <T extends { orgUnitId: string }>(rows: T[]) =>
    rows.map((r) => ({ ...r, orgUnitId: successorOf(r.orgUnitId) })).filter((r) => inReport.has(r.orgUnitId));
  return {
    ...figures,
    flows: relabel(figures.flows),
    start: { ...figures.start, rows: relabel(figures.start.rows) },
    end: { ...figures.end, rows: relabel(figures.end.rows) },
  };
}

export type SummaryReport = Awaited<ReturnType<typeof summaryReport>>;
