import type { FundSource, Prisma } from '@/lib/db';
import type { Actor } from './actor';
import { scopeWhere } from './scope';

// Whose money a reader sees. The bank (Vietnam Bank for Social Policies) entrusts its programmes to
// the union; the revolving fund and the chapters' savings pools are the union's own. A bank liaison
// sees the bank's business only — VBSP programmes' loans, the groups that serve them, savings
// mobilised through those groups — in every page, API, export and report: figures she forwards to
// the bank must not carry the union's money. Everyone else sees both.

type Reader = Pick<Actor, 'role'>;

/** Whether the reader sees the bank's entrusted business only. */
export const seesBankBusinessOnly = (actor: Reader) => actor.role === 'BANK_LIAISON';

/** The fund source a report reads: VBSP for a bank liaison (whatever was asked), else the one asked. */
export function fundSourceFor(actor: Reader, requested?: FundSource): FundSource | undefined {
  return seesBankBusinessOnly(actor) ? 'VBSP' : requested;
}

/** Savings scheme kinds a bank liaison sees: savings through VBSP groups. */
export const BANK_SAVINGS_KINDS = ['VBSP_GROUP'] as const;
/** Group kinds that serve the bank's programmes. */
export const BANK_GROUP_KINDS = ['VBSP', 'BOTH'] as const;

/** `where` for loans the reader may see: in scope, and of a VBSP programme for a bank liaison. */
export function loanWhere(actor: Actor): Prisma.LoanWhereInput {
  return seesBankBusinessOnly(actor) ? { ...scopeWhere(actor), programme: { fundSource: 'VBSP' } } : scopeWhere(actor);
}

/** `where` for groups: in scope, and serving VBSP programmes for a bank liaison. */
export function groupWhere(actor: Actor): Prisma.GroupWhereInput {
  return seesBankBusinessOnly(actor) ? { ...scopeWhere(actor), programmeKind: { in: [...BANK_GROUP_KINDS] } } : scopeWhere(actor);
}

/** `where` for members: in scope, and for a bank liaison in a VBSP group or with a VBSP loan. */
export function memberWhere(actor: Actor): Prisma.MemberWhereInput {
  if (!seesBankBusinessOnly(actor)) return scopeWhere(actor);
  return {
    ...scopeWhere(actor),
    AND: [{ OR: [{ group: { programmeKind: { in: [...BANK_GROUP_KINDS] } } }, { loans: { some: { programme: { fundSource: 'VBSP' } } } }] }],
  };
}

/** `where` for savings accounts: in scope, and of schemes mobilised through VBSP groups for a bank liaison. */
export function savingsAccountWhere(actor: Actor): Prisma.SavingsAccountWhereInput {
  return seesBankBusinessOnly(actor) ? { ...scopeWhere(actor), scheme: { kind: { in: [...BANK_SAVINGS_KINDS] } } } : scopeWhere(actor);
}
