import { afterAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/auth/load-actor';
import { isoDate } from '@/lib/calendar/date-only';
import { setClock, todayInVietnam } from '@/lib/clock';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { db } from '@/lib/db';
import { feeStatement } from '@/lib/fees';
import { fundBalance } from '@/lib/fund/balance';
import { listLoans, listPendingLoans } from '@/lib/loans/list-loans';
import { communeWork } from '@/lib/reports/dashboard';
import { seedDemoData } from '@/prisma/seed';
import { demoMeetings } from '@/prisma/seed-dates';
import { useTestDatabase } from '@/tests/setup/test-database';

// The demo is built from the clock's today. On awkward days — a month's last day, New Year's Eve and
// Day, 29/02, the days around a group's meeting day (TK-03 meets on the 5th, QQV-01 on the 20th) —
// every journey of the README still has something to do: a sheet with money due, overdue loans, an
// application to approve, a commune with fund cash to settle, a month of fees.

const database = useTestDatabase();
afterAll(() => setClock(null));

const actor = async (username: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { username } })).id))!;

const AWKWARD_DAYS = ['2026-12-31', '2027-01-01', '2028-02-29', '2027-03-04', '2027-03-05', '2027-03-21'];

describe.each(AWKWARD_DAYS)('the demo loaded on %s', (day) => {
  it('has a sheet with money due, overdue loans, an application to approve, fund cash to settle and a month of fees', { timeout: 240_000 }, async () => {
    await database.replace();
    setClock(day);
    expect(isoDate(todayInVietnam())).toBe(day);
    await seedDemoData('Demo@2026');
    const [officer, leader, province] = [await actor('xa.yk'), await actor('huyen.yy'), await actor('tinh')];
    // The meeting before the latest is not entered: every borrower of TK-03 (30) and QQV-01 (5) owes its
    // instalment since the day after; the two TK-03 members who paid nothing at a saved meeting owe longer.
    const overdue = await listLoans(leader, { overdue: 'any' });
    expect(overdue.total).toBe(35);
    const days = overdue.loans.filter((l) => l.group.code === 'TK-03').map((l) => l.cachedDaysPastDue).sort((a, b) => b - a);
    expect(days[1]! > days[2]!).toBe(true);
    const groups = new Map((await db.group.findMany({ where: { orgUnit: { code: 'NB-YK' } } })).map((g) => [g.code, g]));

    for (const code of ['TK-03', 'QQV-01'] as const) {
      const meetings = demoMeetings(code, todayInVietnam());
      // The sheet opened without a month is the latest meeting's, on or before today, not saved yet.
      const sheet = await getCollectionSheet(officer, groups.get(code)!.id);
      expect(sheet.month).toBe(meetings.openMonths[1]);
      expect(sheet.upcoming).toBe(false);
      expect(isoDate(sheet.date) <= day).toBe(true);
      expect(sheet.saved).toBeNull();
      const borrowers = sheet.rows.filter((r) => r.loans.some((l) => l.due > 0n));
      expect(borrowers.length).toBe(code === 'TK-03' ? 30 : 5);
      // The meeting before is open too, and listed in the officer's work for today.
      const work = await communeWork(officer);
      for (const month of meetings.openMonths) expect(work.sheetsDue.map((s) => `${s.group.code} ${s.month}`)).toContain(`${code} ${month}`);
      // Saving it as prefilled posts what the sheet asked.
      const rows = sheet.rows.map((r) => ({
        memberId: r.member.id,
        attended: true,
        loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
        savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected.toString() })),
      }));
      const saved = await saveCollectionSheet(officer, groups.get(code)!.id, { month: sheet.month, rows, idempotencyKey: `any-day-${code}` });
      expect(saved.totalLoans).toBe(sheet.rows.flatMap((r) => r.loans).reduce((sum, l) => sum + l.due, 0n));
    }

    expect((await listPendingLoans(leader)).total).toBeGreaterThanOrEqual(1);
    // Hoành Sơn holds 60 million ₫ of fund capital and lends none of it: a commune to settle.
    const fund = await fundBalance(province);
    expect(fund.communes.find((c) => c.orgUnit.code === 'NB-HS')).toMatchObject({ cashOnHand: 60_000_000n, outstanding: 0n });
    // The fees of the month of TK-03's latest saved demo sheet are computed, with its commission.
    const fees = await feeStatement(province, { month: demoMeetings('TK-03', todayInVietnam()).savedMonths[1] });
    expect(fees.byGroupLeader.some((line) => line.group.code === 'TK-03' && line.commission > 0n)).toBe(true);
  });
});
