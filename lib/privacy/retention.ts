import type { Actor } from '@/lib/auth/actor';
import { assertCan, assertInstallationWide } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db, Prisma, type Tx } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { z } from 'zod';

// How long a member's identity is kept after her business with the union ends (issue 24 §3,
// decision 027). The union sets it; the floor is the Accounting Law's: accounting vouchers — her
// loan and savings records with her name on them — are kept at least ten years (Law 88/2015/QH13
// art. 41, Decree 174/2016/ND-CP art. 12). Past it, the nightly job replaces her identity with a
// pseudonym (./anonymise.ts) and keeps every amount.

export const RETENTION_SETTING = 'privacy.retentionYears';
export const DEFAULT_RETENTION_YEARS = 10;
export const MIN_RETENTION_YEARS = 10;
export const MAX_RETENTION_YEARS = 50;

export async function retentionYears(tx: Tx = db): Promise<number> {
  const row = await tx.appSetting.findUnique({ where: { key: RETENTION_SETTING } });
  const years = row ? Number(row.value) : NaN;
  return Number.isInteger(years) && years >= MIN_RETENTION_YEARS ? years : DEFAULT_RETENTION_YEARS;
}

const retentionSchema = z.object({
  years: z.coerce
    .number({ message: 'privacy.retention.yearsInvalid' })
    .int('privacy.retention.yearsInvalid')
    .min(MIN_RETENTION_YEARS, 'privacy.retention.yearsTooShort')
    .max(MAX_RETENTION_YEARS, 'privacy.retention.yearsTooLong'),
});

/** The installation's retention period: set by an administrator of the root unit, audited. */
export async function setRetentionYears(actor: Actor, input: unknown): Promise<number> {
  assertCan(actor, 'audit:read');
  assertInstallationWide(actor);
  const { years } = parseInput(retentionSchema, input);
  return db.$transaction(async (tx) => {
    const before = await retentionYears(tx);
    const value = String(years);
    await tx.appSetting.upsert({ where: { key: RETENTION_SETTING }, create: { key: RETENTION_SETTING, value }, update: { value } });
    await writeAudit(tx, auditActorOf(actor), { action: 'privacy.retention', entity: 'AppSetting', entityId: RETENTION_SETTING, before: { years: before }, after: { years } });
    return years;
  });
}

/** Where a member stands against the retention period. */
export interface RetentionState {
  memberId: string;
  left: boolean;
  anonymised: boolean;
  /** Loans not yet ended (applied, approved, disbursed, frozen). */
  openLoans: number;
  /** Savings accounts with money in them. */
  fundedAccounts: number;
  /** Whether she ever borrowed or saved: records the Accounting Law makes the union keep. */
  hasFinancialRecords: boolean;
  /** The last day of her business: leaving, her loans' and savings' last movement or decision. */
  lastActivity: Date | null;
}

const OPEN_LOAN = Prisma.sql`('APPLIED', 'APPRAISED', 'APPROVED', 'DISBURSED', 'FROZEN')`;

/**
 * The retention state of the members the condition picks (SQL over "Member" m), filtered by `having`
 * (SQL over the state's columns, s).
 */
async function retentionStates(tx: Tx, condition: Prisma.Sql, having: Prisma.Sql = Prisma.sql`TRUE`, limit = 1_000_000): Promise<RetentionState[]> {
  const rows = await tx.$queryRaw<
    { memberId: string; status: string; anonymisedAt: Date | null; openLoans: number; fundedAccounts: number; records: number; lastActivity: Date | null }[]
  >`
    SELECT * FROM (
      SELECT m."id"::text AS "memberId", m."status"::text AS "status", m."anonymisedAt",
        (SELECT count(*)::int FROM "Loan" l WHERE l."memberId" = m."id" AND l."status"::text IN ${OPEN_LOAN}) AS "openLoans",
        (SELECT count(*)::int FROM "SavingsAccount" a JOIN "SavingsBalance" b ON b."accountId" = a."id" WHERE a."memberId" = m."id" AND b."balance" <> 0)
          AS "fundedAccounts",
        ((SELECT count(*) FROM "Loan" l WHERE l."memberId" = m."id" AND l."status"::text <> 'REJECTED')
          + (SELECT count(*) FROM "SavingsTransaction" t JOIN "SavingsAccount" a ON a."id" = t."accountId" WHERE a."memberId" = m."id"))::int AS "records",
        GREATEST(
          m."leftAt",
          (SELECT max(GREATEST(l."appliedAt", l."decidedAt", l."disbursedAt")) FROM "Loan" l WHERE l."memberId" = m."id"),
          (SELECT max(t."date") FROM "LoanTransaction" t JOIN "Loan" l ON l."id" = t."loanId" WHERE l."memberId" = m."id"),
          (SELECT max(t."date") FROM "SavingsTransaction" t JOIN "SavingsAccount" a ON a."id" = t."accountId" WHERE a."memberId" = m."id")
        ) AS "lastActivity"
      FROM "Member" m
      WHERE ${condition}
    ) s
    WHERE ${having}
    ORDER BY s."lastActivity", s."memberId"
    LIMIT ${limit}`;
  return rows.map((r) => ({
    memberId: r.memberId, left: r.status === 'LEFT', anonymised: r.anonymisedAt !== null, openLoans: r.openLoans, fundedAccounts: r.fundedAccounts,
    hasFinancialRecords: r.records > 0, lastActivity: r.lastActivity,
  }));
}

export async function retentionStateOf(tx: Tx, memberId: string): Promise<RetentionState> {
  const [state] = await retentionStates(tx, Prisma.sql`m."id" = ${memberId}::uuid`);
  if (!state) throw new Error(`member ${memberId} not found`);
  return state;
}

/** The first day her identity may be anonymised: her last activity plus the period (null while she is in business). */
export function retentionEndsOn(state: RetentionState, years: number): Date | null {
  if (!state.left || state.openLoans > 0 || state.fundedAccounts > 0 || !state.lastActivity) return null;
  const last = state.lastActivity;
  const end = new Date(Date.UTC(last.getUTCFullYear() + years, last.getUTCMonth(), last.getUTCDate()));
  // 29/02 plus whole years lands on 01/03 in a common year: the period ends on 28/02 instead.
  return end.getUTCMonth() === last.getUTCMonth() ? end : new Date(Date.UTC(last.getUTCFullYear() + years, last.getUTCMonth() + 1, 0));
}

/** Members whose period has ended by that day and who are not yet anonymised (oldest business first). */
export async function membersDueForAnonymisation(tx: Tx, today: Date, years: number, limit = 1_000): Promise<string[]> {
  // Date + years the database's way, as retentionEndsOn: 29/02 + 10 years is 28/02.
  const due = await retentionStates(
    tx,
    Prisma.sql`m."anonymisedAt" IS NULL AND m."status" = 'LEFT'`,
    Prisma.sql`s."openLoans" = 0 AND s."fundedAccounts" = 0 AND (s."lastActivity" + make_interval(years => ${years}))::date <= ${today}::date`,
    limit,
  );
  return due.map((s) => s.memberId);
}

/** The period as set, its bounds, and how many members are due today (administrators). */
export async function retentionOverview(actor: Actor) {
  assertCan(actor, 'audit:read');
  const years = await retentionYears();
  const due = await membersDueForAnonymisation(db, todayInVietnam(), years, 10_000);
  return { years, defaultYears: DEFAULT_RETENTION_YEARS, minYears: MIN_RETENTION_YEARS, maxYears: MAX_RETENTION_YEARS, dueToday: due.length };
}
