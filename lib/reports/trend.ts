import { Prisma, type Tx } from '@/lib/db';
import { attributedPostings, inSubtree, monthBounds, monthsBetween, type LedgerScope } from '@/lib/fees/ledger-figures';

export interface TrendPoint {
  month: string;
  disbursed: bigint;
  principalRepaid: bigint;
  /** Outstanding principal at the month's end. */
  outstanding: bigint;
}

/**
 * Month by month over [firstMonth, lastMonth]: money lent and principal repaid in the month, and the
 * outstanding at its end, from one pass over the ledger: outstanding = everything lent − repaid −
 * written off + moved in − moved out, up to the month's end.
 */
export async function monthlyTrend(tx: Tx, scope: LedgerScope, firstMonth: string, lastMonth: string, asOf: Date): Promise<TrendPoint[]> {
  const end = monthBounds(lastMonth).to < asOf ? monthBounds(lastMonth).to : asOf;
  const [flows, writeOffs, moves] = await Promise.all([
    tx.$queryRaw<{ month: string; disbursed: bigint; repaid: bigint }[]>`
      SELECT to_char(x."date", 'YYYY-MM') AS "month",
        SUM(CASE WHEN x."kind" = 'DISBURSEMENT' THEN x."amount" ELSE 0 END)::bigint AS "disbursed",
        SUM(CASE WHEN x."kind" = 'REPAYMENT' THEN x."principal" ELSE 0 END)::bigint AS "repaid"
      FROM (${attributedPostings(scope, end)}) x ${inSubtree(scope)}
      GROUP BY 1`,
    // A write-off takes the loan's remaining balance off the books in its month.
    tx.$queryRaw<{ month: string; amount: bigint }[]>`
      SELECT to_char(w."date", 'YYYY-MM') AS "month", SUM(
        (SELECT COALESCE(SUM(CASE WHEN t."kind" = 'DISBURSEMENT' THEN t."amount" WHEN t."kind" = 'REPAYMENT' THEN -t."principal" ELSE 0 END), 0)
         FROM "LoanTransaction" t WHERE t."loanId" = w."loanId" AND t."reversedAt" IS NULL AND t."date" <= w."date"))::bigint AS "amount"
      FROM (${attributedPostings(scope, end)}) w ${Prisma.sql`JOIN "OrgUnit" o ON o."id" = w."orgUnitId" AND o."path" LIKE ${`${scope.path}%`}`}
      WHERE w."kind" = 'WRITE_OFF'
      GROUP BY 1`,
    tx.$queryRaw<{ month: string; amount: bigint }[]>`
      SELECT to_char(m."date", 'YYYY-MM') AS "month",
        SUM(CASE WHEN ti."path" LIKE ${`${scope.path}%`} THEN m."principal" ELSE 0 END - CASE WHEN fr."path" LIKE ${`${scope.path}%`} THEN m."principal" ELSE 0 END)::bigint AS "amount"
      FROM "LoanMove" m
      JOIN "OrgUnit" ti ON ti."id" = m."toOrgUnitId" JOIN "OrgUnit" fr ON fr."id" = m."fromOrgUnitId"
      JOIN "Loan" l ON l."id" = m."loanId" JOIN "Programme" p ON p."id" = l."programmeId"
      WHERE m."date" <= ${end} ${scope.fundSource ? Prisma.sql`AND p."fundSource" = ${scope.fundSource}::"FundSource"` : Prisma.empty}
        ${scope.programmeId ? Prisma.sql`AND l."programmeId" = ${scope.programmeId}::uuid` : Prisma.empty}
      GROUP BY 1`,
  ]);
  const byMonth = (rows: { month: string }[]) => new Map(rows.map((r) => [r.month, r]));
  const flowOf = byMonth(flows) as Map<string, (typeof flows)[number]>;
  const writeOffOf = byMonth(writeOffs) as Map<string, (typeof writeOffs)[number]>;
  const moveOf = byMonth(moves) as Map<string, (typeof moves)[number]>;
  const allMonths = [...new Set([...flows, ...writeOffs, ...moves].map((r) => r.month))].sort();
  let outstanding = 0n;
  for (const month of allMonths.filter((m) => m < firstMonth)) {
    outstanding += (flowOf.get(month)?.disbursed ?? 0n) - (flowOf.get(month)?.repaid ?? 0n) - (writeOffOf.get(month)?.amount ?? 0n) + (moveOf.get(month)?.amount ?? 0n);
  }
  return monthsBetween(firstMonth, lastMonth).map((month) => {
    const flow = flowOf.get(month);
    outstanding += (flow?.disbursed ?? 0n) - (flow?.repaid ?? 0n) - (writeOffOf.get(month)?.amount ?? 0n) + (moveOf.get(month)?.amount ?? 0n);
    return { month, disbursed: flow?.disbursed ?? 0n, principalRepaid: flow?.repaid ?? 0n, outstanding };
  });
}
