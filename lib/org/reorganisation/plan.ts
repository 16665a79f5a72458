import type { Actor } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import type { OrgLevel, OrgUnit, Role, Tx } from '@/lib/db';
import type { RowIssue } from '@/lib/imports/kinds/kind';
import { issue } from '@/lib/imports/kinds/kind';
import { addDays } from '@/lib/loans/engine/dates';
import { OPEN_LOAN_STATUSES } from '@/lib/members/membership';
import { LEVEL_DEPTH, mayBeChildOf, ROLE_LEVELS } from '../levels';
import { existsOn } from '../dated';
import type { ReorganisationData } from './schemas';

// The planner of a reorganisation: reads the file's rows against the tree as it is, checks them
// all (every problem named by row and column, like an import), and says what the event will do —
// which units end, which are created, and per successor what moves to it. The preview shows this
// plan; applying computes it again inside the applying transaction and executes exactly it.

/** A unit the event creates, or an existing unit that succeeds old ones. */
export interface Successor {
  code: string;
  name: string;
  level: OrgLevel;
  /** Set for an existing unit; a created one gets its id when applied. */
  existing: OrgUnit | null;
  /** The parent's code (an existing unit, or one created by the same event). */
  parentCode: string | null;
}

/** One old unit: ended (merged into a successor) or renamed in place. */
export interface PlannedChange {
  row: number;
  unit: OrgUnit;
  successorCode: string;
  users: 'MOVE' | 'DEACTIVATE';
  kind: 'END' | 'RENAME';
  newName: string;
}

export interface MovedFigures {
  groups: number;
  members: number;
  loans: number;
  outstanding: bigint;
  savingsAccounts: number;
  savingsBalance: bigint;
  openFollowUps: number;
}

export interface PlannedUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  from: string;
  action: 'MOVE' | 'DEACTIVATE';
}

/** What one successor receives: from which old units, and how much. */
export interface SuccessorPreview extends MovedFigures {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
  created: boolean;
  from: { code: string; name: string; level: OrgLevel }[];
  users: PlannedUser[];
}

export interface ReorganisationPlan {
  decisionNo: string;
  decisionDate: Date;
  effectiveOn: Date;
  funds: 'JOINED' | 'SEPARATE';
  changes: PlannedChange[];
  /** Units to create, parents first. */
  created: Successor[];
  successors: Map<string, Successor>;
  preview: SuccessorPreview[];
  /** Old communes and the communes they end up in (for the event's narrative). */
  communes: { ended: number; into: number };
  issues: RowIssue[];
}

const MOVABLE_LEVELS: readonly OrgLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];

/** The levels a successor of an old unit may have: its own, or (a district ending) the province above it. */
const SUCCESSOR_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  CENTRAL: [],
  PROVINCE: ['PROVINCE'],
  DISTRICT: ['DISTRICT', 'PROVINCE'],
  COMMUNE: ['COMMUNE'],
  CHAPTER: [],
};

