import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope, scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import {
  closeSettlementSchema, decideSettlementSchema, requestSettlementSchema, settlementTransferSchema,
  type DecideSettlementInput, type RequestSettlementInput, type SettlementTransferInput,
} from '@/lib/fees/schemas';
import { findGroupInScope, assertGroupHasRoom } from '@/lib/groups/find-group';
import { moveMembersBetweenGroups, openMembership, OPEN_LOAN_STATUSES, recordLoanMoves } from '@/lib/members/membership';
import { formatThousands } from '@/lib/money';
import { findCommuneInScope, isUuid } from '@/lib/org/find-org-unit';
import { fundsByCommune, fundStatuses } from './balance';
import { lockCommune } from './guard';

// A commune leaving the revolving fund (tất toán): its board requests, the province approves; from
// then no new fund loans there; every open loan and fund savings balance is collected or moved to
// another commune's board; the cash goes back to the province; then the province closes it.

async function findSettlement(actor: Actor, id: string, tx: Tx = db) {
  const settlement = isUuid(id) ? await tx.fundSettlement.findFirst({ where: { id, ...scopeWhere(actor) }, include: { orgUnit: true } }) : null;
  if (!settlement) throw notFound();
  return settlement;
}

function assertSettlementStatus(settlement: { status: string }, status: 'REQUESTED' | 'APPROVED') {
  if (settlement.status !== status) throw new AppError('CONFLICT', 'fund.wrongStatus', { status: settlement.status });
}

/** The commune's board asks to settle: date, reason and the document (minutes, decision) it rests on. */
export async function requestSettlement(actor: Actor, input: RequestSettlementInput) {
  assertCan(actor, 'fund:request');
  const data = parseInput(requestSettlementSchema, input);
  return db.$transaction(async (tx) => {
    const commune = await findCommuneInScope(actor, data.orgUnitId, tx);
    await lockCommune(tx, commune.id);
    const open = await tx.fundSettlement.findFirst({ where: { orgUnitId: commune.id, status: { in: ['REQUESTED', 'APPROVED', 'CLOSED'] } } });
    if (open) throw new AppError('CONFLICT', open.status === 'CLOSED' ? 'fund.settled' : 'fund.alreadyRequested', {}, { orgUnitId: { key: open.status === 'CLOSED' ? 'fund.settled' : 'fund.alreadyRequested' } });
    const settlement = await tx.fundSettlement.create({
      data: { orgUnitId: commune.id, requestDate: data.requestDate, reason: data.reason, documentRef: data.documentRef, requestedById: actor.userId },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'fund.settlementRequest', entity: 'FundSettlement', entityId: settlement.id, after: settlement });
    return settlement;
  });
}

/** The province approves (the fund stops lending there) or rejects a request. */
export async function decideSettlement(actor: Actor, id: string, input: DecideSettlementInput) {
  assertCan(actor, 'fund:manage');
  const data = parseInput(decideSettlementSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findSettlement(actor, id, tx);
    await lockCommune(tx, before.orgUnitId);
    assertSettlementStatus(before, 'REQUESTED');
    if (data.date < before.requestDate) throw new AppError('VALIDATION', 'fund.decisionBeforeRequest', {}, { date: { key: 'fund.decisionBeforeRequest' } });
    const after = await tx.fundSettlement.update({
      where: { id },
      data: { status: data.approve ? 'APPROVED' : 'REJECTED', decidedAt: data.date, decidedById: actor.userId, decisionNote: data.note },
    });
    await writeAudit(tx, auditActorOf(actor), { action: data.approve ? 'fund.settlementApprove' : 'fund.settlementReject', entity: 'FundSettlement', entityId: id, before, after });
    return after;
  });
}

export interface WorksheetItem {
  kind: 'LOAN' | 'SAVINGS' | 'CASH';
  id: string;
  label: string;
  memberId: string | null;
  memberName: string | null;
  amount: bigint;
}

