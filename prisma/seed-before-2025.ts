import { loadActor } from '@/lib/auth/load-actor';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { paidAsDue } from './seed-dates';
import { db } from '@/lib/db';
import { addFeeShareRule } from '@/lib/fees';
import { postAllocation } from '@/lib/fund';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { saveBankOffice } from '@/lib/org/bank-offices';
import { openSavingsAccount } from '@/lib/savings';
import { OLD_HISTORY_GROUP } from './seed-reorganisation';

// The demo's history in the old structure (before 01/07/2025), at fixed dates: the bank's two
// transaction offices of Ý Yên and Giao Thủy with their communes; fee shares between commune,
// district and province from 2024; 40 million ₫ of revolving-fund capital given to Yên Phong in
// 2023 (its board still holds it at the merge, which hands it over); and a loan cycle of Yên Phong's
// group TK-01: ten poor-household loans disbursed on 15/01/2024 for 12 months, with member savings,
// repaid at twelve monthly meetings until 15/01/2025. Everything through the services, dated.

export const BEFORE_2025 = { disbursedOn: '2024-01-15', firstMonth: '2024-02', lastMonth: '2025-01', fundCapitalOn: '2023-06-01' } as const;

const monthsFrom = (first: string, last: string) => {
  const months: string[] = [];
  for (let [y, m] = first.split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= last; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return months;
};

export async function seedHistoryBefore2025() {
  const actorOf = async (username: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { username } })).id))!;
  const [admin, province, officer] = [await actorOf('admin'), await actorOf('tinh'), await actorOf('xa.yp')];
  await saveBankOffice(admin, { code: 'PGD-YY', name: 'Phòng giao dịch NHCSXH huyện Ý Yên', communeCodes: ['ND-YY-YK', 'ND-YY-YP', 'ND-YY-YN'], liaisons: ['nhcs.yy'] });
  await saveBankOffice(admin, { code: 'PGD-GT', name: 'Phòng giao dịch NHCSXH huyện Giao Thủy', communeCodes: ['ND-GT-HS', 'ND-GT-GT', 'ND-GT-GH'] });
  await addFeeShareRule(province, { effectiveMonth: '2024-01', commune: '60', district: '25', province: '15' });

  const yenPhong = await db.orgUnit.findUniqueOrThrow({ where: { code: 'ND-YY-YP' } });
  await postAllocation(province, { orgUnitId: yenPhong.id, kind: 'ALLOCATE', date: BEFORE_2025.fundCapitalOn, amount: '40.000.000', decisionNo: '08/QĐ-HLHPN (mẫu)', idempotencyKey: 'seed-yp-2023' });

  const group = await db.group.findFirstOrThrow({ where: { orgUnitId: yenPhong.id, code: OLD_HISTORY_GROUP.code }, include: { members: { orderBy: { code: 'asc' } } } });
  const programme = await db.programme.findUniqueOrThrow({ where: { code: 'HN' } });
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  for (const [i, member] of group.members.entries()) {
    const loan = await applyForLoan(officer, { memberId: member.id, programmeId: programme.id, amount: `${10 + (i % 3) * 5}.000.000`, termMonths: 12, purpose: 'Nuôi bò sinh sản', appliedAt: '2024-01-08' });
    await approveLoan(province, loan.id, { decidedAt: '2024-01-10' });
    await disburseLoan(officer, loan.id, { date: BEFORE_2025.disbursedOn, idempotencyKey: `seed-2024-${member.code}` });
    await openSavingsAccount(officer, { memberId: member.id, schemeId: scheme.id, openedAt: BEFORE_2025.disbursedOn });
  }
  for (const month of monthsFrom(BEFORE_2025.firstMonth, BEFORE_2025.lastMonth)) {
    const sheet = await getCollectionSheet(officer, group.id, month);
    await saveCollectionSheet(officer, group.id, { month, rows: paidAsDue(sheet), idempotencyKey: `seed-2024-${month}` });
  }
}
