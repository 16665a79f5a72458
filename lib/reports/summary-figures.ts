import { todayInVietnam } from '@/lib/clock';
import { Prisma, type ProgrammeKind, type Tx } from '@/lib/db';
import { attributedPostings, balancesAt, inSubtree, isScopeUnit, pathInScope, type LedgerScope } from '@/lib/ledger/posting-sums';
import { isKeptMonthEnd } from '@/lib/loans/month-ends';
import { GROUP_SIZE_RULES } from '@/lib/groups/size-rules';
import { communesNow, groupIdsQuery, type GroupIds } from './snapshot-figures';

// The ledger queries behind the summary report. Amounts are grouped by the commune, group and
// programme that held each loan on the posting's date (or on the balance date), so any grouping
// the report needs (child units, communes, groups, programmes) is a sum of these rows.

export interface FlowRow {
  orgUnitId: string;
  groupId: string;
  programmeId: string;
  disbursed: bigint;
  principalRepaid: bigint;
  interestCollected: bigint;
}

export async function flowsInPeriod(tx: Tx, scope: LedgerScope, from: Date, to: Date) {
  const [rows, counts] = await Promise.all([
    tx.$queryRaw<FlowRow[]>`
      SELECT x."orgUnitId", x."groupId", x."programmeId",
        SUM(CASE WHEN x."kind" = 'DISBURSEMENT' THEN x."amount" ELSE 0 END)::bigint AS "disbursed",
        SUM(CASE WHEN x."kind" = 'REPAYMENT' THEN x."principal" ELSE 0 END)::bigint AS "principalRepaid",
        SUM(CASE WHEN x."kind" = 'REPAYMENT' THEN x.interest ELSE 0 END)::bigint AS "interestCollected"
      FROM (${attributedPostings(scope, to, from)}) x ${inSubtree(scope)}
      WHERE x."date" >= ${from}
      GROUP BY x."orgUnitId", x."groupId", x."programmeId"`,
    tx.$queryRaw<{ loans: bigint; borrowers: bigint }[]>`
      SELECT COUNT(*)::bigint AS "loans", COUNT(DISTINCT x."memberId")::bigint AS "borrowers"
      FROM (${attributedPostings(scope, to, from)}) x ${inSubtree(scope)}
      WHERE x."date" >= ${from} AND x."kind" = 'DISBURSEMENT'`,
  ]);
  return { rows, loans: Number(counts[0]?.loans ?? 0n), borrowers: Number(counts[0]?.borrowers ?? 0n) };
}

export interface BalanceRow {
  loanId: string;
  memberId: string;
  orgUnitId: string;
  groupId: string;
  programmeId: string;
  amount: bigint;
}

/** Every loan with principal outstanding at the end of `date`, with its owner then. */
export async function balancesOn(tx: Tx, scope: LedgerScope, date: Date): Promise<BalanceRow[]> {
  return tx.$queryRaw<BalanceRow[]>`
    SELECT x."loanId", x."memberId", x."orgUnitId", x."groupId", x."programmeId", x.balance::bigint AS "amount"
    FROM (${balancesAt(scope, date)}) x ${inSubtree(scope)}
    WHERE NOT x.written_off AND x.balance > 0`;
}

export interface SavingsFigures {
  balance: bigint;
  accounts: number;
  participants: number;
}

type PathScope = Pick<LedgerScope, 'path' | 'alsoPaths' | 'within' | 'unitIds'>;

/**
 * The ids of the groups or savings accounts that may have been the subtree's on some day: its own
 * now, and those moved out of one of its units (read by index from the subtree's units; the unit on
 * the day is then worked out for these alone).
 */
const mayHold = (table: 'Group' | 'SavingsAccount', kind: 'GROUP' | 'SAVINGS_ACCOUNT', scope: PathScope) => Prisma.sql`(
  SELECT r."id" FROM ${Prisma.raw(`"${table}"`)} r WHERE ${isScopeUnit(Prisma.sql`r."orgUnitId"`, scope)}
  UNION SELECT m."recordId" FROM "RecordMove" m WHERE m."kind" = ${kind} AND ${isScopeUnit(Prisma.sql`m."fromOrgUnitId"`, scope)})`;

/**
 * The unit that held a group or savings account at the end of `date`: the unit it moved from at its
 * first move after `date` (RecordMove: a reorganisation, a transfer), else its unit now. The lookup
 * runs only for records moved after `date`.
 */
const movedRecords = (kind: string, alias: string) => Prisma.sql`LEFT JOIN (SELECT "recordId", MAX("date") AS "lastOn" FROM "RecordMove" WHERE "kind" = ${kind} GROUP BY 1) mv
  ON mv."recordId" = ${Prisma.raw(`${alias}."id"`)}`;
