import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { BANK_SAVINGS_KINDS } from '@/lib/auth/business';
import { orgUnitScope } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { loanStateOn } from '@/lib/loans/loan-figures';
import { balanceOf } from '@/lib/savings/balance';
import { compareWithBank, type AppLoan, type AppMember, type Difference, type Totals } from './compare';

/** The first and last day of a month "YYYY-MM" (dates at 00:00 UTC, as the ledger stores them). */
export function monthBounds(month: string) {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { first: new Date(Date.UTC(year, m - 1, 1)), last: new Date(Date.UTC(year, m, 0)) };
}

async function findStatementInScope(actor: Actor, id: string) {
  assertCan(actor, 'loan:read');
  const where = { id, orgUnit: orgUnitScope(actor) };
  const statement = isUuid(id) ? await db.bankStatement.findFirst({ where, include: { orgUnit: true, lines: true } }) : null;
  if (!statement) throw notFound();
  return statement;
}

/**
 * The bank's list of a commune's month beside the app's ledger at the month's end: the
 * entrusted (VBSP) loans of the commune with principal outstanding at the month's end or interest
 * paid in it (and any loan the list names), each borrower's savings through VBSP groups; the
 * differences and totals per group (lib/reconciliation/compare.ts).
 */
export async function getReconciliation(actor: Actor, id: string) {
  const statement = await findStatementInScope(actor, id);
  const { first, last } = monthBounds(statement.month);
  const named = statement.lines.map((l) => l.loanId).filter((v): v is string => !!v);
  const loans = await db.loan.findMany({
    where: { OR: [{ orgUnitId: statement.orgUnitId, programme: { fundSource: 'VBSP' }, disbursedAt: { lte: last } }, { id: { in: named } }] },
    include: { programme: { include: { rates: true } }, transactions: true },
  });
  const namedSet = new Set(named);
  const appLoans: AppLoan[] = loans
    .map((loan) => ({
      loanId: loan.id, number: loan.number, memberId: loan.memberId, groupId: loan.groupId,
      outstanding: loan.disbursedAt && loan.disbursedAt <= last ? loanStateOn(loan, last).outstandingPrincipal : 0n,
      interestPaid: loan.transactions
        .filter((t) => t.kind === 'REPAYMENT' && !t.reversedAt && t.date >= first && t.date <= last)
        .reduce((s, t) => s + t.interest + t.overdueInterest, 0n),
    }))
    .filter((l) => l.outstanding > 0n || l.interestPaid > 0n || namedSet.has(l.loanId));
  const memberIds = [...new Set([...appLoans.map((l) => l.memberId), ...statement.lines.map((l) => l.memberId).filter((v): v is string => !!v)])];
  const members = await db.member.findMany({
    where: { id: { in: memberIds } },
    select: {
      id: true, fullName: true, groupId: true,
      savingsAccounts: { where: { scheme: { kind: { in: [...BANK_SAVINGS_KINDS] } } }, select: { transactions: true } },
    },
  });
  const appMembers: AppMember[] = members.map((m) => ({
    memberId: m.id, fullName: m.fullName, groupId: m.groupId, savingsBalance: m.savingsAccounts.reduce((s, a) => s + balanceOf(a.transactions, last), 0n),
  }));
  const comparison = compareWithBank(statement.lines, appLoans, appMembers);

  const groupIds = [...comparison.totals.keys()].filter((g) => g !== '');
  const [groups, people] = await Promise.all([
    db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, code: true, name: true } }),
    peopleNamed([statement.uploadedById, statement.reconciledById]),
  ]);
  const numberOf = new Map(appLoans.map((l) => [l.loanId, l.number]));
  const withLoans = (d: Difference) => ({ ...d, loans: d.loanIds.map((loanId) => ({ id: loanId, number: numberOf.get(loanId) ?? '' })) });
  const byGroup = [...comparison.totals.entries()]
    .map(([groupId, totals]) => ({
      group: groups.find((g) => g.id === groupId) ?? null,
      totals,
      differences: comparison.differences.filter((d) => (d.groupId ?? '') === groupId).map(withLoans),
    }))
    .sort((a, b) => (a.group?.code ?? '\uffff').localeCompare(b.group?.code ?? '\uffff'));
  const nameOf = (userId: string | null) => people.find((p) => p.id === userId)?.fullName ?? null;
  return {
    statement: {
      id: statement.id, month: statement.month, fileName: statement.fileName, rows: statement.lines.length,
      commune: { id: statement.orgUnit.id, code: statement.orgUnit.code, name: statement.orgUnit.name },
      uploadedAt: statement.uploadedAt, uploadedBy: nameOf(statement.uploadedById),
      reconciledAt: statement.reconciledAt, reconciledBy: nameOf(statement.reconciledById), reconcileNote: statement.reconcileNote,
    },
    hasInterest: comparison.hasInterest,
    hasSavings: comparison.hasSavings,
    groups: byGroup,
    totals: sumTotals(byGroup.map((g) => g.totals)),
    differenceCount: comparison.differences.length,
  };
}