/** What a settling commune still holds: open fund loans, fund savings balances, cash on hand. */
export async function worksheetItems(tx: Tx, commune: { id: string; path: string }, asOf: Date): Promise<WorksheetItem[]> {
  const [loans, savings, funds] = await Promise.all([
    tx.loan.findMany({
      where: { orgUnitId: commune.id, status: { in: [...OPEN_LOAN_STATUSES] }, programme: { fundSource: 'REVOLVING' } },
      include: { member: { select: { id: true, fullName: true } } },
      orderBy: { number: 'asc' },
    }),
    tx.$queryRaw<{ id: string; memberId: string; fullName: string; scheme: string; balance: bigint }[]>`
      SELECT a."id", m."id" AS "memberId", m."fullName", s."code" AS "scheme",
        SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END)::bigint AS "balance"
      FROM "SavingsAccount" a
      JOIN "SavingsScheme" s ON s."id" = a."schemeId"
      JOIN "Member" m ON m."id" = a."memberId"
      JOIN "SavingsTransaction" t ON t."accountId" = a."id" AND t."reversedAt" IS NULL
      WHERE a."orgUnitId" = ${commune.id}::uuid AND s."kind" = 'GROUP_MEMBER'
      GROUP BY a."id", m."id", m."fullName", s."code"
      HAVING SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END) <> 0
      ORDER BY m."fullName"`,
    fundsByCommune(tx, commune.path, asOf),
  ]);
  const items: WorksheetItem[] = [
    ...loans.map((l) => ({ kind: 'LOAN' as const, id: l.id, label: l.number, memberId: l.member.id, memberName: l.member.fullName, amount: l.status === 'DISBURSED' || l.status === 'FROZEN' ? l.cachedOutstanding : 0n })),
    ...savings.map((s) => ({ kind: 'SAVINGS' as const, id: s.id, label: s.scheme, memberId: s.memberId, memberName: s.fullName, amount: s.balance })),
  ];
  const cash = funds.get(commune.id)?.cashOnHand ?? 0n;
  if (cash !== 0n) items.push({ kind: 'CASH', id: commune.id, label: '', memberId: null, memberName: null, amount: cash });
  return items;
}

/** A settlement with its worksheet (what remains to collect, transfer or return). */
export async function getSettlement(actor: Actor, id: string, asOf: Date) {
  assertCan(actor, 'fund:read');
  const settlement = await findSettlement(actor, id);
  const items = settlement.status === 'APPROVED' ? await worksheetItems(db, settlement.orgUnit, asOf) : [];
  return { settlement, items };
}

/** Settlements in scope: open ones first. */
export async function listSettlements(actor: Actor) {
  assertCan(actor, 'fund:read');
  const rows = await db.fundSettlement.findMany({ where: scopeWhere(actor), include: { orgUnit: { select: { code: true, name: true } } }, orderBy: [{ createdAt: 'desc' }], take: 200 });
  const rank = { REQUESTED: 0, APPROVED: 1, CLOSED: 2, REJECTED: 3 } as const;
  return rows.sort((a, b) => rank[a.status] - rank[b.status]);
}

/**
 * Moves a member of a settling commune, with her open loans and savings accounts, to a group of
 * another commune whose fund is active (explicit and audited; her history stays).
 */
