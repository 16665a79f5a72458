import { isoDate } from '@/lib/calendar/date-only';
import { db, type LoanTransaction, type Tx } from '@/lib/db';
import { loanStateOn } from './loan-figures';
import type { LoanWithTerms } from './loan-terms';

// Kept month ends (decision 029). A report of a past month or year needs each loan's overdue
// principal and days past due on its last day, which only the loan engine can tell (the split of
// payments, extensions, freezes); replaying every loan open that day took 10.8 s for a hundredth of
// the country. So once a month is over, the engine's figures for every loan open at its end are kept
// (LoanMonthEnd, a row per overdue loan), and reports read them. A posting dated on or before a kept
// month end, or a change of a loan's terms or its programme's rates, marks the loan stale from that
// day (database triggers, migration loan_month_ends): reports replay a stale loan by the engine
// until `refreshStaleMonthEnds` recomputes it, so a kept figure is never read once it may be wrong.
// Nothing here locks a loan: a posting committed while a figure is computed marks the loan again,
// and a mark is only removed if nobody raised it since it was read. The one wait is when a month end
// is listed: for postings in flight that were written before it was (they could not mark anything).

/** Whether the figures at the end of `date` are kept and may be read (its MonthEndClose is DONE). */
export async function isKeptMonthEnd(tx: Tx, date: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<{ n: number }[]>`SELECT 1 AS n FROM "MonthEndClose" WHERE "monthEnd" = ${date}::date AND "status" = 'DONE'`;
  return rows.length > 0;
}

/** Loans computed per transaction. */
const BATCH = 500;

/** The last day of the month before the month of `day`. */
export function previousMonthEnd(day: Date): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 0));
}

/** The month ends from `from`'s month to `to`'s, oldest first, each a month already over on `today`. */
export function monthEndsBetween(from: Date, to: Date, today: Date): Date[] {
  const result: Date[] = [];
  const last = previousMonthEnd(today);
  for (let month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 0)); month <= to && month <= last;) {
    result.push(month);
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 2, 0));
  }
  return result;
}

type LoanWithPostings = LoanWithTerms & { transactions: LoanTransaction[] };

function loadLoans(tx: Tx, ids: string[], upTo?: Date): Promise<LoanWithPostings[]> {
  return tx.loan.findMany({
    where: { id: { in: ids } },
    include: { programme: { include: { rates: true } }, transactions: upTo ? { where: { date: { lte: upTo } } } : true },
  });
}

interface MonthEndRow {
  monthEnd: Date;
  loanId: string;
  overdue: bigint;
  daysPastDue: number;
}

/** The engine's overdue figures of a loan at a month end (none when it had no overdue principal). */
function figuresAt(loan: LoanWithPostings, monthEnd: Date): MonthEndRow | null {
  if (!loan.disbursedAt || loan.disbursedAt > monthEnd) return null;
  const state = loanStateOn(loan, monthEnd);
  return state.overduePrincipal > 0n ? { monthEnd, loanId: loan.id, overdue: state.overduePrincipal, daysPastDue: state.daysPastDue } : null;
}

