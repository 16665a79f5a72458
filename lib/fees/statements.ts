import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db, type FeeRate, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { areaUnits, findOrgUnitInScope, findReportArea } from '@/lib/org/find-org-unit';
import { feeFor, inForce, shareFee } from './arithmetic';
import { figuresByGroup, monthBounds } from '@/lib/ledger/posting-sums';
import { monthInUnitSchema, type MonthInUnitInput } from './schemas';

// Monthly fee statements of the VBSP entrusted programmes: per group and programme, the union's
// entrustment fee and the group leader's commission, from the collections posted in the month (or
// the outstanding balance at its end, per rate table). Computing stores the lines; computing again
// (after a reversal, say) changes only that month's lines and keeps the figures they replace.

function ratesFor(rates: FeeRate[], programmeId: string, kind: FeeRate['kind'], monthStart: Date) {
  return inForce(rates.filter((r) => r.programmeId === programmeId && r.kind === kind), monthStart);
}

async function unitFor(actor: Actor, orgUnitId: string | undefined, tx: Tx = db) {
  return findOrgUnitInScope(actor, orgUnitId ?? actor.orgUnitId, tx);
}

/** Computes (or recomputes) a month's fee lines for the groups of a unit's subtree. */
export async function computeFeeMonth(actor: Actor, input: MonthInUnitInput) {
  assertCan(actor, 'fees:compute');
  const { month, orgUnitId } = parseInput(monthInUnitSchema, input);
  if (month > todayInVietnam().toISOString().slice(0, 7)) throw new AppError('VALIDATION', 'fees.futureMonth', {}, { month: { key: 'fees.futureMonth' } });
  const { from, to } = monthBounds(month);
  return db.$transaction(async (tx) => {
    const unit = await unitFor(actor, orgUnitId, tx);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`fees:${month}`}))`;
    const [figures, rates, existing] = await Promise.all([
      figuresByGroup(tx, { path: unit.path, fundSource: 'VBSP' }, from, to),
      tx.feeRate.findMany(),
      tx.feeStatementLine.findMany({ where: { month, orgUnit: { path: { startsWith: unit.path } } } }),
    ]);
    const byKey = new Map(existing.map((line) => [`${line.groupId}:${line.programmeId}`, line]));
    const now = new Date();
    const created = [];
    const unchanged: string[] = [];
    const changed: { groupId: string; programmeId: string; fee: [bigint, bigint]; commission: [bigint, bigint] }[] = [];
    for (const f of figures) {
      const feeRate = ratesFor(rates, f.programmeId, 'ENTRUSTMENT_FEE', from);
      const commissionRate = ratesFor(rates, f.programmeId, 'GROUP_COMMISSION', from);
      const values = {
        interestCollected: f.interestCollected, outstandingEnd: f.outstandingEnd,
        feeBasis: feeRate?.basis ?? null, feeRatePpm: feeRate?.ratePpm ?? null, fee: feeFor(feeRate, f),
        commissionBasis: commissionRate?.basis ?? null, commissionRatePpm: commissionRate?.ratePpm ?? null, commission: feeFor(commissionRate, f),
        computedAt: now, computedById: actor.userId,
      };
      const key = `${f.groupId}:${f.programmeId}`;
      const before = byKey.get(key);
      byKey.delete(key);
      if (!before) {
        if (f.interestCollected > 0n || f.outstandingEnd > 0n) {
          created.push({ month, groupId: f.groupId, orgUnitId: f.orgUnitId, programmeId: f.programmeId, ...values });
        }
      } else if (
        before.fee !== values.fee || before.commission !== values.commission
        || before.interestCollected !== values.interestCollected || before.outstandingEnd !== values.outstandingEnd
      ) {
        changed.push({ groupId: f.groupId, programmeId: f.programmeId, fee: [before.fee, values.fee], commission: [before.commission, values.commission] });
        await tx.feeStatementLine.update({
          where: { id: before.id },
          data: { ...values, orgUnitId: f.orgUnitId, previousFee: before.fee, previousCommission: before.commission },
        });
      } else {
        unchanged.push(before.id);
      }
    }
    // Lines whose every transaction has since been reversed fall to zero, keeping what they were.
    for (const before of byKey.values()) {
      if (before.fee === 0n && before.commission === 0n && before.interestCollected === 0n && before.outstandingEnd === 0n) continue;
      changed.push({ groupId: before.groupId, programmeId: before.programmeId, fee: [before.fee, 0n], commission: [before.commission, 0n] });
      await tx.feeStatementLine.update({
        where: { id: before.id },
        data: {
          interestCollected: 0n, outstandingEnd: 0n, fee: 0n, commission: 0n,
          previousFee: before.fee, previousCommission: before.commission, computedAt: now, computedById: actor.userId,
        },
      });
    }
    if (unchanged.length) await tx.feeStatementLine.updateMany({ where: { id: { in: unchanged } }, data: { computedAt: now, computedById: actor.userId } });
    if (created.length) await tx.feeStatementLine.createMany({ data: created });
    const result = { month, orgUnit: { id: unit.id, code: unit.code, name: unit.name }, created: created.length, changed };
    await writeAudit(tx, auditActorOf(actor), { action: 'fees.compute', entity: 'FeeStatement', entityId: `${month}:${unit.code}`, after: result });
    return result;
  });
}

/**
 * A month's statement for a unit's subtree: a line per group and programme, the group leaders'
 * commissions, the commune unions' fees with the level shares, totals, and whether postings changed
 * since it was computed (then it should be computed again).
 */
export async function feeStatement(actor: Actor, input: MonthInUnitInput) {
  assertCan(actor, 'fees:read');
  const { month, orgUnitId } = parseInput(monthInUnitSchema, input);
  const { unit } = await findReportArea(actor, orgUnitId);
  const { from, to } = monthBounds(month);
  const [lines, shareRules] = await Promise.all([
    db.feeStatementLine.findMany({
      where: { month, orgUnit: areaUnits(actor, unit) },
      include: {
        group: { select: { code: true, name: true, leader: { select: { fullName: true } } } },
        orgUnit: { select: { id: true, code: true, name: true, parent: { select: { level: true } } } },
        programme: { select: { code: true, name: true } },
      },
      orderBy: [{ orgUnit: { code: 'asc' } }, { group: { code: 'asc' } }, { programme: { code: 'asc' } }],
    }),
    db.feeShareRule.findMany(),
  ]);
  const share = inForce(shareRules, from);
  const computedAt = lines.reduce<Date | null>((min, l) => (!min || l.computedAt < min ? l.computedAt : min), null);
  const stale = computedAt ? await postedSince(unit.path, to, computedAt) : false;

  const communes = new Map<string, { orgUnit: (typeof lines)[number]['orgUnit']; interestCollected: bigint; outstandingEnd: bigint; fee: bigint; previousFee: bigint; commission: bigint }>();
  const leaders = new Map<string, { groupId: string; group: (typeof lines)[number]['group']; orgUnit: { id: string; code: string; name: string }; commission: bigint; previousCommission: bigint; interestCollected: bigint }>();
  for (const l of lines) {
    const c = communes.get(l.orgUnitId) ?? { orgUnit: l.orgUnit, interestCollected: 0n, outstandingEnd: 0n, fee: 0n, previousFee: 0n, commission: 0n };
    c.interestCollected += l.interestCollected;
    c.outstandingEnd += l.outstandingEnd;
    c.fee += l.fee;
    c.previousFee += l.previousFee ?? l.fee;
    c.commission += l.commission;
    communes.set(l.orgUnitId, c);
    const g = leaders.get(l.groupId)
      ?? {
        groupId: l.groupId, group: l.group, orgUnit: { id: l.orgUnit.id, code: l.orgUnit.code, name: l.orgUnit.name },
        commission: 0n, previousCommission: 0n, interestCollected: 0n,
      };
    g.commission += l.commission;
    g.previousCommission += l.previousCommission ?? l.commission;
    g.interestCollected += l.interestCollected;
    leaders.set(l.groupId, g);
  }
  const byCommune = [...communes.values()].map((c) => ({ ...c, difference: c.fee - c.previousFee, orgUnit: { id: c.orgUnit.id, code: c.orgUnit.code, name: c.orgUnit.name }, shares: shareFee(c.fee, share, { underDistrict: c.orgUnit.parent?.level === 'DISTRICT' }) }));
  const byGroupLeader = [...leaders.values()].map((g) => ({ ...g, difference: g.commission - g.previousCommission }));
  const sum = <T>(rows: T[], pick: (row: T) => bigint) => rows.reduce((s, r) => s + pick(r), 0n);
  return {
    month,
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    computedAt,
    stale,
    share: share ? { communeBp: share.communeBp, districtBp: share.districtBp, provinceBp: share.provinceBp } : null,
    lines,
    byCommune,
    byGroupLeader,
    totals: {
      interestCollected: sum(lines, (l) => l.interestCollected),
      outstandingEnd: sum(lines, (l) => l.outstandingEnd),
      fee: sum(lines, (l) => l.fee),
      commission: sum(lines, (l) => l.commission),
      shares: {
        commune: sum(byCommune, (c) => c.shares.commune),
        district: sum(byCommune, (c) => c.shares.district),
        province: sum(byCommune, (c) => c.shares.province),
      },
    },
  };
}

/** Whether any VBSP posting dated up to the month's end was made or reversed after `since`. */
async function postedSince(path: string, monthEnd: Date, since: Date): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*)::bigint AS n FROM "LoanTransaction" t
    JOIN "Loan" l ON l."id" = t."loanId" JOIN "Programme" p ON p."id" = l."programmeId" JOIN "OrgUnit" o ON o."id" = l."orgUnitId"
    WHERE p."fundSource" = 'VBSP' AND o."path" LIKE ${`${path}%`} AND t."date" <= ${monthEnd}
      AND (t."postedAt" > ${since} OR t."reversedAt" > ${since})`;
  return (rows[0]?.n ?? 0n) > 0n;
}