export async function transferForSettlement(actor: Actor, id: string, input: SettlementTransferInput) {
  assertCan(actor, 'fund:manage');
  const data = parseInput(settlementTransferSchema, input);
  return db.$transaction(async (tx) => {
    const settlement = await findSettlement(actor, id, tx);
    assertSettlementStatus(settlement, 'APPROVED');
    const member = await tx.member.findFirst({ where: { id: data.memberId, orgUnitId: settlement.orgUnitId, status: 'ACTIVE' } });
    if (!member) throw new AppError('VALIDATION', 'fund.memberNotInCommune', {}, { memberId: { key: 'fund.memberNotInCommune' } });
    const target = await findGroupInScope(actor, data.groupId, tx);
    if (target.orgUnitId === settlement.orgUnitId) throw new AppError('VALIDATION', 'fund.sameCommune', {}, { groupId: { key: 'fund.sameCommune' } });
    await lockCommune(tx, target.orgUnitId);
    if ((await fundStatuses(tx, [target.orgUnitId])).get(target.orgUnitId) !== 'ACTIVE') throw new AppError('CONFLICT', 'fund.targetSettling', {}, { groupId: { key: 'fund.targetSettling' } });
    await assertGroupHasRoom(tx, target.id);
    // The loans move first (noted with both the group and the commune), then the member.
    const open = { memberId: member.id, status: { in: [...OPEN_LOAN_STATUSES] } };
    await recordLoanMoves(tx, await tx.loan.findMany({ where: open }), { groupId: target.id, orgUnitId: target.orgUnitId }, data.date);
    const loans = await tx.loan.updateMany({ where: open, data: { orgUnitId: target.orgUnitId, groupId: target.id } });
    if (member.groupId) await moveMembersBetweenGroups(tx, [member.id], member.groupId, target.id, data.date, 'TRANSFER');
    else {
      await tx.member.update({ where: { id: member.id }, data: { groupId: target.id } });
      await openMembership(tx, [member.id], target.id, data.date, 'TRANSFER');
    }
    const accounts = await tx.savingsAccount.updateMany({ where: { memberId: member.id }, data: { orgUnitId: target.orgUnitId } });
    const after = await tx.member.update({ where: { id: member.id }, data: { orgUnitId: target.orgUnitId, chapterId: null } });
    await writeAudit(tx, auditActorOf(actor), {
      action: 'fund.settlementTransfer', entity: 'Member', entityId: member.id, before: member,
      after: { ...after, settlementId: id, toGroup: target.code, loansMoved: loans.count, accountsMoved: accounts.count },
    });
    return { member: after, loansMoved: loans.count, accountsMoved: accounts.count };
  });
}

/** Closes a settled commune's fund: refused, with the list of what remains, unless everything is zero. */
export async function closeSettlement(actor: Actor, id: string, input: { date: string }) {
  assertCan(actor, 'fund:manage');
  const { date } = parseInput(closeSettlementSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findSettlement(actor, id, tx);
    await lockCommune(tx, before.orgUnitId);
    assertSettlementStatus(before, 'APPROVED');
    if (before.decidedAt && date < before.decidedAt) throw new AppError('VALIDATION', 'fund.closeBeforeApproval', {}, { date: { key: 'fund.closeBeforeApproval' } });
    const remaining = await worksheetItems(tx, before.orgUnit, date);
    if (remaining.length > 0) {
      const list = remaining.slice(0, 10).map((i) => `${i.kind === 'CASH' ? 'Tiền mặt' : `${i.label} (${i.memberName})`}: ${formatThousands(i.amount)} đ`).join('; ');
      throw new AppError('CONFLICT', 'fund.remaining', { count: remaining.length, list, date: formatDateOnly(date) });
    }
    const after = await tx.fundSettlement.update({ where: { id }, data: { status: 'CLOSED', closedAt: date, closedById: actor.userId } });
    await writeAudit(tx, auditActorOf(actor), { action: 'fund.settlementClose', entity: 'FundSettlement', entityId: id, before, after });
    return after;
  });
}

/** Groups a settling commune's members can move to: active groups of the other communes of its district whose fund is active. */
export async function transferTargets(actor: Actor, id: string) {
  assertCan(actor, 'fund:read');
  const settlement = await findSettlement(actor, id);
  const groups = await db.group.findMany({
    where: { status: 'ACTIVE', orgUnit: { AND: [orgUnitScope(actor), { parentId: settlement.orgUnit.parentId, id: { not: settlement.orgUnitId } }] } },
    select: { id: true, code: true, name: true, orgUnitId: true, orgUnit: { select: { name: true } } },
    orderBy: [{ orgUnit: { sortKey: 'asc' } }, { code: 'asc' }],
  });
  const statuses = await fundStatuses(db, [...new Set(groups.map((g) => g.orgUnitId))]);
  return groups.filter((g) => statuses.get(g.orgUnitId) === 'ACTIVE');
}