/** Only records moved after `date` look up their moves: a report dated after a reorganisation reads the unit now. */
const recordColumnOn = (alias: string, date: Date, moved: 'fromOrgUnitId' | 'fromCode', current: 'orgUnitId' | 'code') => Prisma.sql`COALESCE(CASE WHEN mv."lastOn" > ${date} THEN (
    SELECT m.${Prisma.raw(`"${moved}"`)} FROM "RecordMove" m WHERE m."recordId" = ${Prisma.raw(`${alias}."id"`)} AND m."date" > ${date} ORDER BY m."date", m."id" LIMIT 1
  ) END, ${Prisma.raw(`${alias}."${current}"`)})`;

/**
 * Savings of the subtree's accounts at the end of `date` (schemes of the given kinds, or all): from
 * the accounts' kept balances (SavingsBalance) when nothing was posted and no account moved after
 * `date`, else from the movements up to it, each account counted for its unit then.
 */
export async function savingsOn(tx: Tx, scope: PathScope, date: Date, kinds: string[] | null): Promise<SavingsFigures> {
  const later = await tx.$queryRaw<{ n: number }[]>`
    SELECT 1 AS n FROM "SavingsBalance" WHERE "lastEventOn" > ${date}
    UNION ALL SELECT 1 FROM "RecordMove" WHERE "kind" = 'SAVINGS_ACCOUNT' AND "date" > ${date} LIMIT 1`;
  if (!later.length) return savingsNow(tx, scope, kinds);
  return (await isKeptMonthEnd(tx, date)) ? savingsFromKept(tx, scope, date, kinds) : savingsFromLedger(tx, scope, date, kinds);
}

const kindFilter = (kinds: string[] | null) => (kinds ? Prisma.sql`s."kind"::text IN (${Prisma.join(kinds)})` : Prisma.sql`TRUE`);

/**
 * Savings now: the communes' sums of what their members have in accounts with money in them, for
 * every scheme kind ('save:*') or one (CommuneNow, decision 033); for several kinds, each member's
 * rows (MemberNow, decision 031), as a saver with two of them is one participant.
 */
export async function savingsNow(tx: Tx, scope: PathScope, kinds: string[] | null): Promise<SavingsFigures> {
  if (!kinds || kinds.length === 1) {
    const sum = await communesNow(tx, scope, `save:${kinds?.[0] ?? '*'}`);
    return { balance: sum.amount, accounts: sum.items, participants: sum.members };
  }
  const rows = await tx.$queryRaw<{ balance: bigint | null; accounts: bigint | null; participants: bigint }[]>`
    SELECT SUM(m."amount")::bigint AS "balance", SUM(m."items")::bigint AS "accounts", COUNT(DISTINCT m."memberId")::bigint AS "participants"
    FROM "MemberNow" m
    WHERE ${isScopeUnit(Prisma.sql`m."orgUnitId"`, scope)} AND m."kind" = ANY(${kinds.map((k) => `save:${k}`)}::text[])`;
  return savingsFigures(rows[0]);
}

/** Savings at the end of `date`, summed from the movements. */
export async function savingsFromLedger(tx: Tx, scope: PathScope, date: Date, kinds: string[] | null): Promise<SavingsFigures> {
  const rows = await tx.$queryRaw<{ balance: bigint | null; accounts: bigint; participants: bigint }[]>`
    SELECT SUM(b.balance)::bigint AS "balance", COUNT(*)::bigint AS "accounts", COUNT(DISTINCT b."memberId")::bigint AS "participants"
    FROM (
      SELECT a."id", a."memberId", SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END) AS balance
      FROM "SavingsAccount" a
      ${movedRecords('SAVINGS_ACCOUNT', 'a')}
      JOIN "OrgUnit" o ON o."id" = ${recordColumnOn('a', date, 'fromOrgUnitId', 'orgUnitId')} AND ${pathInScope('o', scope)}
      JOIN "SavingsScheme" s ON s."id" = a."schemeId"
      JOIN "SavingsTransaction" t ON t."accountId" = a."id" AND t."reversedAt" IS NULL AND t."date" <= ${date}
      WHERE ${kindFilter(kinds)} AND a."id" IN ${mayHold('SavingsAccount', 'SAVINGS_ACCOUNT', scope)}
      GROUP BY a."id", a."memberId"
    ) b WHERE b.balance > 0`;
  return savingsFigures(rows[0]);
}

/**
 * Savings at a kept month end (lib/loans/month-ends.ts): each account's balance kept that day, or,
 * for an account stale since, summed from its movements; each account counted for its unit then.
 */
