// The comparison of the bank's list with the app's ledger at the month's end (pure: tested alone).
//
// A bank line names a loan (by its number) or a borrower (by CCCD). A loan line is compared with
// that loan; a borrower line with the sum of her loans that no loan line claimed (one loan in the
// usual case). What is left on either side is reported as "only in the bank's list" or "only in
// the app". Interest and savings are compared only when the list has those columns. Savings are
// per borrower: the bank repeats her balance on each of her lines, so the largest figure counts.

export interface BankLine {
  rowNumber: number;
  loanNumber: string | null;
  borrowerName: string | null;
  nationalIdMasked: string | null;
  loanId: string | null;
  memberId: string | null;
  outstanding: bigint | null;
  interestPaid: bigint | null;
  savingsBalance: bigint | null;
}

export interface AppLoan {
  loanId: string;
  number: string;
  memberId: string;
  groupId: string;
  outstanding: bigint;
  interestPaid: bigint;
}

export interface AppMember {
  memberId: string;
  fullName: string;
  /** Her group now (null once she left it); her loans' group counts first. */
  groupId: string | null;
  savingsBalance: bigint;
}

export type DifferenceKind = 'onlyInBank' | 'onlyInApp' | 'outstanding' | 'interest' | 'savings';

export interface Difference {
  kind: DifferenceKind;
  groupId: string | null;
  memberId: string | null;
  /** The loans concerned (one, or a borrower's several). */
  loanIds: string[];
  /** The bank list's rows concerned. */
  rows: number[];
  label: string;
  bank: bigint | null;
  app: bigint | null;
}

export interface Totals {
  outstanding: { bank: bigint; app: bigint };
  interest: { bank: bigint; app: bigint };
  savings: { bank: bigint; app: bigint };
  borrowers: { bank: number; app: number };
}

export interface Comparison {
  differences: Difference[];
  /** Per group id ('' for the bank's lines that match nothing in the app). */
  totals: Map<string, Totals>;
  hasInterest: boolean;
  hasSavings: boolean;
}

const emptyTotals = (): Totals => ({
  outstanding: { bank: 0n, app: 0n }, interest: { bank: 0n, app: 0n }, savings: { bank: 0n, app: 0n }, borrowers: { bank: 0, app: 0 },
});
const sum = (values: (bigint | null)[]) => values.reduce<bigint>((s, v) => s + (v ?? 0n), 0n);
const max = (values: (bigint | null)[]) => values.reduce<bigint | null>((m, v) => (v !== null && (m === null || v > m) ? v : m), null);

