import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn } from '@/tests/factories/fund';
import type { Actor } from '@/lib/auth/actor';
import { isoDate } from '@/lib/calendar/date-only';
import { setClock, todayInVietnam } from '@/lib/clock';
import { db, type Loan, type OrgUnit, type Programme } from '@/lib/db';
import { extendInstalment, freezeLoan, postRepayment, reverseTransaction, writeOffLoan } from '@/lib/loans';
import { overdueAsOf, replayOverdue, type LoanOverdue } from '@/lib/reports/overdue';
import { summaryReport } from '@/lib/reports';
import { savingsFromKept, savingsFromLedger } from '@/lib/reports/summary-figures';
import { openSavingsAccount, postSavingsMovement, reverseSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { closeMonthEnd, keepMonthEnds, monthEndsBetween, refreshStaleMonthEnds } from './month-ends';

// Kept month ends (decision 029) against the loan engine itself: every kept figure equals the
// engine's replay of the loan's postings to that day; a report of a kept month end equals the same
// report replayed; a back-dated posting, a reversal or a rate change marks the loan stale, reports
// replay it meanwhile, and the nightly job's recomputation makes the kept figures right again. The
// same for savings balances against the sums of the movements.

useTestDatabase();

const at = (date: string) => new Date(`${date}T00:00:00Z`);
const decision = { decisionNo: '12/QĐ', decisionDate: '2026-06-01', approver: 'Trưởng ban' };
const byLoan = (rows: LoanOverdue[]) => [...rows].sort((a, b) => a.loanId.localeCompare(b.loanId));

let province: Actor;
let officer: Actor;
let leader: Actor;
let loans: Record<'steady' | 'never' | 'partial' | 'extended' | 'frozen' | 'lost', Loan>;
let programmes: Record<string, Programme>;
let provincePath: string;
let savingsAccount: string;

/** What the kept figures hold at a month end. */
async function keptAt(monthEnd: Date): Promise<LoanOverdue[]> {
  const rows = await db.loanMonthEnd.findMany({ where: { monthEnd } });
  return byLoan(rows.map((r) => ({ loanId: r.loanId, overdue: r.overdue, daysPastDue: r.daysPastDue })));
}
/** Savings at each month end read from the kept balances equal those summed from the movements. */
async function expectKeptSavingsEqualLedger(scope: { path: string }, monthEnds: Date[]) {
  for (const monthEnd of monthEnds) {
    expect(await savingsFromKept(db, scope, monthEnd, null), isoDate(monthEnd)).toEqual(await savingsFromLedger(db, scope, monthEnd, null));
  }
}
const allLoanIds = async () => (await db.loan.findMany({ select: { id: true } })).map((l) => l.id);

/** A summary of the province at a month end with the kept figures, then with none kept (every loan replayed). */
async function summaryBothWays(to: string) {
  const input = { from: `${to.slice(0, 4)}-01-01`, to };
  const kept = await summaryReport(province, input);
  const closes = await db.monthEndClose.findMany();
  await db.monthEndClose.updateMany({ data: { status: 'COMPUTING' } });
  const replayed = await summaryReport(province, input);
  for (const c of closes) await db.monthEndClose.update({ where: { monthEnd: c.monthEnd }, data: { status: c.status } });
  return { kept, replayed };
}

beforeAll(async () => {
  setClock('2026-11-10T10:00:00+07:00');
  const tree = await createOrgTree();
  programmes = await ensureProgrammes();
  const commune = tree.communes[0] as OrgUnit;
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  officer = await actorFor('COMMUNE_OFFICER', commune);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const group = await makeGroup(commune);
  const [m1, m2, m3, m4, m5, m6] = await addMembers(commune, group.id, 6);
  const lend = (member: typeof m1, date: string) => disbursedLoanOn(officer, leader, member!, programmes.HN!, '12.000.000', date);
  const steady = await lend(m1, '2026-01-15');
  for (const month of ['02', '03', '04', '05', '06', '07', '08', '09', '10']) await postRepayment(officer, steady.id, { date: `2026-${month}-15`, amount: '1.100.000' });
  const never = await lend(m2, '2026-02-10');
  const partial = await lend(m3, '2026-01-20');
  for (const month of ['02', '04', '07']) await postRepayment(officer, partial.id, { date: `2026-${month}-20`, amount: '700.000' });
  const extended = await lend(m4, '2026-03-05');
  await postRepayment(officer, extended.id, { date: '2026-04-05', amount: '1.100.000' });
  await extendInstalment(leader, extended.id, { ...decision, instalmentNo: 2, newDueDate: '2026-08-05' });
  const frozen = await lend(m5, '2026-01-25');
  await freezeLoan(leader, frozen.id, { ...decision, date: '2026-06-30' });
  const lost = await lend(m6, '2026-02-01');
  await writeOffLoan(leader, lost.id, { ...decision, date: '2026-08-05' });
  const all = await db.loan.findMany({ where: { id: { in: [steady, never, partial, extended, frozen, lost].map((l) => l.id) } } });
  const find = (id: string) => all.find((l) => l.id === id)!;
  // Savings: two members, monthly deposits from February, one withdrawal in June, one deposit reversed.
  provincePath = tree.province.path;
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  const scheme = await db.savingsScheme.findFirstOrThrow({ where: { code: 'TKTV' } });
  for (const [i, member] of [m1!, m2!].entries()) {
    const account = await openSavingsAccount(officer, { memberId: member.id, schemeId: scheme.id, openedAt: '2026-01-05' });
    if (i === 0) savingsAccount = account.id;
    for (const month of ['02', '03', '04', '05', '06', '07', '08', '09']) await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: `2026-${month}-05`, amount: '300.000' });
    if (i === 1) await postSavingsMovement(officer, account.id, 'WITHDRAWAL', { date: '2026-06-20', amount: '1.000.000' });
  }
  loans = {
    steady: find(steady.id), never: find(never.id), partial: find(partial.id), extended: find(extended.id), frozen: find(frozen.id), lost: find(lost.id),
  };
}, 120_000);