async function writeRows(tx: Tx, rows: MonthEndRow[]) {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "LoanMonthEnd" ("monthEnd", "loanId", "overdue", "daysPastDue")
    SELECT * FROM unnest(${rows.map((r) => isoDate(r.monthEnd))}::text[]::date[], ${rows.map((r) => r.loanId)}::text[]::uuid[],
      ${rows.map((r) => String(r.overdue))}::text[]::bigint[], ${rows.map((r) => r.daysPastDue)}::int[])
    ON CONFLICT ("monthEnd", "loanId") DO UPDATE SET "overdue" = EXCLUDED."overdue", "daysPastDue" = EXCLUDED."daysPastDue"`;
}

/**
 * Computes and keeps the figures of every loan open at the end of `monthEnd` (a month already over).
 * The month end is listed as COMPUTING first, so postings dated on or before it mark their loan
 * stale from then on, and DONE at the end: only then do reports read it.
 */
export async function closeMonthEnd(monthEnd: Date, onProgress?: (done: number) => void): Promise<{ loans: number; overdue: number }> {
  // Postings whose triggers ran before the month end was listed (so they marked nothing) hold lock
  // 29029 shared until they commit (migration loan_month_ends): wait for them, then list it.
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(29029)::text`;
    await tx.$executeRaw`
      INSERT INTO "MonthEndClose" ("monthEnd", "status", "startedAt") VALUES (${monthEnd}::date, 'COMPUTING', now())
      ON CONFLICT ("monthEnd") DO UPDATE SET "status" = 'COMPUTING', "startedAt" = now(), "closedAt" = NULL`;
  });
  await db.$executeRaw`DELETE FROM "LoanMonthEnd" WHERE "monthEnd" = ${monthEnd}::date`;
  await keepSavingsAt(monthEnd);
  let [loans, overdue, after] = [0, 0, '00000000-0000-0000-0000-000000000000'];
  for (;;) {
    const open = await db.$queryRaw<{ loanId: string }[]>`
      SELECT "loanId" FROM "LoanSpan" WHERE "loanId" > ${after}::uuid
        AND "openedOn" <= ${monthEnd}::date AND ("closedOn" IS NULL OR "closedOn" > ${monthEnd}::date)
      ORDER BY "loanId" LIMIT ${BATCH}`;
    if (open.length === 0) break;
    after = open[open.length - 1]!.loanId;
    const rows = (await loadLoans(db, open.map((o) => o.loanId), monthEnd)).map((loan) => figuresAt(loan, monthEnd)).filter((r) => r !== null);
    await writeRows(db, rows);
    loans += open.length;
    overdue += rows.length;
    onProgress?.(loans);
  }
  await db.$executeRaw`
    UPDATE "MonthEndClose" SET "status" = 'DONE', "loans" = ${loans}, "overdue" = ${overdue}, "closedAt" = now() WHERE "monthEnd" = ${monthEnd}::date`;
  return { loans, overdue };
}

/**
 * Every savings account's balance at the end of `monthEnd`, summed from its movements in one
 * statement (95 s for the country's 20 million movements). No transaction is needed: nobody reads
 * the month end while it is COMPUTING.
 */
async function keepSavingsAt(monthEnd: Date) {
  await db.$executeRaw`DELETE FROM "SavingsMonthEnd" WHERE "monthEnd" = ${monthEnd}::date`;
  await db.$executeRaw`
    INSERT INTO "SavingsMonthEnd" ("monthEnd", "accountId", "balance")
    SELECT ${monthEnd}::date, "accountId", SUM(CASE WHEN "kind" = 'DEPOSIT' THEN "amount" ELSE -"amount" END)
    FROM "SavingsTransaction" WHERE "reversedAt" IS NULL AND "date" <= ${monthEnd}::date
    GROUP BY "accountId" HAVING SUM(CASE WHEN "kind" = 'DEPOSIT' THEN "amount" ELSE -"amount" END) > 0`;
}

/**
 * Recomputes the kept balances of every stale savings account at each kept month end from its stale
 * day on (set-based), and removes its mark unless a movement marked it again meanwhile.
 */
