import { getPrisma } from './client';
import type { PrismaClient } from './generated/client';

export { Prisma, Role, OrgLevel, ProgrammeKind, GroupStatus, Gender, HouseholdCategory, MemberStatus, MembershipReason, FundSource, InterestMethod, PrincipalFrequency, LoanStatus, LoanTransactionKind, SavingsKind, SavingsTransactionKind, InspectionLevel, InspectionKind, FollowUpStatus, GroupGrade, ReversalRequestStatus, PersonalDataAccessKind, ImportJobStatus, ExportJobStatus, MonthEndStatus } from './generated/client';
export type { PrismaClient } from './generated/client';
export type { DataBreach, FeeRate, FeeStatementLine, AllowanceRule, FundAllocation, FundSettlement, OrgUnit, User, AuditLog, Group, Member, MemberConsent, Programme, ProgrammeRate, Loan, LoanTransaction, LoanAppraisal, SavingsScheme, SavingsAccount, SavingsTransaction, GroupRating, JobRun } from './generated/client';
export { closeDb } from './client';
export { readDb, waitForReplay, type ReportReads } from './replica';

/** A transaction client, as passed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * The application's database client. It is created on first use, so importing this module never
 * opens a database (`next build` imports pages without touching data).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma() as unknown as Record<PropertyKey, unknown>;
    const value = client[property];
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