export function compareWithBank(lines: BankLine[], loans: AppLoan[], members: AppMember[]): Comparison {
  const hasInterest = lines.some((l) => l.interestPaid !== null);
  const hasSavings = lines.some((l) => l.savingsBalance !== null);
  const loanById = new Map(loans.map((l) => [l.loanId, l]));
  const memberById = new Map(members.map((m) => [m.memberId, m]));
  const differences: Difference[] = [];
  const totals = new Map<string, Totals>();
  const totalsOf = (groupId: string | null) => {
    const key = groupId ?? '';
    if (!totals.has(key)) totals.set(key, emptyTotals());
    return totals.get(key)!;
  };

  // Bank lines by what they name: a loan of the app's set, else a borrower, else nothing.
  const byLoan = new Map<string, BankLine[]>();
  const byMember = new Map<string, BankLine[]>();
  const unmatched: BankLine[] = [];
  for (const line of lines) {
    if (line.loanId && loanById.has(line.loanId)) byLoan.set(line.loanId, [...(byLoan.get(line.loanId) ?? []), line]);
    else if (line.memberId && memberById.has(line.memberId)) byMember.set(line.memberId, [...(byMember.get(line.memberId) ?? []), line]);
    else unmatched.push(line);
  }
  const loansOf = new Map<string, AppLoan[]>();
  for (const loan of loans) loansOf.set(loan.memberId, [...(loansOf.get(loan.memberId) ?? []), loan]);
  const entries: { loans: AppLoan[]; lines: BankLine[]; memberId: string }[] = [];
  for (const [loanId, matched] of byLoan) entries.push({ loans: [loanById.get(loanId)!], lines: matched, memberId: loanById.get(loanId)!.memberId });
  for (const [memberId, matched] of byMember) {
    const hers = (loansOf.get(memberId) ?? []).filter((l) => !byLoan.has(l.loanId));
    entries.push({ loans: hers, lines: matched, memberId });
  }
  const claimed = new Set(entries.flatMap((e) => e.loans.map((l) => l.loanId)));

  for (const entry of entries) {
    const member = memberById.get(entry.memberId)!;
    const groupId = entry.loans[0]?.groupId ?? member.groupId;
    const base = { groupId, memberId: member.memberId, loanIds: entry.loans.map((l) => l.loanId), rows: entry.lines.map((l) => l.rowNumber) };
    const label = entry.loans.length ? `${member.fullName} · ${entry.loans.map((l) => l.number).join(', ')}` : member.fullName;
    const bankOutstanding = sum(entry.lines.map((l) => l.outstanding));
    const appOutstanding = sum(entry.loans.map((l) => l.outstanding));
    if (entry.loans.length === 0) differences.push({ ...base, kind: 'onlyInBank', label, bank: bankOutstanding, app: null });
    else if (bankOutstanding !== appOutstanding) differences.push({ ...base, kind: 'outstanding', label, bank: bankOutstanding, app: appOutstanding });
    const bankInterest = sum(entry.lines.map((l) => l.interestPaid));
    const appInterest = sum(entry.loans.map((l) => l.interestPaid));
    if (hasInterest && entry.loans.length && bankInterest !== appInterest) differences.push({ ...base, kind: 'interest', label, bank: bankInterest, app: appInterest });
    const t = totalsOf(groupId);
    t.outstanding.bank += bankOutstanding;
    t.outstanding.app += appOutstanding;
    t.interest.bank += bankInterest;
    t.interest.app += appInterest;
  }
  for (const line of unmatched) {
    const label = [line.borrowerName, line.nationalIdMasked, line.loanNumber].filter(Boolean).join(' · ');
    differences.push({ kind: 'onlyInBank', groupId: null, memberId: null, loanIds: [], rows: [line.rowNumber], label, bank: line.outstanding ?? 0n, app: null });
    const t = totalsOf(null);
    t.outstanding.bank += line.outstanding ?? 0n;
    t.interest.bank += line.interestPaid ?? 0n;
    t.savings.bank += line.savingsBalance ?? 0n;
    t.borrowers.bank += 1;
  }
  for (const loan of loans.filter((l) => !claimed.has(l.loanId))) {
    const member = memberById.get(loan.memberId)!;
    differences.push({
      kind: 'onlyInApp', groupId: loan.groupId, memberId: loan.memberId, loanIds: [loan.loanId], rows: [], label: `${member.fullName} · ${loan.number}`,
      bank: null, app: loan.outstanding,
    });
    const t = totalsOf(loan.groupId);
    t.outstanding.app += loan.outstanding;
    t.interest.app += loan.interestPaid;
  }

  // Per borrower: savings, and the count of borrowers on each side.
  const bankLinesOf = new Map<string, BankLine[]>();
  for (const entry of entries) bankLinesOf.set(entry.memberId, [...(bankLinesOf.get(entry.memberId) ?? []), ...entry.lines]);
  for (const memberId of new Set([...bankLinesOf.keys(), ...loansOf.keys()])) {
    const member = memberById.get(memberId)!;
    const groupId = loansOf.get(memberId)?.[0]?.groupId ?? member.groupId;
    const t = totalsOf(groupId);
    const matched = bankLinesOf.get(memberId);
    if (matched) t.borrowers.bank += 1;
    if (loansOf.has(memberId)) t.borrowers.app += 1;
    if (!hasSavings || !matched) continue;
    const bankSavings = max(matched.map((l) => l.savingsBalance)) ?? 0n;
    t.savings.bank += bankSavings;
    t.savings.app += member.savingsBalance;
    if (bankSavings !== member.savingsBalance) {
      differences.push({
        kind: 'savings', groupId, memberId, loanIds: [], rows: matched.map((l) => l.rowNumber), label: member.fullName, bank: bankSavings, app: member.savingsBalance,
      });
    }
  }
  return { differences, totals, hasInterest, hasSavings };
}
