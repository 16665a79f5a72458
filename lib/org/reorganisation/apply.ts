import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAuditMany, type AuditEntry } from '@/lib/audit';
import { isoDate } from '@/lib/calendar/date-only';
import { db, Prisma, type OrgUnit, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { fundsByCommune } from '@/lib/fund/balance';
import { addDays } from '@/lib/loans/engine/dates';
import { moveCommunes, type CommuneMoveCounts } from './move-commune';
import { planReorganisation, type ReorganisationPlan, type SuccessorPreview } from './plan';
import { reorganisationSchema, type ReorganisationInput } from './schemas';

const ANALYZED_TABLES = ['Loan', 'LoanMove', 'LoanSpan', 'RecordMove', 'Group', 'Member', 'SavingsAccount', 'LedgerMonth', 'CommuneLedgerMonth', 'OrgUnit'];

/** The plan as the preview shows it (amounts in đồng, as strings in JSON). */
export interface ReorganisationPreview {
  decisionNo: string;
  decisionDate: string;
  effectiveOn: string;
  funds: 'JOINED' | 'SEPARATE';
  /** With separate funds: each merged province's fund and the communes whose boards keep it. */
  separateFunds: { fund: string; communes: string[] }[];
  successors: SuccessorPreview[];
  ended: { code: string; name: string; level: string; successor: string }[];
  renamed: { code: string; from: string; to: string }[];
  communes: { ended: number; into: number };
}

export function previewOf(plan: ReorganisationPlan): ReorganisationPreview {
  return {
    decisionNo: plan.decisionNo,
    decisionDate: isoDate(plan.decisionDate),
    effectiveOn: isoDate(plan.effectiveOn),
    funds: plan.funds,
    separateFunds: separateFunds(plan),
    successors: plan.preview,
    ended: plan.changes.filter((c) => c.kind === 'END').map((c) => ({ code: c.unit.code, name: c.unit.name, level: c.unit.level, successor: c.successorCode })),
    renamed: plan.changes.filter((c) => c.kind === 'RENAME' && c.newName !== c.unit.name).map((c) => ({ code: c.unit.code, from: c.unit.name, to: c.newName })),
    communes: plan.communes,
  };
}

/**
 * With SEPARATE funds, per province that merged provinces into it: the fund of each old province
 * (its own included, when it goes on) and the successor communes whose boards keep it — a commune
 * formed from communes of several old provinces keeps the fund of its first row's. Communes the
 * event does not touch keep their label (or, without one, the successor's own fund is theirs).
 */
function separateFunds(plan: ReorganisationPlan): { fund: string; communes: string[] }[] {
  if (plan.funds !== 'SEPARATE') return [];
  const provinces = plan.changes.filter((c) => c.kind === 'END' && c.unit.level === 'PROVINCE').map((c) => c.unit);
  if (provinces.length === 0) return [];
  const successorProvinces = [...new Set(plan.changes.filter((c) => c.unit.level === 'PROVINCE').map((c) => c.successorCode))]
    .flatMap((code) => (plan.successors.get(code)?.existing ? [plan.successors.get(code)!.existing!] : []));
  const funds = new Map<string, string[]>();
  const labelled = new Set<string>();
  for (const c of plan.changes.filter((x) => x.kind === 'END' && x.unit.level === 'COMMUNE')) {
    const origin = [...provinces, ...successorProvinces].find((p) => c.unit.path.startsWith(p.path));
    if (!origin || labelled.has(c.successorCode)) continue;
    labelled.add(c.successorCode);
    const fund = `Quỹ quay vòng ${origin.name}`;
    funds.set(fund, [...(funds.get(fund) ?? []), c.successorCode]);
  }
  return [...funds].map(([fund, communes]) => ({ fund, communes: communes.sort() })).sort((a, b) => a.fund.localeCompare(b.fund, 'vi'));
}

/** Throws a VALIDATION error listing every row problem (field "rows.<row>.<column>"). */
function assertNoIssues(plan: ReorganisationPlan) {
  if (plan.issues.length === 0) return;
  const fields = Object.fromEntries(plan.issues.map((i) => [`rows.${i.row}.${i.column ?? 'row'}`, i.message]));
  throw new AppError('VALIDATION', 'reorg.invalidRows', { count: plan.issues.length }, fields);
}

/** What applying the event would do, without writing anything. */
export async function previewReorganisation(actor: Actor, input: ReorganisationInput): Promise<ReorganisationPreview> {
  assertCan(actor, 'org:reorganise');
  const data = parseInput(reorganisationSchema, input);
  const plan = await planReorganisation(db, actor, data);
  assertNoIssues(plan);
  return previewOf(plan);
}

export interface AppliedReorganisation extends ReorganisationPreview {
  id: string;
  moved: CommuneMoveCounts & { users: number; deactivatedUsers: number };
}

/** Applies the event in one transaction: the same plan as the preview, computed again under a lock. */
export async function applyReorganisation(actor: Actor, input: ReorganisationInput): Promise<AppliedReorganisation> {
  assertCan(actor, 'org:reorganise');
  const data = parseInput(reorganisationSchema, input);
  return db.$transaction((tx) => applyInTransaction(tx, actor, data), { timeout: 600_000, maxWait: 30_000 });
}

/** The applying itself, inside the caller's transaction (the import runs it in its own). */
export async function applyInTransaction(tx: Tx, actor: Actor, data: ReturnType<typeof reorganisationSchema.parse>): Promise<AppliedReorganisation> {
  // One reorganisation at a time: two events must not both move the same units.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('reorganisation'))`;
  const plan = await planReorganisation(tx, actor, data);
  assertNoIssues(plan);
  const effectiveOn = plan.effectiveOn;
  const dayBefore = addDays(effectiveOn, -1);
  const preview = previewOf(plan);
  const event = await tx.reorganisation.create({
    data: {
      decisionNo: plan.decisionNo, decisionDate: plan.decisionDate, effectiveOn, funds: plan.funds, orgUnitId: actor.orgUnitId, appliedById: actor.userId,
      summary: JSON.parse(JSON.stringify(preview, (_, v) => (typeof v === 'bigint' ? v.toString() : v))),
    },
  });
  const audit: AuditEntry[] = [];

  // New units, parents first.
  const unitByCode = new Map<string, Pick<OrgUnit, 'id' | 'code' | 'path'>>();
  for (const s of plan.successors.values()) if (s.existing) unitByCode.set(s.code, s.existing);
  const parentCodes = plan.created.flatMap((s) => (s.parentCode && !unitByCode.has(s.parentCode) ? [s.parentCode] : []));
  for (const u of await tx.orgUnit.findMany({ where: { code: { in: parentCodes } } })) unitByCode.set(u.code, u);
  for (const s of plan.created) {
    const parent = s.parentCode ? unitByCode.get(s.parentCode)! : null;
    const id = randomUUID();
    const unit = await tx.orgUnit.create({
      data: { id, code: s.code, name: s.name, level: s.level, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, validFrom: effectiveOn },
    });
    unitByCode.set(s.code, unit);
    audit.push({ action: 'orgUnit.create', entity: 'OrgUnit', entityId: id, after: { ...unit, reorganisationId: event.id } });
  }

  // The communes' contents, with the fund's cash each board held the day before.
  const ended = plan.changes.filter((c) => c.kind === 'END');
  const communes = ended.filter((c) => c.unit.level === 'COMMUNE');
  const cash = communes.length ? await fundsByCommune(tx, actor.orgUnitPath, dayBefore) : new Map();
  const counts = await moveCommunes(
    tx,
    communes.map((c) => ({ from: c.unit, to: unitByCode.get(c.successorCode)!, cashOnHand: cash.get(c.unit.id)?.cashOnHand ?? 0n })),
    effectiveOn, event.id, plan.decisionNo,
  );
  const moved = { ...counts, users: 0, deactivatedUsers: 0 };
  // The bank's offices keep serving the same villages: a successor joins the offices of the communes it took over.
  if (communes.length) {
    await tx.$executeRaw`
      INSERT INTO "BankOfficeCommune" ("bankOfficeId", "orgUnitId")
      SELECT b."bankOfficeId", m.n FROM "BankOfficeCommune" b
      JOIN unnest(${communes.map((c) => c.unit.id)}::uuid[], ${communes.map((c) => unitByCode.get(c.successorCode)!.id)}::uuid[]) AS m(o, n) ON m.o = b."orgUnitId"
      ON CONFLICT DO NOTHING`;
  }

  // Merged provinces' funds kept separate: each successor commune's board keeps its old province's fund.
  for (const { fund, communes: codes } of preview.separateFunds) {
    await tx.orgUnit.updateMany({ where: { id: { in: codes.map((code) => unitByCode.get(code)!.id) } }, data: { revolvingFund: fund } });
  }

  // Accounts, then the old units end.
  for (const c of ended) {
    const successor = unitByCode.get(c.successorCode)!;
    if (c.users === 'MOVE') {
      moved.users += (await tx.user.updateMany({ where: { orgUnitId: c.unit.id, active: true }, data: { orgUnitId: successor.id } })).count;
    } else {
      const users = await tx.user.findMany({ where: { orgUnitId: c.unit.id, active: true }, select: { id: true } });
      await tx.user.updateMany({ where: { id: { in: users.map((u) => u.id) } }, data: { active: false } });
      await tx.apiToken.updateMany({ where: { userId: { in: users.map((u) => u.id) }, revokedAt: null }, data: { revokedAt: new Date() } });
      moved.deactivatedUsers += users.length;
    }
    if (c.unit.level === 'PROVINCE') await tx.bankOffice.updateMany({ where: { orgUnitId: c.unit.id }, data: { orgUnitId: successor.id } });
    const after = await tx.orgUnit.update({ where: { id: c.unit.id }, data: { active: false, validTo: dayBefore, successorId: successor.id } });
    const created = !plan.successors.get(c.successorCode)!.existing;
    await tx.reorgChange.create({ data: { reorganisationId: event.id, fromUnitId: c.unit.id, toUnitId: successor.id, created, users: c.users } });
    audit.push({ action: 'orgUnit.end', entity: 'OrgUnit', entityId: c.unit.id, before: c.unit, after: { ...after, reorganisationId: event.id, successor: c.successorCode } });
  }
  for (const c of plan.changes.filter((x) => x.kind === 'RENAME' && x.newName !== x.unit.name)) {
    const after = await tx.orgUnit.update({ where: { id: c.unit.id }, data: { name: c.newName } });
    await tx.reorgChange.create({ data: { reorganisationId: event.id, fromUnitId: c.unit.id, toUnitId: c.unit.id, users: 'MOVE' } });
    audit.push({ action: 'orgUnit.rename', entity: 'OrgUnit', entityId: c.unit.id, before: c.unit, after: { ...after, reorganisationId: event.id } });
  }
  // The planner's statistics follow the moved rows at once: stale ones turn a province's reports
  // after the event into nested loops over every loan (and PGlite has no autovacuum to refresh them).
  await tx.$executeRaw`ANALYZE ${Prisma.raw(ANALYZED_TABLES.map((t) => `"${t}"`).join(', '))}`;
  audit.unshift({ action: 'org.reorganise', entity: 'Reorganisation', entityId: event.id, after: { decisionNo: plan.decisionNo, effectiveOn: isoDate(effectiveOn), ...plan.communes, moved } });
  await writeAuditMany(tx, auditActorOf(actor), audit);
  return { id: event.id, ...preview, moved };
}

/** The events applied in the actor's subtree, latest first. */
export async function listReorganisations(actor: Actor) {
  assertCan(actor, 'org:read');
  return db.reorganisation.findMany({
    where: { changes: { some: { toUnit: { path: { startsWith: actor.orgUnitPath } } } } },
    orderBy: [{ effectiveOn: 'desc' }, { appliedAt: 'desc' }],
    select: { id: true, decisionNo: true, decisionDate: true, effectiveOn: true, appliedAt: true, summary: true, _count: { select: { changes: true } } },
  });
}
