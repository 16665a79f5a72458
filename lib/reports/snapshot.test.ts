import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn, ledgerRepayment } from '@/tests/factories/fund';
import { setClock, todayInVietnam } from '@/lib/clock';
import { db, type OrgUnit, type Programme } from '@/lib/db';
import { withUnitIds, type LedgerScope } from '@/lib/ledger/posting-sums';
import { postRepayment, reverseTransaction, writeOffLoan } from '@/lib/loans';
import { refreshOpenLoans } from '@/lib/loans/loan-figures';
import { moveMembersBetweenGroups, recordLoanMoves } from '@/lib/members/membership';
import { ledgerPeriodFigures, periodFigures, snapshotPeriodFigures, type PeriodFigures } from './period-figures';
import { monthlyTrend } from './trend';
import { activeGroupsOn, savingsNow, savingsFromLedger, savingsOn } from './summary-figures';
import type { GroupIds } from './snapshot-figures';
import { openSavingsAccount, postSavingsMovement, reverseSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';

// The monthly pre-aggregate (LedgerMonth, LoanSpan, kept by database triggers) against the ledger
// itself, after every kind of write that changes loan figures: disbursement, repayments (on time,
// back-dated), reversal of a repayment and of a disbursement, write-off, a member moving groups in
// her commune (her loans follow), loans handed to another commune, a loan paid off, two loans of
// one member in two programmes.

useTestDatabase();

const at = (date: string) => new Date(`${date}T00:00:00Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const decision = { decisionNo: '7/QĐ', decisionDate: '2026-08-05', approver: 'Trưởng ban' };

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let programmes: Record<string, Programme>;

// Today is after the scenario's last posting (the suite passes on any date).
const TODAY = '2026-11-20';

beforeAll(async () => {
  setClock(`${TODAY}T09:00:00+07:00`);
  tree = await createOrgTree();
  programmes = await ensureProgrammes();
  const [c0, c1, c2] = tree.communes as [OrgUnit, OrgUnit, OrgUnit];
  const officers = await Promise.all([c0, c1, c2].map((c) => actorFor('COMMUNE_OFFICER', c)));
  const leaders = await Promise.all(tree.districts.map((d) => actorFor('DISTRICT_LEADER', d)));
  const [g1, g2, g3, g4] = [await makeGroup(c0), await makeGroup(c0), await makeGroup(c1), await makeGroup(c2, 'REVOLVING')];
  const [m1, m2, m3, m4] = await addMembers(c0, g1.id, 4);
  const [m5, m6] = await addMembers(c1, g3.id, 2);
  const [m7] = await addMembers(c2, g4.id, 1);
  const [o0, o1, o2] = officers as [typeof officers[0], typeof officers[0], typeof officers[0]];
  const [l0, l1] = leaders as [typeof leaders[0], typeof leaders[0]];

  // Repaid monthly; April's repayment is written last (below).
  const steady = await disbursedLoanOn(o0, l0, m1!, programmes.HN!, '12.000.000', '2026-01-15');
  for (const month of ['02', '03', '05', '06', '07', '08', '09', '10']) await postRepayment(o0, steady.id, { date: `2026-${month}-15`, amount: '1.100.000' });
  // Two programmes for one member: she is one borrower.
  const second = await disbursedLoanOn(o0, l0, m1!, programmes.HCN!, '6.000.000', '2026-02-20');
  await postRepayment(o0, second.id, { date: '2026-04-20', amount: '600.000' });
  // The member moves to the commune's other group on 20 June; her loan follows.
  const mover = await disbursedLoanOn(o0, l0, m2!, programmes.HCN!, '8.000.000', '2026-03-10');
  await postRepayment(o0, mover.id, { date: '2026-05-10', amount: '900.000' });
  await db.$transaction((tx) => moveMembersBetweenGroups(tx, [m2!.id], g1.id, g2.id, at('2026-06-20'), 'TRANSFER'));
  await postRepayment(o0, mover.id, { date: '2026-07-10', amount: '900.000' });
  // Written off on 5 August.
  const lost = await disbursedLoanOn(o0, l0, m3!, programmes.HN!, '5.000.000', '2026-02-01');
  await postRepayment(o0, lost.id, { date: '2026-03-01', amount: '500.000' });
  await writeOffLoan(l0, lost.id, { ...decision, date: '2026-08-05' });
  // Paid off in May.
  const paid = await disbursedLoanOn(o0, l0, m4!, programmes.HN!, '3.000.000', '2026-01-10');
  await ledgerRepayment(paid.id, '2026-05-31', { principal: 3_000_000n, interest: 40_000n });
  // A repayment entered wrongly and reversed; a disbursement reversed.
  const reversed = await disbursedLoanOn(o1, l0, m5!, programmes.HN!, '7.000.000', '2026-04-01');
  const wrong = await postRepayment(o1, reversed.id, { date: '2026-05-02', amount: '2.000.000' });
  await reverseTransaction(l0, reversed.id, { transactionId: wrong.transaction.id, reason: 'Nhập nhầm số tiền' });
  const undone = await disbursedLoanOn(o1, l0, m6!, programmes.HCN!, '4.000.000', '2026-06-03');
  const disbursement = await db.loanTransaction.findFirstOrThrow({ where: { loanId: undone.id, kind: 'DISBURSEMENT' } });
  await reverseTransaction(l0, undone.id, { transactionId: disbursement.id, reason: 'Sai số tiền' });
  // Handed to a group of the other district on 1 July (a commune's board settled), repaid there.
  const handed = await disbursedLoanOn(o1, l0, m5!, programmes.HCN!, '9.000.000', '2026-02-05');
  await postRepayment(o1, handed.id, { date: '2026-06-30', amount: '1.000.000' });
  await db.$transaction(async (tx) => {
    const loan = await tx.loan.findUniqueOrThrow({ where: { id: handed.id } });
    await recordLoanMoves(tx, [loan], { groupId: g4.id, orgUnitId: c2.id }, at('2026-07-01'));
    await tx.loan.update({ where: { id: handed.id }, data: { groupId: g4.id, orgUnitId: c2.id } });
  });
  await ledgerRepayment(handed.id, '2026-07-01', { principal: 500_000n, interest: 60_000n });
  await ledgerRepayment(handed.id, '2026-08-12', { principal: 500_000n, interest: 55_000n });
  // …and handed on once more on 1 September, to the first district's other commune: on a day between
  // its two moves the loan was the second commune's (a report reads its moves, not its first one).
  await db.$transaction(async (tx) => {
    const loan = await tx.loan.findUniqueOrThrow({ where: { id: handed.id } });
    await recordLoanMoves(tx, [loan], { groupId: g3.id, orgUnitId: c1.id }, at('2026-09-01'));
    await tx.loan.update({ where: { id: handed.id }, data: { groupId: g3.id, orgUnitId: c1.id } });
  });
  // A revolving-fund loan in the other district.
  const revolving = await disbursedLoanOn(o2, l1, m7!, programmes.QQV!, '10.000.000', '2025-12-20');
  await postRepayment(o2, revolving.id, { date: '2026-09-20', amount: '2.500.000' });
  // Savings: deposits, a withdrawal, a reversed deposit, in two schemes.
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  const schemes = await db.savingsScheme.findMany({ where: { code: { in: ['TKTV', 'TKNH'] } } });
  for (const [i, member] of [m1!, m2!, m7!].entries()) {
    const officer = i === 2 ? o2 : o0;
    for (const scheme of schemes) {
      const account = await openSavingsAccount(officer, { memberId: member.id, schemeId: scheme.id, openedAt: '2026-01-05' });
      await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-02-05', amount: '500.000' });
      const wrong = await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-03-05', amount: '400.000' });
      await reverseSavingsMovement(officer, account.id, { transactionId: wrong.transaction.id, reason: 'Nhập nhầm' });
      if (i === 0) await postSavingsMovement(officer, account.id, 'WITHDRAWAL', { date: '2026-04-05', amount: '500.000' });
    }
  }
  // Back-dated (as an import of history writes it): an April repayment entered after October's.
  await ledgerRepayment(steady.id, '2026-04-15', { principal: 1_000_000n, interest: 90_000n });
}, 120_000);
afterAll(() => setClock(null));

/** The ids of groups given as a set or as the query of them, sorted. */
const groupIdsOf = async (groups: GroupIds) => (groups instanceof Set ? [...groups]
  : (await db.$queryRaw<{ groupId: string }[]>`SELECT DISTINCT x."groupId" FROM (${groups}) x`).map((r) => r.groupId)).sort();

/** Figures in a comparable form: zero rows dropped, rows and overdue loans sorted. */
async function comparable(f: PeriodFigures) {
  const key = (r: { orgUnitId: string; groupId: string; programmeId: string }) => `${r.orgUnitId}:${r.groupId}:${r.programmeId}`;
  const sorted = <T extends { orgUnitId: string; groupId: string; programmeId: string }>(rows: T[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    flows: sorted(f.flows.filter((r) => r.disbursed || r.principalRepaid || r.interestCollected))
      .map((r) => ({ key: key(r), disbursed: r.disbursed, principalRepaid: r.principalRepaid, interestCollected: r.interestCollected })),
    lent: f.lent,
    start: { rows: sorted(f.start.rows.filter((r) => r.amount !== 0n)).map((r) => ({ key: key(r), amount: r.amount })), borrowers: f.start.borrowers },
    end: { rows: sorted(f.end.rows.filter((r) => r.amount !== 0n)).map((r) => ({ key: key(r), amount: r.amount })), borrowers: f.end.borrowers },
    overdue: f.overdue,
    groups: await groupIdsOf(f.end.groups),
  };
}

/** Rows where the open loans' tally (kept by triggers) differs from a count of the open spans: none when it holds. */
const tallyOffSpans = () => db.$queryRaw<unknown[]>`
  SELECT * FROM (
    SELECT c."groupId", c."orgUnitId", c."programmeId", c."figuresOn", c."ageing", SUM(c."loans")::int AS "loans", SUM(c."overdue")::bigint AS "overdue"
    FROM "LoanSpan" s, "open_loan_tally_counts"(s, 1) c WHERE s."closedOn" IS NULL GROUP BY 1, 2, 3, 4, 5
  ) counted FULL JOIN "OpenLoanTally" t USING ("groupId", "orgUnitId", "programmeId", "figuresOn", "ageing")
  WHERE (counted."loans", counted."overdue") IS DISTINCT FROM (t."loans", t."overdue")`;

/**
 * Rows where what members have now (MemberNow, kept by triggers) differs from a count of the open spans,
 * of the spans opened each year and of the balances — with each member's rows of a domain ('loan:*',
 * 'save:*', 'lent2026:*') and of anything ('*') —
 * and where the communes' sums (CommuneNow) or the members' communes (MemberSpread) differ from MemberNow.
 */
const memberNowOffSources = () => db.$queryRaw<unknown[]>`
  WITH kinds AS (
    SELECT s."orgUnitId", 'loan:' || p."fundSource" AS "kind", s."memberId", COUNT(*)::int AS "items", 0::bigint AS "amount"
    FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId" WHERE s."closedOn" IS NULL GROUP BY 1, 2, 3
    UNION ALL
    SELECT s."openedOrgUnitId", 'lent' || EXTRACT(YEAR FROM s."openedOn") || ':' || p."fundSource", s."memberId", COUNT(*)::int, 0::bigint
    FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId" GROUP BY 1, 2, 3
    UNION ALL
    SELECT a."orgUnitId", 'save:' || sc."kind", a."memberId", COUNT(*)::int, SUM(b."balance")::bigint
    FROM "SavingsBalance" b JOIN "SavingsAccount" a ON a."id" = b."accountId" JOIN "SavingsScheme" sc ON sc."id" = a."schemeId"
    WHERE b."balance" > 0 GROUP BY 1, 2, 3
  )
  SELECT 'MemberNow' AS "table", to_jsonb(counted) AS "counted", to_jsonb(m) AS "kept" FROM (
    SELECT * FROM kinds
    UNION ALL SELECT "orgUnitId", split_part("kind", ':', 1) || ':*', "memberId", SUM("items")::int, SUM("amount")::bigint FROM kinds GROUP BY 1, 2, 3
    UNION ALL SELECT "orgUnitId", '*', "memberId", SUM("items")::int, SUM("amount")::bigint FROM kinds GROUP BY 1, 3
  ) counted FULL JOIN "MemberNow" m USING ("orgUnitId", "kind", "memberId")
  WHERE (counted."items", counted."amount") IS DISTINCT FROM (m."items", m."amount")
  UNION ALL
  SELECT 'CommuneNow', to_jsonb(counted), to_jsonb(c) FROM (
    SELECT "orgUnitId", "kind", COUNT(*)::int AS "members", SUM("items")::int AS "items", SUM("amount")::bigint AS "amount" FROM "MemberNow" GROUP BY 1, 2
  ) counted FULL JOIN "CommuneNow" c USING ("orgUnitId", "kind")
  WHERE (counted."members", counted."items", counted."amount") IS DISTINCT FROM (c."members", c."items", c."amount")
    AND NOT (counted."orgUnitId" IS NULL AND c."members" = 0 AND c."items" = 0 AND c."amount" = 0)
  UNION ALL
  SELECT 'MemberSpread', to_jsonb(counted), to_jsonb(s) FROM (
    SELECT "memberId", COUNT(*)::int AS "communes" FROM "MemberNow" WHERE "kind" = '*' GROUP BY 1
  ) counted FULL JOIN "MemberSpread" s USING ("memberId")
  WHERE counted."communes" IS DISTINCT FROM s."communes"`;

/** Communes whose kept outstanding now (CommuneBalance) differs from the sum of their months' changes. */
const communeBalanceOff = () => db.$queryRaw<unknown[]>`
  SELECT * FROM (SELECT "orgUnitId", "programmeId", SUM("balanceChange")::bigint AS "balance" FROM "CommuneLedgerMonth" GROUP BY 1, 2) counted
  FULL JOIN "CommuneBalance" b USING ("orgUnitId", "programmeId")
  WHERE counted."balance" IS DISTINCT FROM b."balance" AND NOT (counted."orgUnitId" IS NULL AND b."balance" = 0)`;

const MONTH_ENDS = ['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31'];
const monthStartOf = (date: string) => at(`${date.slice(0, 8)}01`);

describe('monthly pre-aggregate of the ledger', () => {
  it('gives every unit the ledger\'s figures for every month, quarter and year to date', { timeout: 120_000 }, async () => {
    const units = [tree.province, ...tree.districts, ...tree.communes];
    let compared = 0;
    for (const unit of units) {
      for (const [i, end] of MONTH_ENDS.entries()) {
        for (const from of [monthStartOf(end), monthStartOf(MONTH_ENDS[Math.max(0, i - 2)]!), at('2026-01-01'), at('2025-01-01')].filter((d) => d <= at(end))) {
          const scope: LedgerScope = { path: unit.path };
          for (const grain of unit.level === 'COMMUNE' ? (['group'] as const) : (['group', 'commune'] as const)) {
            // As the summary reads it: from the subtree's unit ids, read once.
            const snapshot = await snapshotPeriodFigures(db, await withUnitIds(db, scope), from, at(end), grain);
            expect(await comparable(snapshot), `${unit.name} ${from.toISOString().slice(0, 10)}..${end} per ${grain}`).toEqual(await comparable(await ledgerPeriodFigures(db, scope, from, at(end), grain)));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    // The scenario moves money in every one of these: the comparison is not between empty sets.
    const province = await comparable(await snapshotPeriodFigures(db, { path: tree.province.path }, at('2026-01-01'), at('2026-10-31')));
    expect(province.lent).toEqual({ loans: 7, borrowers: 5 });
    // 2025 as a whole year is the communes' kept count of it: one revolving-fund loan, in December.
    expect((await snapshotPeriodFigures(db, { path: tree.province.path }, at('2025-01-01'), at('2025-12-31'), 'commune')).lent).toEqual({ loans: 1, borrowers: 1 });
    expect(province.end.borrowers).toBe(4);
  });

  it('filters by programme and fund source as the ledger does', async () => {
    for (const filter of [{ programmeId: programmes.HN!.id }, { programmeId: programmes.HCN!.id }, { fundSource: 'VBSP' as const }, { fundSource: 'REVOLVING' as const }]) {
      for (const end of MONTH_ENDS) {
        const scope: LedgerScope = { path: tree.province.path, ...filter };
        expect(await comparable(await snapshotPeriodFigures(db, scope, at('2026-01-01'), at(end), 'commune'))).toEqual(await comparable(await ledgerPeriodFigures(db, scope, at('2026-01-01'), at(end), 'commune')));
      }
    }
  });

  it('holds after every write: maintained row by row, it equals a recomputation from scratch', async () => {
    const read = () => db.$queryRaw<unknown[]>`SELECT * FROM "LedgerMonth" ORDER BY "groupId", "orgUnitId", "programmeId", "month"`;
    // The communes' sums, kept by differences, are the sums of the group rows.
    const communeSums = await db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*)::bigint AS n FROM (
        SELECT "orgUnitId", "programmeId", "month", SUM("disbursed") AS d, SUM("disbursedLoans") AS l, SUM("principalRepaid") AS r, SUM("interestCollected") AS i, SUM("balanceChange") AS b
        FROM "LedgerMonth" GROUP BY 1, 2, 3
      ) g FULL JOIN "CommuneLedgerMonth" c USING ("orgUnitId", "programmeId", "month")
      WHERE (g.d, g.l, g.r, g.i, g.b) IS DISTINCT FROM (c."disbursed", c."disbursedLoans", c."principalRepaid", c."interestCollected", c."balanceChange")
        AND NOT (g."orgUnitId" IS NULL AND c."disbursed" = 0 AND c."disbursedLoans" = 0 AND c."principalRepaid" = 0 AND c."interestCollected" = 0 AND c."balanceChange" = 0)`;
    expect(communeSums[0]!.n).toBe(0n);
    expect(await db.communeLedgerMonth.count()).toBeGreaterThan(10);
    const spans = () => db.$queryRaw<unknown[]>`SELECT * FROM "LoanSpan" ORDER BY "loanId"`;
    const [before, spansBefore] = [await read(), await spans()];
    expect(before.length).toBeGreaterThan(20);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM "LedgerMonth"`;
      await tx.$executeRaw`DELETE FROM "CommuneLedgerMonth"`;
      await tx.$executeRaw`DELETE FROM "LoanSpan"`;
      await tx.$queryRaw`SELECT "ledger_refresh_groups"(ARRAY(SELECT "id" FROM "Group"))::text`;
      await tx.$queryRaw`SELECT "ledger_refresh_spans"(ARRAY(SELECT "id" FROM "Loan"))::text`;
    });
    expect(await read()).toEqual(before);
    expect(await spans()).toEqual(spansBefore);
    expect(await tallyOffSpans()).toEqual([]);
    expect(await memberNowOffSources()).toEqual([]);
    expect(await communeBalanceOff()).toEqual([]);
  });

  it('is used for whole months up to today, and the ledger is read for any other period', async () => {
    const scope = { path: tree.province.path };
    expect((await periodFigures(db, scope, at('2026-01-01'), todayInVietnam())).source).toBe('snapshot');
    expect((await periodFigures(db, scope, at('2026-07-01'), at('2026-09-30'))).source).toBe('snapshot');
    expect((await periodFigures(db, scope, at('2026-07-01'), at('2026-09-15'))).source).toBe('ledger');
    expect((await periodFigures(db, scope, at('2026-07-02'), at('2026-09-30'))).source).toBe('ledger');
    const today = todayInVietnam();
    expect(await comparable(await periodFigures(db, scope, at('2026-01-01'), today))).toEqual(await comparable(await ledgerPeriodFigures(db, scope, at('2026-01-01'), today)));
  });

  it('keeps each savings account\'s balance: today\'s savings equal the sum of the movements', async () => {
    for (const unit of [tree.province, ...tree.districts, ...tree.communes]) {
      for (const kinds of [null, ['GROUP_MEMBER'], ['VBSP_GROUP']]) {
        expect(await savingsNow(db, { path: unit.path }, kinds)).toEqual(await savingsFromLedger(db, { path: unit.path }, todayInVietnam(), kinds));
      }
    }
    expect(await savingsNow(db, { path: tree.province.path }, null)).toMatchObject({ balance: 2_000_000n, participants: 2 });
    // On a past date the movements are summed.
    expect(await savingsOn(db, { path: tree.province.path }, at('2026-02-28'), null)).toMatchObject({ balance: 3_000_000n, accounts: 6 });
  });

  it('up to this month, the trend counts back from the outstanding now: the ledger\'s at each month\'s end', async () => {
    expect(await communeBalanceOff()).toEqual([]);
    const today = todayInVietnam();
    for (const unit of [tree.province, ...tree.districts, ...tree.communes]) {
      for (const filter of [{}, { fundSource: 'VBSP' as const }, { fundSource: 'REVOLVING' as const }]) {
        const scope = { path: unit.path, ...filter };
        const trend = await monthlyTrend(db, scope, '2025-12', '2026-11');
        const ends = [...MONTH_ENDS.map(at), today];
        for (const [i, end] of ends.entries()) {
          const ledger = await ledgerPeriodFigures(db, scope, monthStartOf(isoDay(end)), end);
          expect(trend[i]!.outstanding, `${unit.name} ${JSON.stringify(filter)} ${isoDay(end)}`).toBe(ledger.end.rows.reduce((s, r) => s + r.amount, 0n));
        }
      }
    }
  });

  it('month by month, the trend\'s outstanding is the ledger\'s at each month\'s end', async () => {
    const trend = await monthlyTrend(db, { path: tree.province.path }, '2025-12', '2026-10');
    for (const [i, end] of MONTH_ENDS.entries()) {
      const ledger = await ledgerPeriodFigures(db, { path: tree.province.path }, monthStartOf(end), at(end));
      expect(trend[i]!.outstanding).toBe(ledger.end.rows.reduce((s, r) => s + r.amount, 0n));
      expect(trend[i]!.disbursed).toBe(ledger.flows.reduce((s, r) => s + r.disbursed, 0n));
    }
  });
});

describe('open loans tally: today\'s overdue and groups (decision 031)', () => {
  const today = at(TODAY);
  const everyScope = () => [tree.province, ...tree.districts, ...tree.communes].flatMap((unit) =>
    [{}, { fundSource: 'VBSP' as const }, { fundSource: 'REVOLVING' as const }, { programmeId: programmes.HCN!.id }].map((filter) => ({ unit, scope: { path: unit.path, ...filter } })));
  const compareAll = async () => {
    for (const { unit, scope } of everyScope()) {
      for (const grain of unit.level === 'COMMUNE' ? (['group'] as const) : (['group', 'commune'] as const)) {
        const snapshot = await snapshotPeriodFigures(db, await withUnitIds(db, scope), at('2026-01-01'), today, grain);
        expect(await comparable(snapshot), `${unit.name} ${JSON.stringify(scope)} per ${grain}`).toEqual(await comparable(await ledgerPeriodFigures(db, scope, at('2026-01-01'), today, grain)));
      }
    }
  };

  beforeAll(() => refreshOpenLoans(today));

  it('follows every write: equal to a count of the open spans, with the loans refreshed today', async () => {
    expect(await tallyOffSpans()).toEqual([]);
    expect(await memberNowOffSources()).toEqual([]);
    expect(await db.memberNow.count({ where: { kind: { startsWith: 'loan:' } } })).toBeGreaterThan(3);
    expect(await db.memberNow.count({ where: { kind: { startsWith: 'save:' } } })).toBeGreaterThan(1);
    const fresh = await db.openLoanTally.aggregate({ where: { figuresOn: today }, _sum: { loans: true, overdue: true } });
    expect(fresh._sum.loans).toBeGreaterThan(3);
    expect(fresh._sum.overdue).toBeGreaterThan(0n);
  });

  it('gives every unit the ledger\'s overdue and groups today, whatever the filter', { timeout: 60_000 }, async () => {
    await compareAll();
    const province = await snapshotPeriodFigures(db, { path: tree.province.path }, at('2026-01-01'), today, 'commune');
    expect(province.overdue.amount).toBeGreaterThan(0n);
    expect((await groupIdsOf(province.end.groups)).length).toBeGreaterThan(1);
  });

  it('replays the loans not yet refreshed today, and counts them again once they are', { timeout: 60_000 }, async () => {
    const loan = await db.loan.findFirstOrThrow({ where: { status: 'DISBURSED', cachedOverdue: { gt: 0 } } });
    await db.loan.update({ where: { id: loan.id }, data: { cachedAsOf: at('2026-11-19'), cachedOverdue: 1n } });
    expect(await tallyOffSpans()).toEqual([]);
    await compareAll();
    await refreshOpenLoans(today);
    expect(await tallyOffSpans()).toEqual([]);
    expect(await db.openLoanTally.count({ where: { figuresOn: { not: today } } })).toBe(0);
  });

  it('follows a savings account handed to another commune and back', async () => {
    const funded = await db.savingsBalance.findMany({ where: { balance: { gt: 0 } } });
    const account = await db.savingsAccount.findFirstOrThrow({ where: { orgUnitId: tree.communes[0]!.id, id: { in: funded.map((b) => b.accountId) } } });
    const balance = funded.find((b) => b.accountId === account.id)!.balance;
    const [from, to] = [{ path: tree.communes[0]!.path }, { path: tree.communes[1]!.path }];
    const before = [await savingsNow(db, from, null), await savingsNow(db, to, null)];
    await db.savingsAccount.update({ where: { id: account.id }, data: { orgUnitId: tree.communes[1]!.id } });
    expect(await memberNowOffSources()).toEqual([]);
    expect((await savingsNow(db, to, null)).balance - before[1]!.balance).toBe(balance);
    expect(await savingsNow(db, to, null)).toEqual(await savingsFromLedger(db, to, today, null));
    // She keeps her other account in the first commune: a saver in both, counted once by the district and the province.
    expect(await db.memberSpread.findUnique({ where: { memberId: account.memberId } })).toMatchObject({ communes: 2 });
    for (const unit of [tree.districts[0]!, tree.province]) {
      for (const kinds of [null, ['GROUP_MEMBER'], ['VBSP_GROUP']]) {
        expect(await savingsNow(db, { path: unit.path }, kinds), `${unit.name} ${kinds}`).toEqual(await savingsFromLedger(db, { path: unit.path }, today, kinds));
      }
    }
    await db.savingsAccount.update({ where: { id: account.id }, data: { orgUnitId: tree.communes[0]!.id } });
    expect([await savingsNow(db, from, null), await savingsNow(db, to, null)]).toEqual(before);
  });

  it('counts a borrower with loans in two communes once', { timeout: 60_000 }, async () => {
    // Her second loan handed to the other commune today: she borrows in both.
    const [first, second] = await db.loan.findMany({ where: { status: 'DISBURSED', member: { orgUnitId: tree.communes[0]!.id } }, orderBy: { disbursedAt: 'asc' } })
      .then((loans) => loans.filter((l, _, all) => all.filter((o) => o.memberId === l.memberId).length > 1));
    expect(second?.memberId).toBe(first!.memberId);
    const group = await db.group.findFirstOrThrow({ where: { orgUnitId: tree.communes[1]!.id } });
    await db.$transaction(async (tx) => {
      await recordLoanMoves(tx, [second!], { groupId: group.id, orgUnitId: tree.communes[1]!.id }, today);
      await tx.loan.update({ where: { id: second!.id }, data: { groupId: group.id, orgUnitId: tree.communes[1]!.id } });
    });
    expect(await memberNowOffSources()).toEqual([]);
    expect(await db.memberSpread.findUnique({ where: { memberId: second!.memberId } })).toMatchObject({ communes: 2 });
    expect(await communeBalanceOff()).toEqual([]);
    await compareAll();
  });

  it('counts a member lent to in two communes this year once, and each commune counts her', { timeout: 60_000 }, async () => {
    const [c0, c1] = tree.communes as [OrgUnit, OrgUnit];
    // Her loans are now in both communes (the test above): the earlier one, entered in the wrong
    // commune, is moved to the other as of the day it was lent.
    const loans = await db.loan.findMany({ where: { status: 'DISBURSED', orgUnitId: { in: [c0.id, c1.id] } }, orderBy: { disbursedAt: 'asc' } });
    const borrower = loans.find((l) => loans.some((o) => o.memberId === l.memberId && o.orgUnitId !== l.orgUnitId))!.memberId;
    const first = loans.find((l) => l.memberId === borrower && l.orgUnitId === c0.id)!;
    const group = await db.group.findFirstOrThrow({ where: { orgUnitId: c1.id } });
    await db.$transaction(async (tx) => {
      await recordLoanMoves(tx, [first], { groupId: group.id, orgUnitId: c1.id }, first.disbursedAt!);
      await tx.loan.update({ where: { id: first.id }, data: { groupId: group.id, orgUnitId: c1.id } });
    });
    expect(await memberNowOffSources()).toEqual([]);
    const lentIn = await db.memberNow.findMany({ where: { memberId: borrower, kind: 'lent2026:*' }, select: { orgUnitId: true } });
    expect(lentIn.map((r) => r.orgUnitId).sort()).toEqual([c0.id, c1.id].sort());
    const lent = async (unit: OrgUnit) => (await snapshotPeriodFigures(db, await withUnitIds(db, { path: unit.path }), at('2026-01-01'), today, 'commune')).lent.borrowers;
    const [inC0, inC1, inDistrict] = [await lent(c0), await lent(c1), await lent(tree.districts[0]!)];
    expect(inDistrict).toBe(inC0 + inC1 - 1);
    await compareAll();
  });

  it('counts each group\'s members today from the open memberships kept, unless one is dated later', async () => {
    const recount = (date: Date) => db.$queryRaw<{ groupId: string; n: bigint }[]>`
      SELECT "groupId", COUNT(*)::bigint AS n FROM "MemberGroupHistory" WHERE "fromDate" <= ${date}::date AND ("toDate" IS NULL OR "toDate" > ${date}::date) GROUP BY 1`;
    const byHistory = async (date: Date) => new Map((await recount(date)).map((r) => [r.groupId, Number(r.n)]));
    const fromReport = async () => new Map((await activeGroupsOn(db, { path: tree.province.path }, today)).map((g) => [g.id, g.members]));
    const kept = await db.groupMembersNow.findMany({ where: { members: { not: 0 } } });
    expect(new Map(kept.map((k) => [k.groupId, k.members]))).toEqual(await byHistory(today));
    const expected = await fromReport();
    const counted = [...(await byHistory(today))].filter(([id]) => expected.has(id));
    expect(Object.fromEntries([...expected].filter(([, n]) => n > 0))).toEqual(Object.fromEntries(counted));
    // A member joining tomorrow is kept as open, but not counted today.
    const member = await db.member.findFirstOrThrow({ where: { groupId: { not: null } } });
    const joining = await db.memberGroupHistory.create({ data: { memberId: member.id, groupId: member.groupId!, fromDate: at('2026-11-21'), reason: 'TRANSFER' } });
    expect((await db.groupMembersNow.findUniqueOrThrow({ where: { groupId: member.groupId! } })).members).toBe(expected.get(member.groupId!)! + 1);
    expect(await fromReport()).toEqual(expected);
    await db.memberGroupHistory.delete({ where: { id: joining.id } });
    expect(await fromReport()).toEqual(expected);
  });

  it('is what the report reads: a tally that drifted shows in the figures', async () => {
    // The honest figures first: a rolled-back transaction awaited later would reject with nobody listening yet.
    const honest = await snapshotPeriodFigures(db, { path: tree.province.path }, at('2026-01-01'), today, 'commune');
    const drifted = db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "OpenLoanTally" SET "overdue" = "overdue" + 1 WHERE "ageing" <> ''`;
      const figures = await snapshotPeriodFigures(tx, { path: tree.province.path }, at('2026-01-01'), today, 'commune');
      throw new Error(`overdue ${figures.overdue.amount}`);
    });
    await expect(drifted).rejects.toThrow(new RegExp(`^overdue (?!${honest.overdue.amount}$)`));
    // A borrower counted twice in a commune's count is counted twice in the report.
    const doubled = db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "CommuneNow" SET "members" = "members" + 1 WHERE ("orgUnitId", "kind") IN (SELECT "orgUnitId", "kind" FROM "CommuneNow" WHERE "kind" = 'loan:*' AND "members" > 0 LIMIT 1)`;
      const figures = await snapshotPeriodFigures(tx, { path: tree.province.path }, at('2026-01-01'), today, 'commune');
      throw new Error(`borrowers ${figures.end.borrowers}`);
    });
    await expect(doubled).rejects.toThrow(`borrowers ${honest.end.borrowers + 1}`);
  });
});