afterAll(() => setClock(null));

describe('kept month ends', () => {
  it('keep, at each month end of the last thirteen, exactly the overdue loans and figures the loan engine replays', async () => {
    const today = todayInVietnam();
    expect(await keepMonthEnds(today)).toMatchObject({ monthEnds: 13 });
    const monthEnds = monthEndsBetween(at('2025-10-01'), today, today);
    expect(monthEnds.map(isoDate)).toEqual([
      '2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30',
      '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31',
    ]);
    const ids = await allLoanIds();
    for (const monthEnd of monthEnds) expect(await keptAt(monthEnd), isoDate(monthEnd)).toEqual(byLoan(await replayOverdue(ids, monthEnd)));
    // Not an empty comparison: by September the loan never repaid, the partly repaid one and the
    // extended one are overdue; the frozen and written-off ones are not.
    const september = (await keptAt(at('2026-09-30'))).map((r) => r.loanId).sort();
    expect(september).toEqual([loans.never.id, loans.partial.id, loans.extended.id].sort());
    expect(await db.monthEndClose.findUniqueOrThrow({ where: { monthEnd: at('2026-09-30') } })).toMatchObject({ status: 'DONE', loans: 5, overdue: 3 });
    // A second night keeps nothing more.
    expect(await keepMonthEnds(today)).toEqual({ monthEnds: 0, loans: 0 });
  });

  it('keep each savings account\'s balance at the month end as its movements sum to, and mark it stale when a movement is dated before', async () => {
    const scope = { path: provincePath };
    const monthEnds = ['2026-01-31', '2026-05-31', '2026-06-30', '2026-09-30', '2026-10-31'].map(at);
    await expectKeptSavingsEqualLedger(scope, monthEnds);
    expect(await savingsFromKept(db, scope, at('2026-06-30'), null)).toMatchObject({ balance: 2_000_000n, accounts: 2, participants: 2 });
    // A deposit entered late, dated 10/06, then a wrong one reversed: stale from 10/06, read from the movements meanwhile.
    await postSavingsMovement(officer, savingsAccount, 'DEPOSIT', { date: '2026-06-10', amount: '150.000' });
    const wrong = await postSavingsMovement(officer, savingsAccount, 'DEPOSIT', { date: '2026-07-15', amount: '90.000' });
    await reverseSavingsMovement(officer, savingsAccount, { transactionId: wrong.transaction.id, reason: 'Nhập nhầm' });
    expect(await db.savingsMonthEndStale.findUniqueOrThrow({ where: { accountId: savingsAccount } })).toMatchObject({ fromDate: at('2026-06-10') });
    expect(await savingsFromKept(db, scope, at('2026-06-30'), null)).toMatchObject({ balance: 2_150_000n });
    await expectKeptSavingsEqualLedger(scope, monthEnds);
    await refreshStaleMonthEnds();
    expect(await db.savingsMonthEndStale.count()).toBe(0);
    expect((await db.savingsMonthEnd.findUniqueOrThrow({ where: { monthEnd_accountId: { monthEnd: at('2026-06-30'), accountId: savingsAccount } } })).balance).toBe(1_650_000n);
    await expectKeptSavingsEqualLedger(scope, monthEnds);
  });

  it('give the same summary for a kept month end as when every loan is replayed', async () => {
    const { kept, replayed } = await summaryBothWays('2026-09-30');
    expect(kept).toEqual(replayed);
    expect(kept.overdue.amount).toBeGreaterThan(0n);
    expect(kept.overdue.buckets.reduce((s, b) => s + b.loans, 0)).toBe(3);
  });

  it('mark a loan stale when a repayment is posted on or before a kept month end, replay it meanwhile, and recompute it at night', async () => {
    const septemberBefore = (await summaryReport(province, { from: '2026-01-01', to: '2026-09-30' })).overdue.amount;
    // The borrower who never paid brings 3.000.000 ₫, entered late and dated 20/08.
    const late = await postRepayment(officer, loans.never.id, { date: '2026-08-20', amount: '3.000.000' });
    expect(await db.loanMonthEndStale.findUniqueOrThrow({ where: { loanId: loans.never.id } })).toMatchObject({ fromDate: at('2026-08-20') });
    // July is untouched; August and later are replayed for this loan (and differ from what was kept).
    const { kept, replayed } = await summaryBothWays('2026-09-30');
    expect(kept).toEqual(replayed);
    expect(kept.overdue.amount).toBeLessThan(septemberBefore);
    expect(await overdueAsOf([loans.never.id], at('2026-09-30'))).toEqual(await replayOverdue([loans.never.id], at('2026-09-30')));

    expect(await refreshStaleMonthEnds()).toBe(1);
    expect(await db.loanMonthEndStale.count()).toBe(0);
    const ids = await allLoanIds();
    for (const monthEnd of ['2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31'].map(at)) {
      expect(await keptAt(monthEnd), isoDate(monthEnd)).toEqual(byLoan(await replayOverdue(ids, monthEnd)));
    }

    // Reversed: stale again from 20/08, and once recomputed the figures are those before it.
    await reverseTransaction(leader, loans.never.id, { transactionId: late.transaction.id, reason: 'Nhập nhầm khoản vay' });
    expect(await db.loanMonthEndStale.findUniqueOrThrow({ where: { loanId: loans.never.id } })).toMatchObject({ fromDate: at('2026-08-20') });
    await refreshStaleMonthEnds();
    expect((await summaryReport(province, { from: '2026-01-01', to: '2026-09-30' })).overdue.amount).toBe(septemberBefore);
  });

  it('mark nothing for a posting after the last kept month end', async () => {
    await postRepayment(officer, loans.partial.id, { date: isoDate(todayInVietnam()), amount: '500.000' });
    expect(await db.loanMonthEndStale.count()).toBe(0);
  });

  it('mark every loan of a programme stale from the day a new rate applies, when that day is kept', async () => {
    await db.programmeRate.create({ data: { programmeId: programmes.HN!.id, effectiveFrom: at('2026-09-01'), monthlyRate: '0.6000' } });
    const stale = await db.loanMonthEndStale.findMany({ orderBy: { loanId: 'asc' } });
    expect(stale.map((s) => s.loanId)).toEqual(Object.values(loans).map((l) => l.id).sort());
    expect(new Set(stale.map((s) => isoDate(s.fromDate)))).toEqual(new Set(['2026-09-01']));
    expect(await refreshStaleMonthEnds()).toBe(6);
    const ids = await allLoanIds();
    for (const monthEnd of ['2026-09-30', '2026-10-31'].map(at)) expect(await keptAt(monthEnd)).toEqual(byLoan(await replayOverdue(ids, monthEnd)));
  });

  it.runIf(process.env.DATABASE_URL)('wait, when listing a month end, for a back-dated posting written before it was listed, and count it (PostgreSQL)', async () => {
    const october = at('2026-10-31');
    await db.monthEndClose.delete({ where: { monthEnd: october } });
    await db.loanMonthEnd.deleteMany({ where: { monthEnd: october } });
    // Another connection writes a repayment dated 25/10 while October is not kept (so it marks nothing) and has not committed yet.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`INSERT INTO "LoanTransaction" ("loanId", "kind", "date", "amount") VALUES ($1, 'REPAYMENT', '2026-10-25', 2000000)`, [loans.never.id]);
      let settled = false;
      const closing = closeMonthEnd(october).finally(() => { settled = true; });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await other.query('COMMIT');
      await closing;
    } finally {
      await other.end();
    }
    expect(await db.loanMonthEndStale.count()).toBe(0);
    expect(await keptAt(october)).toEqual(byLoan(await replayOverdue(await allLoanIds(), october)));
  });
});