export async function savingsFromKept(tx: Tx, scope: PathScope, date: Date, kinds: string[] | null): Promise<SavingsFigures> {
  const rows = await tx.$queryRaw<{ balance: bigint | null; accounts: bigint; participants: bigint }[]>`
    SELECT SUM(b.balance)::bigint AS "balance", COUNT(*)::bigint AS "accounts", COUNT(DISTINCT b."memberId")::bigint AS "participants"
    FROM (
      SELECT a."id", a."memberId", CASE WHEN x."accountId" IS NULL THEN k."balance" ELSE (
          SELECT SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END) FROM "SavingsTransaction" t
          WHERE t."accountId" = a."id" AND t."reversedAt" IS NULL AND t."date" <= ${date}
        ) END AS balance
      FROM (
        SELECT "accountId" FROM "SavingsMonthEnd" WHERE "monthEnd" = ${date}
        UNION SELECT "accountId" FROM "SavingsMonthEndStale" WHERE "fromDate" <= ${date}
      ) ids
      JOIN "SavingsAccount" a ON a."id" = ids."accountId"
      LEFT JOIN "SavingsMonthEnd" k ON k."monthEnd" = ${date} AND k."accountId" = a."id"
      LEFT JOIN "SavingsMonthEndStale" x ON x."accountId" = a."id" AND x."fromDate" <= ${date}
      ${movedRecords('SAVINGS_ACCOUNT', 'a')}
      JOIN "OrgUnit" o ON o."id" = ${recordColumnOn('a', date, 'fromOrgUnitId', 'orgUnitId')} AND ${pathInScope('o', scope)}
      JOIN "SavingsScheme" s ON s."id" = a."schemeId"
      WHERE ${kindFilter(kinds)} AND a."id" IN ${mayHold('SavingsAccount', 'SAVINGS_ACCOUNT', scope)}
    ) b WHERE b.balance > 0`;
  return savingsFigures(rows[0]);
}

const savingsFigures = (r: { balance: bigint | null; accounts: bigint | null; participants: bigint } | undefined): SavingsFigures => ({
  balance: r?.balance ?? 0n,
  accounts: Number(r?.accounts ?? 0n),
  participants: Number(r?.participants ?? 0n),
});

/**
 * Union members of the subtree's chapters existing at the end of `date`: each chapter's entered
 * count, else its union members in the register (a chapter a reorganisation ended keeps the count
 * it had, lib/org/reorganisation/move-commune.ts).
 */
export async function unionMembersOf(tx: Tx, scope: PathScope, date: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ n: bigint | null }[]>`
    SELECT SUM(COALESCE(c."unionMemberCount",
      (SELECT COUNT(*) FROM "Member" m WHERE m."chapterId" = c."id" AND m."isUnionMember" AND m."status" = 'ACTIVE')))::bigint AS n
    FROM "OrgUnit" c WHERE c."level" = 'CHAPTER' AND ${pathInScope('c', scope)}
      AND (c."validFrom" IS NULL OR c."validFrom" <= ${date}) AND CASE WHEN c."validTo" IS NULL THEN c."active" ELSE c."validTo" >= ${date} END`;
  return Number(rows[0]?.n ?? 0n);
}

export interface GroupOnDate {
  id: string;
  code: string;
  name: string;
  orgUnitId: string;
  programmeKind: 'VBSP' | 'REVOLVING' | 'BOTH';
  members: number;
}

/** Past this many units (a few provinces), a scope's groups are counted in one pass rather than one by one. */
const MANY_UNITS = 500;

/**
 * Groups active at the end of `date` (from their status history) with their members, commune and
 * code then (a group a reorganisation moved counts for its old commune before the move).
 */
export async function activeGroupsOn(tx: Tx, scope: PathScope, date: Date): Promise<GroupOnDate[]> {
  const rows = await tx.$queryRaw<(Omit<GroupOnDate, 'members'> & { members: bigint })[]>`
    SELECT g."id", g."code", g."name", g."orgUnitId", g."programmeKind"::text AS "programmeKind", g."members" FROM ${await activeGroups(tx, scope, date)}`;
  return rows.map((r) => ({ ...r, members: Number(r.members) }));
}

/** The active groups of a commune and programme kind, counted. */
export interface GroupCount {
  orgUnitId: string;
  programmeKind: ProgrammeKind;
  active: number;
  /** Fewer members than its kind's rule (GROUP_SIZE_RULES): to be merged or grown. */
  toConsolidate: number;
  /** Of them, those among the groups with loans given (`withLoans`). */
  withLoans: number;
}

/**
 * The groups active at the end of `date` counted per commune and programme kind, in the database: the
 * country's 45,000 groups are not sent to the server. `withLoans` selects the groups with loans
 * outstanding then (ids, or a query of them).
 */
