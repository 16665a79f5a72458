import { isoDate } from '@/lib/calendar/date-only';
import type { SavingsScheme, SavingsTransaction, Tx } from '@/lib/db';
import { formatThousands } from '@/lib/money';
import type { TableRow } from '../types';
import { issue, type RowIssue } from './kind';

// The savings import's judgement of one account's rows, by the rules postSavingsMovement applies to
// each movement (lib/savings/rules.ts), replayed in date order on top of the account's live movements.

export const OPENING_NOTE = 'Số dư đầu kỳ';
export type SavingsRowKind = 'OPENING' | 'DEPOSIT' | 'WITHDRAWAL';

export interface ParsedMovement {
  rowNumber: number;
  action: 'create' | 'unchanged';
  memberId: string;
  orgUnitId: string;
  schemeId: string;
  accountId: string | null;
  /** What the account's judgement rests on (null for an account the file opens). */
  fingerprint: string | null;
  kind: SavingsRowKind;
  date: Date;
  amount: bigint;
}

export type SavingsItem = { row: TableRow; kind: SavingsRowKind; date: Date; amount: bigint };
type Existing = { kind: string; date: Date; amount: bigint; note: string | null };
export type AccountForReplay = { id: string; openedAt: Date; transactions: Pick<SavingsTransaction, 'kind' | 'date' | 'amount' | 'note' | 'postedAt' | 'reversedAt'>[] };
type Scheme = Pick<SavingsScheme, 'id' | 'minMonthlyDeposit' | 'maxMonthlyDeposit' | 'withdrawalsAllowed' | 'minBalance' | 'noticeDays'>;

const signature = (kind: string, date: Date, amount: bigint) => `${kind}:${isoDate(date)}:${amount}`;
const monthOf = (date: Date) => isoDate(date).slice(0, 7);

/** What an account's judgement rests on: the member's status, the scheme's rules, the account's movements. */
export function accountFingerprint(memberStatus: string, scheme: Scheme, account: AccountForReplay): string {
  const latest = account.transactions.reduce((m, t) => Math.max(m, t.postedAt.getTime()), 0);
  const reversals = account.transactions.filter((t) => t.reversedAt).map((t) => t.reversedAt!.getTime()).sort().join(',');
  const rules = [scheme.minMonthlyDeposit, scheme.maxMonthlyDeposit, scheme.withdrawalsAllowed, scheme.minBalance, scheme.noticeDays].join(',');
  return `${memberStatus}|${rules}|${isoDate(account.openedAt)}|${account.transactions.length}|${latest}|${reversals}`;
}

/** The same fingerprint of many accounts read now. */
export async function accountFingerprints(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const accounts = await tx.savingsAccount.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, openedAt: true, scheme: true, member: { select: { status: true } },
      transactions: { select: { kind: true, date: true, amount: true, note: true, postedAt: true, reversedAt: true } },
    },
  });
  return new Map(accounts.map((a) => [a.id, accountFingerprint(a.member.status, a.scheme, a)]));
}

/**
 * Replays the file's rows of one account, in date order, on top of its live movements: a row equal
 * to one already there is unchanged (so re-importing a file or an export writes nothing), an
 * opening balance comes first, nothing before the account opened, deposits keep the scheme's
 * monthly range (a member who left deposits nothing), withdrawals its rules.
 */
export function replay(
  group: { rows: SavingsItem[]; member: { id: string; orgUnitId: string; status: string }; scheme: Scheme },
  account: AccountForReplay | null,
  issues: RowIssue[],
  parsed: ParsedMovement[],
) {
  const { scheme, member } = group;
  const existing: Existing[] = account?.transactions.filter((t) => !t.reversedAt) ?? [];
  const fingerprint = account ? accountFingerprint(member.status, scheme, account) : null;
  const unmatched = new Map<string, number>();
  for (const t of existing) {
    const kind = t.note === OPENING_NOTE && t.kind === 'DEPOSIT' ? 'OPENING' : t.kind;
    const sig = signature(kind, t.date, t.amount);
    unmatched.set(sig, (unmatched.get(sig) ?? 0) + 1);
  }
  const movements: Existing[] = [...existing];
  const sorted = [...group.rows].sort((a, b) => a.date.getTime() - b.date.getTime() || a.row.rowNumber - b.row.rowNumber);
  for (const item of sorted) {
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(item.row.rowNumber, column, key, params));
    const sig = signature(item.kind, item.date, item.amount);
    const base = {
      rowNumber: item.row.rowNumber, memberId: member.id, orgUnitId: member.orgUnitId, schemeId: scheme.id, accountId: account?.id ?? null, fingerprint,
      kind: item.kind, date: item.date, amount: item.amount,
    };
    if ((unmatched.get(sig) ?? 0) > 0) {
      unmatched.set(sig, unmatched.get(sig)! - 1);
      parsed.push({ ...base, action: 'unchanged' });
      continue;
    }
    if (account && item.date < account.openedAt) { at('date', 'savings.beforeOpening'); continue; }
    const balance = movements.filter((t) => t.date <= item.date).reduce((s, t) => s + (t.kind === 'WITHDRAWAL' ? -t.amount : t.amount), 0n);
    if (item.kind === 'OPENING') {
      // The first movement of the account: nothing posted yet, nothing earlier in the file.
      if (movements.length > 0) { at('kind', 'imports.rows.openingNotFirst'); continue; }
      if (member.status !== 'ACTIVE') { at('memberCode', 'members.notActive'); continue; }
    } else if (item.kind === 'DEPOSIT') {
      if (member.status !== 'ACTIVE') { at('memberCode', 'members.notActive'); continue; }
      const month = movements.filter((t) => t.kind === 'DEPOSIT' && t.note !== OPENING_NOTE && monthOf(t.date) === monthOf(item.date)).reduce((s, t) => s + t.amount, 0n);
      if (month + item.amount > scheme.maxMonthlyDeposit) { at('amount', 'savings.aboveMonthlyMax', { max: formatThousands(scheme.maxMonthlyDeposit), already: formatThousands(month) }); continue; }
      if (month === 0n && item.amount < scheme.minMonthlyDeposit) { at('amount', 'savings.belowMonthlyMin', { min: formatThousands(scheme.minMonthlyDeposit) }); continue; }
    } else {
      if (!scheme.withdrawalsAllowed) { at('kind', 'savings.noWithdrawals'); continue; }
      // Later movements already there must stay covered too: judge the lowest balance from this day on.
      const later = movements.filter((t) => t.date > item.date).sort((a, b) => a.date.getTime() - b.date.getTime());
      let lowest = balance - item.amount;
      let running = lowest;
      for (const t of later) { running += t.kind === 'WITHDRAWAL' ? -t.amount : t.amount; lowest = running < lowest ? running : lowest; }
      if (lowest < scheme.minBalance) { at('amount', 'savings.insufficient', { available: formatThousands(balance > scheme.minBalance ? balance - scheme.minBalance : 0n) }); continue; }
    }
    movements.push({ kind: item.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : 'DEPOSIT', date: item.date, amount: item.amount, note: item.kind === 'OPENING' ? OPENING_NOTE : null });
    parsed.push({ ...base, action: 'create' });
  }
}
