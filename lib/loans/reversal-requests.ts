import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { loanWhere } from '@/lib/auth/business';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type ReversalRequestStatus } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { findLoanInScope } from './find-loan';
import { reverseInTx } from './risk-events';
import { reversalSchema } from './schemas';

// Corrections a commune officer can start (maker-checker): she asks for a wrong posting to be
// reversed, with a reason; a leader with loan:risk — never the one who asked — approves it, and the
// reversal is posted in the same transaction, or rejects it with a note. Each step is audited.

const decisionSchema = z
  .object({ approve: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()), note: z.string().trim().max(500).optional() })
  .refine((d) => d.approve || (d.note?.length ?? 0) > 0, { message: 'loans.reversalNoteRequired', path: ['note'] });

/** A reversal request on a live posting of a loan in scope; one pending request per posting. */
export async function requestReversal(actor: Actor, loanId: string, input: { transactionId: string; reason: string }) {
  assertCan(actor, 'loan:apply');
  const data = parseInput(reversalSchema, input);
  return db.$transaction(async (tx) => {
    const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
    const posting = await tx.loanTransaction.findFirst({ where: { id: data.transactionId, loanId: loan.id } });
    if (!posting) throw new AppError('VALIDATION', 'loans.unknownTransaction', {}, { transactionId: { key: 'loans.unknownTransaction' } });
    if (posting.reversedAt) throw new AppError('CONFLICT', 'loans.alreadyReversed', {}, { transactionId: { key: 'loans.alreadyReversed' } });
    if (await tx.reversalRequest.findFirst({ where: { transactionId: posting.id, status: 'PENDING' } })) {
      throw new AppError('CONFLICT', 'loans.reversalPending', {}, { transactionId: { key: 'loans.reversalPending' } });
    }
    const request = await tx.reversalRequest.create({ data: { loanId: loan.id, transactionId: posting.id, reason: data.reason, requestedById: actor.userId } });
    await writeAudit(tx, auditActorOf(actor), { action: 'loan.reversal.request', entity: 'ReversalRequest', entityId: request.id, after: { loan: loan.number, ...request } });
    return request;
  });
}

/** Reversal requests on loans in scope (pending by default), oldest first, with the posting they name. */
export async function listReversalRequests(actor: Actor, { status = 'PENDING', loanId }: { status?: ReversalRequestStatus | 'ALL'; loanId?: string } = {}) {
  assertCan(actor, 'loan:read');
  if (loanId && !isUuid(loanId)) return [];
  const requests = await db.reversalRequest.findMany({
    where: { loan: loanWhere(actor), ...(status === 'ALL' ? {} : { status }), ...(loanId ? { loanId } : {}) },
    include: {
      loan: { select: { id: true, number: true, member: { select: { fullName: true } } } },
      requestedBy: { select: { fullName: true, username: true } },
      decidedBy: { select: { fullName: true, username: true } },
    },
    orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
  });
  const postings = new Map((await db.loanTransaction.findMany({ where: { id: { in: requests.map((r) => r.transactionId) } } })).map((t) => [t.id, t]));
  return requests.map((r) => {
    const posting = postings.get(r.transactionId)!;
    return { ...r, transaction: { id: posting.id, kind: posting.kind, date: posting.date, amount: posting.amount } };
  });
}

/** Approves (the reversal is posted) or rejects (with a note) a pending request; the maker cannot decide her own. */
export async function decideReversalRequest(actor: Actor, id: string, input: { approve: unknown; note?: string }) {
  assertCan(actor, 'loan:risk');
  const data = parseInput(decisionSchema, input);
  return db.$transaction(async (tx) => {
    const request = isUuid(id) ? await tx.reversalRequest.findFirst({ where: { id, loan: loanWhere(actor) } }) : null;
    if (!request) throw notFound();
    await tx.$queryRaw`SELECT 1 FROM "ReversalRequest" WHERE "id" = ${request.id}::uuid FOR UPDATE`;
    const current = await tx.reversalRequest.findUniqueOrThrow({ where: { id: request.id } });
    if (current.status !== 'PENDING') throw new AppError('CONFLICT', 'loans.reversalDecided');
    if (current.requestedById === actor.userId) throw new AppError('FORBIDDEN', 'loans.ownReversalRequest');
    if (data.approve) await reverseInTx(actor, tx, current.loanId, { transactionId: current.transactionId, reason: current.reason });
    const decided = await tx.reversalRequest.update({
      where: { id: current.id },
      data: { status: data.approve ? 'APPROVED' : 'REJECTED', decidedById: actor.userId, decidedAt: new Date(), decisionNote: data.note ?? null },
    });
    await writeAudit(tx, auditActorOf(actor), { action: data.approve ? 'loan.reversal.approve' : 'loan.reversal.reject', entity: 'ReversalRequest', entityId: current.id, before: current, after: decided });
    return decided;
  });
}