export async function planReorganisation(tx: Tx, actor: Actor, data: ReorganisationData): Promise<ReorganisationPlan> {
  const issues: RowIssue[] = [];
  const rows = data.rows.map((r, i) => ({ ...r, row: r.row ?? i + 2, users: r.users ?? 'MOVE' }));
  const codes = [...new Set(rows.flatMap((r) => [r.oldCode, r.newCode, ...(r.newParentCode ? [r.newParentCode] : [])]))];
  const known = new Map((await tx.orgUnit.findMany({ where: { code: { in: codes }, ...orgUnitScope(actor) } })).map((u) => [u.code, u]));
  const taken = new Set((await tx.orgUnit.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((u) => u.code));
  const parentIds = [...known.values()].flatMap((u) => (u.parentId ? [u.parentId] : []));
  const parents = new Map((await tx.orgUnit.findMany({ where: { id: { in: parentIds } } })).map((u) => [u.id, u]));
  const effectiveOn = data.effectiveOn;

  // 1. The old units.
  const changes: PlannedChange[] = [];
  const endedIds = new Set<string>();
  const seenOld = new Map<string, number>();
  for (const r of rows) {
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(r.row, column, key, params));
    const unit = known.get(r.oldCode);
    if (seenOld.has(r.oldCode)) { at('oldCode', 'imports.rows.duplicateInFile', { row: seenOld.get(r.oldCode)! }); continue; }
    seenOld.set(r.oldCode, r.row);
    if (!unit) { at('oldCode', 'reorg.unknownUnit', { code: r.oldCode }); continue; }
    if (!MOVABLE_LEVELS.includes(unit.level)) { at('oldCode', 'reorg.levelNotMovable', { code: r.oldCode }); continue; }
    if (!existsOn(unit, effectiveOn) || !existsOn(unit, addDays(effectiveOn, -1))) { at('oldCode', 'reorg.unitNotCurrent', { code: r.oldCode }); continue; }
    if (unit.id === actor.orgUnitId && r.newCode !== r.oldCode) { at('oldCode', 'reorg.ownUnit'); continue; }
    const kind = r.newCode === r.oldCode ? 'RENAME' : 'END';
    if (kind === 'END') endedIds.add(unit.id);
    changes.push({ row: r.row, unit, successorCode: r.newCode, users: r.users, kind, newName: r.newName });
  }
  const changeByCode = new Map(changes.map((c) => [c.unit.code, c]));
  const changeByUnit = new Map(changes.map((c) => [c.unit.id, c]));
  const rowByNumber = new Map(rows.map((r) => [r.row, r]));

  // 2. The successors: existing units that go on, or units to create.
  const successors = new Map<string, Successor>();
  const successorOfOldParent = (unit: OrgUnit): string | null => {
    const parent = unit.parentId ? parents.get(unit.parentId) : undefined;
    if (!parent) return null;
    const change = changeByCode.get(parent.code);
    return change && change.kind === 'END' ? change.successorCode : parent.code;
  };
  for (const c of changes) {
    const r = rowByNumber.get(c.row)!;
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(c.row, column, key, params));
    if (c.kind === 'RENAME') {
      const parentCode = c.unit.parentId ? parents.get(c.unit.parentId)?.code : undefined;
      if (r.newParentCode && r.newParentCode !== parentCode) at('newParentCode', 'reorg.renameKeepsParent');
      continue;
    }
    const existing = known.get(c.successorCode);
    const planned = successors.get(c.successorCode);
    if (existing) {
      if (endedIds.has(existing.id)) { at('newCode', 'reorg.successorEnds', { code: c.successorCode }); continue; }
      if (!existsOn(existing, effectiveOn)) { at('newCode', 'reorg.unitNotCurrent', { code: c.successorCode }); continue; }
      if (!SUCCESSOR_LEVELS[c.unit.level].includes(existing.level)) { at('newCode', 'reorg.successorLevel', { code: c.successorCode }); continue; }
      if (existing.name !== c.newName) { at('newName', 'reorg.successorName', { code: existing.code, name: existing.name }); continue; }
      if (r.newParentCode) { at('newParentCode', 'reorg.existingKeepsParent', { code: existing.code }); continue; }
      const parentCode = existing.parentId ? parents.get(existing.parentId)?.code ?? null : null;
      successors.set(c.successorCode, { code: existing.code, name: existing.name, level: existing.level, existing, parentCode });
    } else if (taken.has(c.successorCode)) {
      at('newCode', 'reorg.codeTakenByOld', { code: c.successorCode });
    } else if (planned) {
      if (planned.name !== c.newName) at('newName', 'reorg.nameDiffers', { code: c.successorCode, name: planned.name });
      if (planned.level !== c.unit.level) at('newCode', 'reorg.successorLevel', { code: c.successorCode });
    } else {
      const parentCode = r.newParentCode ?? successorOfOldParent(c.unit);
      successors.set(c.successorCode, { code: c.successorCode, name: c.newName, level: c.unit.level, existing: null, parentCode });
    }
  }
  // Parents of created units: existing and going on, or created by the event; of the right level.
  const unitByCode = new Map([...parents.values(), ...known.values()].map((u) => [u.code, u]));
  const firstRowOf = new Map<string, number>();
  for (const c of changes) if (!firstRowOf.has(c.successorCode)) firstRowOf.set(c.successorCode, c.row);
  for (const s of successors.values()) {
    if (s.existing) continue;
    const row = firstRowOf.get(s.code)!;
    const parentExisting = s.parentCode ? unitByCode.get(s.parentCode) : undefined;
    const parentPlanned = s.parentCode ? successors.get(s.parentCode) : undefined;
    const parentLevel = parentPlanned?.level ?? parentExisting?.level ?? null;
    if (s.parentCode && !parentPlanned && !parentExisting) issues.push(issue(row, 'newParentCode', 'reorg.unknownUnit', { code: s.parentCode }));
    else if (parentExisting && !parentPlanned && (endedIds.has(parentExisting.id) || !existsOn(parentExisting, effectiveOn))) {
      issues.push(issue(row, 'newParentCode', 'reorg.successorEnds', { code: parentExisting.code }));
    } else if (!mayBeChildOf(s.level, parentLevel)) issues.push(issue(row, 'newParentCode', 'org.wrongParentLevel'));
  }

  // 3. Nothing is left behind: an ended unit's units below (chapters follow their commune) end too.
  const endedUnits = changes.filter((c) => c.kind === 'END').map((c) => c.unit);
  const children = await tx.orgUnit.findMany({ where: { parentId: { in: endedUnits.map((u) => u.id) }, level: { not: 'CHAPTER' }, active: true } });
  for (const child of children) {
    if (!existsOn(child, effectiveOn) || endedIds.has(child.id)) continue;
    const parentChange = changeByUnit.get(child.parentId!)!;
    issues.push(issue(parentChange.row, 'oldCode', 'reorg.childNotMapped', { code: child.code, parent: parentChange.unit.code }));
  }

  // 4. Accounts of the ended units: moved where their role fits the successor's level, else an error.
  const users = await tx.user.findMany({
    where: { orgUnitId: { in: endedUnits.map((u) => u.id) }, active: true },
    select: { id: true, username: true, fullName: true, role: true, orgUnitId: true },
  });
  const plannedUsers = new Map<string, PlannedUser[]>();
  for (const u of users) {
    const change = changeByUnit.get(u.orgUnitId)!;
    const successor = successors.get(change.successorCode);
    if (!successor) continue;
    if (change.users === 'MOVE' && !ROLE_LEVELS[u.role].includes(successor.level)) {
      issues.push(issue(change.row, 'users', 'reorg.userRoleLevel', { username: u.username, code: successor.code }));
    }
    const list = plannedUsers.get(successor.code) ?? [];
    list.push({ id: u.id, username: u.username, fullName: u.fullName, role: u.role, from: change.unit.code, action: change.users });
    plannedUsers.set(successor.code, list);
  }

  const figures = await figuresOf(tx, endedUnits.filter((u) => u.level === 'COMMUNE').map((u) => u.id));
  const endedInto = new Map<string, OrgUnit[]>();
  for (const c of changes) if (c.kind === 'END') endedInto.set(c.successorCode, [...(endedInto.get(c.successorCode) ?? []), c.unit]);
  const preview: SuccessorPreview[] = [...successors.values()]
    .map((s) => {
      const from = endedInto.get(s.code) ?? [];
      const sum = (pick: (f: MovedFigures) => number | bigint) => from.reduce<bigint>((acc, u) => acc + BigInt(pick(figures.get(u.id) ?? EMPTY)), 0n);
      return {
        code: s.code, name: s.name, level: s.level, parentCode: s.parentCode, created: !s.existing,
        from: from.map((u) => ({ code: u.code, name: u.name, level: u.level })),
        groups: Number(sum((f) => f.groups)), members: Number(sum((f) => f.members)), loans: Number(sum((f) => f.loans)),
        outstanding: sum((f) => f.outstanding), savingsAccounts: Number(sum((f) => f.savingsAccounts)), savingsBalance: sum((f) => f.savingsBalance),
        openFollowUps: Number(sum((f) => f.openFollowUps)),
        users: plannedUsers.get(s.code) ?? [],
      };
    })
    .sort((a, b) => LEVEL_DEPTH[a.level] - LEVEL_DEPTH[b.level] || a.code.localeCompare(b.code));
  const endedCommunes = endedUnits.filter((u) => u.level === 'COMMUNE');
  return {
    decisionNo: data.decisionNo,
    decisionDate: data.decisionDate,
    effectiveOn,
    funds: data.funds,
    changes,
    created: [...successors.values()].filter((s) => !s.existing).sort((a, b) => LEVEL_DEPTH[a.level] - LEVEL_DEPTH[b.level]),
    successors,
    preview,
    communes: { ended: endedCommunes.length, into: new Set(endedCommunes.map((u) => changeByCode.get(u.code)!.successorCode)).size },
    issues,
  };
}