export async function activeGroupCounts(tx: Tx, scope: PathScope, date: Date, withLoans: GroupIds): Promise<GroupCount[]> {
  const consolidateBelow = Prisma.join(Object.entries(GROUP_SIZE_RULES).map(([kind, rule]) => Prisma.sql`WHEN ${kind} THEN ${rule.consolidateBelow}::int`), ' ');
  const rows = await tx.$queryRaw<{ orgUnitId: string; programmeKind: ProgrammeKind; active: bigint; toConsolidate: bigint; withLoans: bigint }[]>`
    SELECT g."orgUnitId", g."programmeKind"::text AS "programmeKind", COUNT(*)::bigint AS "active",
      COUNT(*) FILTER (WHERE g."members" < CASE g."programmeKind"::text ${consolidateBelow} END)::bigint AS "toConsolidate",
      COUNT(*) FILTER (WHERE g."id" IN (SELECT w."groupId" FROM (${groupIdsQuery(withLoans)}) w))::bigint AS "withLoans"
    FROM ${await activeGroups(tx, scope, date)}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ ...r, active: Number(r.active), toConsolidate: Number(r.toConsolidate), withLoans: Number(r.withLoans) }));
}

/** The groups active at the end of `date` as a relation `g`: id, code, name, orgUnitId, programmeKind, members then. */
async function activeGroups(tx: Tx, scope: PathScope, date: Date): Promise<Prisma.Sql> {
  const inGroup = Prisma.sql`h."fromDate" <= ${date} AND (h."toDate" IS NULL OR h."toDate" > ${date})`;
  // A few hundred groups are read and count their members by index; the country's 45,000 in one pass over each table.
  const many = (scope.unitIds?.length ?? 0) > MANY_UNITS;
  // Today, with no membership dated later: the open memberships kept per group (GroupMembersNow, decision 033).
  const kept = date.getTime() === todayInVietnam().getTime() && !(await membershipDatedAfter(tx, date));
  const members = kept ? Prisma.sql`COALESCE(k."members", 0)`
    : many ? Prisma.sql`COALESCE(mc."n", 0)` : Prisma.sql`(SELECT COUNT(*) FROM "MemberGroupHistory" h WHERE h."groupId" = g."id" AND ${inGroup})`;
  const counted = kept ? Prisma.sql`LEFT JOIN "GroupMembersNow" k ON k."groupId" = g."id"`
    : many ? Prisma.sql`LEFT JOIN (SELECT h."groupId", COUNT(*) AS "n" FROM "MemberGroupHistory" h WHERE ${inGroup} GROUP BY 1) mc ON mc."groupId" = g."id"`
      : Prisma.empty;
  return Prisma.sql`(
    SELECT g.* FROM (
      SELECT g."id", ${recordColumnOn('g', date, 'fromCode', 'code')} AS "code", g."name", ${recordColumnOn('g', date, 'fromOrgUnitId', 'orgUnitId')} AS "orgUnitId",
        g."programmeKind", ${members}::bigint AS "members"
      FROM "Group" g ${movedRecords('GROUP', 'g')} ${counted}
        LEFT JOIN (SELECT DISTINCT "groupId" FROM "GroupStatusChange") sc ON sc."groupId" = g."id"
      WHERE ${many ? Prisma.sql`TRUE` : Prisma.sql`g."id" IN ${mayHold('Group', 'GROUP', scope)}`}
        -- A group's status on the day is its latest change by then; one never changed has its status now (the few changed are looked up).
        AND CASE WHEN sc."groupId" IS NULL THEN g."status"::text ELSE (
          SELECT s."status"::text FROM "GroupStatusChange" s WHERE s."groupId" = g."id" AND s."at" <= ${date} ORDER BY s."at" DESC, s."id" DESC LIMIT 1
        ) END = 'ACTIVE'
    ) g JOIN "OrgUnit" o ON o."id" = g."orgUnitId" AND ${pathInScope('o', scope)}
  ) g`;
}

/** Whether a membership starts or ends after `date` (an index on each row's latest date). */
async function membershipDatedAfter(tx: Tx, date: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT 1 AS n FROM "MemberGroupHistory" WHERE GREATEST("fromDate", COALESCE("toDate", "fromDate")) > ${date}::date LIMIT 1`;
  return rows.length > 0;
}

/** Groups by id with their code and commune at the end of `date`. */
export async function groupsOn(tx: Tx, ids: string[], date: Date): Promise<{ id: string; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<{ id: string; code: string; name: string }[]>`
    SELECT g."id", ${recordColumnOn('g', date, 'fromCode', 'code')} AS "code", g."name"
    FROM "Group" g ${movedRecords('GROUP', 'g')} WHERE g."id" = ANY(${ids}::uuid[])`;
}
