import type { Member, SavingsAccount, SavingsScheme } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { formatThousands } from '@/lib/money';

const DAY_MS = 86_400_000;

export type AccountForRules = SavingsAccount & { scheme: SavingsScheme; member: Pick<Member, 'status'> };
export interface Movement {
  date: Date;
  amount: bigint;
  noticeDate?: Date | null;
}

/** A deposit keeps to the scheme's monthly range; `alreadyThisMonth` counts live deposits of that month. */
export function assertDepositAllowed(account: AccountForRules, alreadyThisMonth: bigint, movement: Movement, { opening = false } = {}) {
  assertAfterOpening(account, movement);
  const { scheme } = account;
  if (account.member.status !== 'ACTIVE') throw new AppError('CONFLICT', 'members.notActive');
  if (opening) return;
  if (alreadyThisMonth + movement.amount > scheme.maxMonthlyDeposit) {
    const params = { max: formatThousands(scheme.maxMonthlyDeposit), already: formatThousands(alreadyThisMonth) };
    throw new AppError('VALIDATION', 'savings.aboveMonthlyMax', params, { amount: { key: 'savings.aboveMonthlyMax', params } });
  }
  if (alreadyThisMonth === 0n && movement.amount < scheme.minMonthlyDeposit) {
    const params = { min: formatThousands(scheme.minMonthlyDeposit) };
    throw new AppError('VALIDATION', 'savings.belowMonthlyMin', params, { amount: { key: 'savings.belowMonthlyMin', params } });
  }
}

/**
 * A withdrawal needs the scheme to allow it, the notice it asks (the notice given at least
 * `noticeDays` days before), and leaves at least the minimum balance.
 */
export function assertWithdrawalAllowed(account: AccountForRules, balance: bigint, movement: Movement, { historical = false } = {}) {
  assertAfterOpening(account, movement);
  const { scheme } = account;
  if (!scheme.withdrawalsAllowed) throw new AppError('CONFLICT', 'savings.noWithdrawals');
  if (scheme.noticeDays > 0 && !historical) {
    const params = { days: scheme.noticeDays };
    if (!movement.noticeDate) throw new AppError('VALIDATION', 'savings.noticeRequired', params, { noticeDate: { key: 'savings.noticeRequired', params } });
    const given = Math.round((movement.date.getTime() - movement.noticeDate.getTime()) / DAY_MS);
    if (given < scheme.noticeDays) {
      const tooShort = { ...params, given: Math.max(given, 0) };
      throw new AppError('VALIDATION', 'savings.noticeTooShort', tooShort, { noticeDate: { key: 'savings.noticeTooShort', params: tooShort } });
    }
  }
  if (balance - movement.amount < scheme.minBalance) {
    const params = { available: formatThousands(balance > scheme.minBalance ? balance - scheme.minBalance : 0n) };
    throw new AppError('VALIDATION', 'savings.insufficient', params, { amount: { key: 'savings.insufficient', params } });
  }
}

function assertAfterOpening(account: SavingsAccount, movement: Movement) {
  if (movement.date < account.openedAt) throw new AppError('VALIDATION', 'savings.beforeOpening', {}, { date: { key: 'savings.beforeOpening' } });
}