const EMPTY: MovedFigures = { groups: 0, members: 0, loans: 0, outstanding: 0n, savingsAccounts: 0, savingsBalance: 0n, openFollowUps: 0 };

/** What each old commune holds: every group, active member, loan not closed, savings account and open follow-up. */
async function figuresOf(tx: Tx, communeIds: string[]): Promise<Map<string, MovedFigures>> {
  const result = new Map<string, MovedFigures>(communeIds.map((id) => [id, { ...EMPTY }]));
  if (communeIds.length === 0) return result;
  const [groups, members, loans, savings, followUps] = await Promise.all([
    tx.group.groupBy({ by: ['orgUnitId'], where: { orgUnitId: { in: communeIds } }, _count: { _all: true } }),
    tx.member.groupBy({ by: ['orgUnitId'], where: { orgUnitId: { in: communeIds }, status: 'ACTIVE' }, _count: { _all: true } }),
    tx.loan.groupBy({ by: ['orgUnitId'], where: { orgUnitId: { in: communeIds }, status: { in: [...OPEN_LOAN_STATUSES] } }, _count: { _all: true }, _sum: { cachedOutstanding: true } }),
    tx.$queryRaw<{ orgUnitId: string; accounts: bigint; balance: bigint | null }[]>`
      SELECT a."orgUnitId", COUNT(*)::bigint AS "accounts", SUM(b."balance")::bigint AS "balance"
      FROM "SavingsAccount" a LEFT JOIN "SavingsBalance" b ON b."accountId" = a."id"
      WHERE a."orgUnitId" = ANY(${communeIds}::uuid[]) GROUP BY a."orgUnitId"`,
    tx.followUp.groupBy({ by: ['orgUnitId'], where: { orgUnitId: { in: communeIds }, status: 'OPEN' }, _count: { _all: true } }),
  ]);
  for (const g of groups) result.get(g.orgUnitId)!.groups = g._count._all;
  for (const m of members) result.get(m.orgUnitId)!.members = m._count._all;
  for (const l of loans) Object.assign(result.get(l.orgUnitId)!, { loans: l._count._all, outstanding: l._sum.cachedOutstanding ?? 0n });
  for (const s of savings) Object.assign(result.get(s.orgUnitId)!, { savingsAccounts: Number(s.accounts), savingsBalance: s.balance ?? 0n });
  for (const f of followUps) result.get(f.orgUnitId)!.openFollowUps = f._count._all;
  return result;
}