async function refreshStaleSavings(): Promise<number> {
  const marks = await db.savingsMonthEndStale.findMany();
  if (marks.length === 0) return 0;
  const [ids, since, versions] = [marks.map((m) => m.accountId), marks.map((m) => isoDate(m.fromDate)), marks.map((m) => m.version)];
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      DELETE FROM "SavingsMonthEnd" e USING unnest(${ids}::text[]::uuid[], ${since}::text[]::date[]) AS k(account, since)
      WHERE e."accountId" = k.account AND e."monthEnd" >= k.since`;
    await tx.$executeRaw`
      INSERT INTO "SavingsMonthEnd" ("monthEnd", "accountId", "balance")
      SELECT c."monthEnd", k.account, SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END)
      FROM unnest(${ids}::text[]::uuid[], ${since}::text[]::date[]) AS k(account, since)
      JOIN "MonthEndClose" c ON c."monthEnd" >= k.since
      JOIN "SavingsTransaction" t ON t."accountId" = k.account AND t."reversedAt" IS NULL AND t."date" <= c."monthEnd"
      GROUP BY 1, 2 HAVING SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END) > 0`;
    await tx.$executeRaw`
      DELETE FROM "SavingsMonthEndStale" s USING unnest(${ids}::text[]::uuid[], ${versions}::int[]) AS k(account, version)
      WHERE s."accountId" = k.account AND s."version" = k.version`;
  }, { timeout: 600_000 });
  return marks.length;
}

/**
 * Recomputes the kept figures of every stale loan at each kept month end from its stale day on,
 * and removes its mark unless a posting marked it again meanwhile; then the stale savings accounts'
 * balances. Returns how many loans.
 */
export async function refreshStaleMonthEnds(onProgress?: (done: number) => void): Promise<number> {
  let [done, after] = [0, '00000000-0000-0000-0000-000000000000'];
  for (;;) {
    const marks = await db.$queryRaw<{ loanId: string; fromDate: Date; version: number }[]>`
      SELECT "loanId", "fromDate", "version" FROM "LoanMonthEndStale" WHERE "loanId" > ${after}::uuid ORDER BY "loanId" LIMIT ${BATCH}`;
    if (marks.length === 0) {
      await refreshStaleSavings();
      return done;
    }
    after = marks[marks.length - 1]!.loanId;
    const kept = (await db.monthEndClose.findMany({ select: { monthEnd: true }, orderBy: { monthEnd: 'asc' } })).map((m) => m.monthEnd);
    const loans = new Map((await loadLoans(db, marks.map((m) => m.loanId))).map((l) => [l.id, l]));
    const rows = marks.flatMap((mark) => {
      const loan = loans.get(mark.loanId);
      return loan ? kept.filter((m) => m >= mark.fromDate).map((m) => figuresAt(loan, m)).filter((r) => r !== null) : [];
    });
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`
        DELETE FROM "LoanMonthEnd" e USING unnest(${marks.map((m) => m.loanId)}::text[]::uuid[], ${marks.map((m) => isoDate(m.fromDate))}::text[]::date[]) AS k(loan, since)
        WHERE e."loanId" = k.loan AND e."monthEnd" >= k.since`;
      await writeRows(tx, rows);
      await tx.$executeRaw`
        DELETE FROM "LoanMonthEndStale" s USING unnest(${marks.map((m) => m.loanId)}::text[]::uuid[], ${marks.map((m) => m.version)}::int[]) AS k(loan, version)
        WHERE s."loanId" = k.loan AND s."version" = k.version`;
    });
    done += marks.length;
    onProgress?.(done);
  }
}

/** How many months back the nightly job keeps month ends (a year and the same month a year ago). */
export const KEPT_MONTHS = 13;

/**
 * The nightly job: keeps every month end of the last KEPT_MONTHS months not kept yet (oldest first;
 * on most nights none, on the 1st the month just over), then recomputes stale loans.
 */
export async function keepMonthEnds(today: Date, onProgress?: (done: number) => void): Promise<{ monthEnds: number; loans: number }> {
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - KEPT_MONTHS, 1));
  const done = new Set((await db.monthEndClose.findMany({ where: { status: 'DONE' }, select: { monthEnd: true } })).map((m) => m.monthEnd.getTime()));
  const missing = monthEndsBetween(from, today, today).filter((m) => !done.has(m.getTime()));
  let loans = 0;
  for (const monthEnd of missing) loans += (await closeMonthEnd(monthEnd, (n) => onProgress?.(loans + n))).loans;
  loans += await refreshStaleMonthEnds((n) => onProgress?.(loans + n));
  return { monthEnds: missing.length, loans };
}
