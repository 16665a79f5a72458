import type { Tx } from '@/lib/db';

// Demo savings schemes: the group member savings of seed 000 (200.000–500.000 ₫ a month), VBSP
// savings through the group, and a chapter savings pool. Limits other than seed 000's are illustrative.
export async function seedSavingsSchemes(tx: Tx) {
  await tx.savingsScheme.createMany({
    data: [
      { code: 'TKTV', name: 'Tiết kiệm thành viên tổ', kind: 'GROUP_MEMBER', minMonthlyDeposit: 200_000n, maxMonthlyDeposit: 500_000n, withdrawalsAllowed: true, minBalance: 0n },
      { code: 'TKNH', name: 'Tiết kiệm qua tổ (NHCSXH)', kind: 'VBSP_GROUP', minMonthlyDeposit: 10_000n, maxMonthlyDeposit: 5_000_000n, withdrawalsAllowed: true, noticeDays: 0, minBalance: 0n },
      { code: 'TKCH', name: 'Tiết kiệm tại chi hội', kind: 'CHAPTER_POOL', minMonthlyDeposit: 50_000n, maxMonthlyDeposit: 1_000_000n, withdrawalsAllowed: false, minBalance: 0n },
    ],
  });
}