export type Reconciliation = Awaited<ReturnType<typeof getReconciliation>>;

function sumTotals(all: Totals[]): Totals {
  const add = (pick: (t: Totals) => { bank: bigint; app: bigint }) => ({
    bank: all.reduce((s, t) => s + pick(t).bank, 0n),
    app: all.reduce((s, t) => s + pick(t).app, 0n),
  });
  return {
    outstanding: add((t) => t.outstanding), interest: add((t) => t.interest), savings: add((t) => t.savings),
    borrowers: { bank: all.reduce((s, t) => s + t.borrowers.bank, 0), app: all.reduce((s, t) => s + t.borrowers.app, 0) },
  };
}

/** Marks the month reconciled (who, when, a note on the differences left), once. */
export async function markReconciled(actor: Actor, id: string, input: { note?: string | null }) {
  assertCan(actor, 'reconcile:run');
  const { statement, differenceCount } = await getReconciliation(actor, id);
  if (statement.reconciledAt) throw new AppError('CONFLICT', 'reconciliation.alreadyReconciled', { month: statement.month });
  const note = input.note?.trim().slice(0, 1000) || null;
  if (differenceCount > 0 && !note) throw new AppError('VALIDATION', 'reconciliation.noteNeeded', { count: differenceCount }, { note: { key: 'reconciliation.noteNeeded', params: { count: differenceCount } } });
  return db.$transaction(async (tx) => {
    const updated = await tx.bankStatement.updateMany({
      where: { id, reconciledAt: null },
      // When it was done is a technical timestamp, on the machine's time like every row's (lib/clock).
      data: { reconciledAt: new Date(), reconciledById: actor.userId, reconcileNote: note },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', 'reconciliation.alreadyReconciled', { month: statement.month });
    await writeAudit(tx, auditActorOf(actor), {
      action: 'reconciliation.close', entity: 'BankStatement', entityId: id, after: { commune: statement.commune.code, month: statement.month, differences: differenceCount },
    });
    return tx.bankStatement.findUniqueOrThrow({ where: { id } });
  });
}

/** The lists uploaded in scope, newest month first, with who uploaded and who reconciled. */
export async function listBankStatements(actor: Actor, { month }: { month?: string } = {}) {
  assertCan(actor, 'loan:read');
  const statements = await db.bankStatement.findMany({
    where: { orgUnit: orgUnitScope(actor), ...(month ? { month } : {}) },
    include: { orgUnit: { select: { id: true, code: true, name: true } }, _count: { select: { lines: true } } },
    orderBy: [{ month: 'desc' }, { uploadedAt: 'desc' }],
    take: 200,
  });
  const people = await peopleNamed(statements.flatMap((s) => [s.uploadedById, s.reconciledById]));
  const nameOf = (userId: string | null) => people.find((p) => p.id === userId)?.fullName ?? null;
  return statements.map((s) => ({
    id: s.id, month: s.month, commune: s.orgUnit, fileName: s.fileName, rows: s._count.lines,
    uploadedAt: s.uploadedAt, uploadedBy: nameOf(s.uploadedById), reconciledAt: s.reconciledAt, reconciledBy: nameOf(s.reconciledById),
  }));
}

const peopleNamed = (ids: (string | null)[]) =>
  db.user.findMany({ where: { id: { in: ids.filter((v): v is string => !!v) } }, select: { id: true, fullName: true } });
