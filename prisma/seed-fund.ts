import { loadActor } from '@/lib/auth/load-actor';
import { monthOf } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { db } from '@/lib/db';
import { addAllowanceRule, addFeeRate, addFeeShareRule, computeFeeMonth } from '@/lib/fees';
import { postAllocation } from '@/lib/fund';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { demoMeetings, paidAsDue } from './seed-dates';

// Demo fees and revolving fund. The rates are ILLUSTRATIVE, not the bank's official rates: an
// administrator enters the real ones from the bank's documents. The province gives capital to
// Yên Khang and Hoành Sơn (of today's Ninh Bình); five members of Yên Khang's fund group (8 members: its officers get the
// reduced allowance) borrowed at the meeting four back from today's latest and repaid at the next
// two; the last two meetings' sheets are open (prisma/seed-dates.ts). The fee statements of the
// months of every saved demo sheet are computed, so the fees page has figures on first start.

const ILLUSTRATIVE = 'Mức minh họa cho dữ liệu mẫu, không phải mức chính thức của NHCSXH';

export async function seedFundHistory() {
  const actorOf = async (username: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { username } })).id))!;
  const [province, officer] = [await actorOf('tinh'), await actorOf('xa.yk')];
  const today = todayInVietnam();
  const from = monthOf(today, -6);
  for (const code of ['HN', 'HCN']) {
    const programme = await db.programme.findUniqueOrThrow({ where: { code } });
    await addFeeRate(province, { programmeId: programme.id, kind: 'ENTRUSTMENT_FEE', basis: 'OUTSTANDING_BALANCE', rate: '0,04', effectiveMonth: from, note: ILLUSTRATIVE });
    await addFeeRate(province, { programmeId: programme.id, kind: 'GROUP_COMMISSION', basis: 'INTEREST_COLLECTED', rate: '10', effectiveMonth: from, note: ILLUSTRATIVE });
  }
  // Two-tier since 01/07/2025: shares for the commune and the province only (2024's rule had a district share).
  await addFeeShareRule(province, { effectiveMonth: from < '2025-07' ? '2025-07' : from, commune: '70', district: '0', province: '30' });
  // Seed 001: half of the fund's interest pays allowances.
  await addAllowanceRule(province, { effectiveMonth: from, allowance: '50', groupOfficers: '40', fullFromMembers: 10, reducedFromMembers: 5, reducedPct: 50 });

  const yenKhang = await db.orgUnit.findUniqueOrThrow({ where: { code: 'NB-YK' } });
  const hoanhSon = await db.orgUnit.findUniqueOrThrow({ where: { code: 'NB-HS' } });
  const allocated = `${monthOf(today, -5)}-01`;
  await postAllocation(province, { orgUnitId: yenKhang.id, kind: 'ALLOCATE', date: allocated, amount: '100.000.000', decisionNo: '12/QĐ-HLHPN (mẫu)', idempotencyKey: 'seed-yk' });
  await postAllocation(province, { orgUnitId: hoanhSon.id, kind: 'ALLOCATE', date: allocated, amount: '60.000.000', decisionNo: '13/QĐ-HLHPN (mẫu)', idempotencyKey: 'seed-hs' });

  const group = await db.group.findFirstOrThrow({ where: { orgUnitId: yenKhang.id, code: 'QQV-01' }, include: { members: { orderBy: { code: 'asc' } } } });
  const qqv = await db.programme.findUniqueOrThrow({ where: { code: 'QQV' } });
  const meetings = demoMeetings('QQV-01', today);
  const lent = meetings.disbursedOn;
  for (const member of group.members.slice(0, 5)) {
    const loan = await applyForLoan(officer, { memberId: member.id, programmeId: qqv.id, amount: '10.000.000', termMonths: 20, purpose: 'Chăn nuôi gà', appliedAt: lent });
    await appraiseLoan(officer, loan.id, { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Trần Thị Hạnh', appraisedAt: lent });
    await approveLoan(province, loan.id, { decidedAt: lent });
    await disburseLoan(officer, loan.id, { date: lent, idempotencyKey: `seed-qqv-${member.code}` });
  }
  for (const month of meetings.savedMonths) {
    const sheet = await getCollectionSheet(officer, group.id, month);
    await saveCollectionSheet(officer, group.id, { month, rows: paidAsDue(sheet), idempotencyKey: `seed-qqv-${month}` });
  }
  const feeMonths = new Set([...meetings.savedMonths, ...demoMeetings('TK-03', today).savedMonths]);
  for (const month of [...feeMonths].sort()) await computeFeeMonth(province, { month });
}
