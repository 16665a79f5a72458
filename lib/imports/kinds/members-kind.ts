import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { memberWhere } from '@/lib/auth/business';
import { auditActorOf, writeAuditMany, type AuditEntry } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db, type Member, type Tx } from '@/lib/db';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { AppError } from '@/lib/errors';
import { groupRoom } from '@/lib/groups/find-group';
import { consentAuditEntry, consentStates } from '@/lib/members/consent';
import { OPEN_LOAN_STATUSES } from '@/lib/members/membership';
import { foldVietnamese } from '../normalize';
import { inChunks, issue, type ImportKind, type RowIssue } from './kind';
import { MEMBER_EXPORT_FIELDS, MEMBER_SPEC, memberExportRow, parseMemberRow, type MemberRowData } from './members-columns';
import { resolveMemberRows, type ResolvedMember } from './members-resolve';

/** Members read per query when exporting: pages of a few hundred keep the export's memory flat. */
const EXPORT_PAGE = 500;

/** The codes of units and groups by id, each read once per export. */
function codeLookup() {
  const known = { units: new Map<string, string>(), groups: new Map<string, string>() };
  const read = async (cache: Map<string, string>, ids: string[], find: (ids: string[]) => Promise<{ id: string; code: string }[]>) => {
    const missing = [...new Set(ids)].filter((id) => !cache.has(id));
    if (missing.length) for (const row of await find(missing)) cache.set(row.id, row.code);
    return cache;
  };
  return {
    units: (ids: string[]) => read(known.units, ids, (missing) => db.orgUnit.findMany({ where: { id: { in: missing } }, select: { id: true, code: true } })),
    groups: (ids: string[]) => read(known.groups, ids, (missing) => db.group.findMany({ where: { id: { in: missing } }, select: { id: true, code: true } })),
  };
}

/** The database fields a row sets; compared with the existing member to find real changes. */
function fieldsOf(r: ResolvedMember) {
  return {
    orgUnitId: r.orgUnitId,
    groupId: r.status === 'LEFT' ? null : r.groupId,
    chapterId: r.chapterId,
    code: r.data.code,
    fullName: r.data.fullName,
    searchName: foldVietnamese(r.data.fullName),
    gender: r.data.gender,
    birthYear: r.data.birthYear,
    nationalId: r.data.nationalId,
    activeNationalId: r.status === 'ACTIVE' ? r.data.nationalId : null,
    phone: r.data.phone,
    address: r.data.address,
    householdCategory: r.data.householdCategory,
    isUnionMember: r.data.isUnionMember,
    joinedAt: r.data.joinedAt ?? r.existing?.joinedAt ?? todayInVietnam(),
    status: r.status,
    leftAt: r.data.leftAt,
  };
}

const MEMBER_COLUMNS = {
  id: 'uuid', orgUnitId: 'uuid', groupId: 'uuid', chapterId: 'uuid', code: 'text', fullName: 'text', searchName: 'text', gender: '"Gender"',
  birthYear: 'int', nationalId: 'text', activeNationalId: 'text', phone: 'text', address: 'text', householdCategory: '"HouseholdCategory"',
  isUnionMember: 'boolean', joinedAt: 'date', status: '"MemberStatus"', leftAt: 'date', updatedAt: 'timestamptz',
};

function changed(existing: Member, next: ReturnType<typeof fieldsOf>): boolean {
  return (Object.keys(next) as (keyof typeof next)[]).some((key) => {
    const a = existing[key];
    const b = next[key];
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() !== (b as Date | null)?.getTime() : a !== b;
  });
}


/**
 * The members a register export lists: anonymised records (decision 027) are left out — they name
 * nobody, and without a CCCD a row of them could not be imported back.
 */
const exportedMembers = (actor: Actor) => ({ AND: [memberWhere(actor), { anonymisedAt: null }] });
export const membersKind: ImportKind<ResolvedMember> = {
  name: 'members',
  spec: MEMBER_SPEC,
  permission: 'register:write',

  async validate(actor, rows) {
    const issues: RowIssue[] = [];
    const typed = rows.map((row) => parseMemberRow(row, issues)).filter((r): r is MemberRowData => r !== null);
    const resolved = await resolveMemberRows(actor, typed, issues);
    for (const r of resolved) r.action = !r.existing ? 'create' : changed(r.existing, fieldsOf(r)) ? 'update' : 'unchanged';
    await checkConsents(resolved, issues);
    await checkGroupCapacity(resolved, issues);
    await checkOpenLoans(resolved, issues);
    return { parsed: resolved, issues };
  },

  async apply(actor, tx, parsed, progress) {
    await assertGroupCapacityLocked(tx, parsed);
    const audit: AuditEntry[] = [];
    const creates = parsed.filter((r) => r.action === 'create');
    const updates = parsed.filter((r) => r.action === 'update');
    // In the order of their new ids: the primary key's index fills in sequence.
    const newIds = creates.map(() => randomUUID());
    const rows = creates.map((r, i) => ({ id: newIds[i]!, ...fieldsOf(r) })).sort((a, b) => (a.id < b.id ? -1 : 1));
    const updatedAt = new Date();
    // 1,000 members a statement: as fast within noise, and the progress a long import reports moves
    // while it writes (tests/e2e/crash-server.spec.ts kills the server at the first such report).
    await inChunks(rows, 1000, async (chunk) => {
      await bulkInsert(tx, 'Member', MEMBER_COLUMNS, chunk.map((m) => ({ ...m, updatedAt })));
      progress(chunk.length);
    });
    const joins = rows.filter((m) => m.groupId).map((m) => ({ memberId: m.id, groupId: m.groupId!, fromDate: m.joinedAt, reason: 'JOIN' }));
    await bulkInsert(tx, 'MemberGroupHistory', { memberId: 'uuid', groupId: 'uuid', fromDate: 'date', reason: '"MembershipReason"' }, joins);
    for (const m of rows) audit.push({ action: 'member.create', entity: 'Member', entityId: m.id, after: m });
    const consents = [
      ...creates.flatMap((r, i) => consentRecords(actor, r, newIds[i]!)),
      ...updates.flatMap((r) => consentRecords(actor, r, r.existing!.id)),
    ];
    await inChunks(consents, 1000, (chunk) => tx.memberConsent.createMany({ data: chunk }));
    for (const c of consents) audit.push(consentAuditEntry({ ...c, recordedAt: new Date() }));
    for (const r of updates) {
      const next = fieldsOf(r);
      // A row that only brings her consent form leaves the member herself as she was.
      if (!changed(r.existing!, next)) {
        progress(1);
        continue;
      }
      await moveHistory(tx, r.existing!, next.groupId, r.status === 'LEFT' ? (r.data.leftAt ?? todayInVietnam()) : todayInVietnam());
      const after = await tx.member.update({ where: { id: r.existing!.id }, data: next });
      audit.push({ action: 'member.update', entity: 'Member', entityId: after.id, before: r.existing, after });
      progress(1);
    }
    await writeAuditMany(tx, auditActorOf(actor), audit);
    return { created: creates.length, updated: updates.length, unchanged: parsed.length - creates.length - updates.length };
  },

  async exportMemberIds(actor) {
    return (await db.member.findMany({ where: exportedMembers(actor), select: { id: true } })).map((m) => m.id);
  },
  exportCount: (actor) => db.member.count({ where: exportedMembers(actor) }),
  async *exportRows(actor) {
    const codes = codeLookup();
    let after: string | undefined;
    for (;;) {
      // Keyset pages in id order; each page's codes and consents in one query each (the units' and
      // groups' codes are remembered: a province's 100,000 members belong to some 4,000 groups).
      const page = await db.member.findMany({
        where: after ? { AND: [exportedMembers(actor), { id: { gt: after } }] } : exportedMembers(actor),
        select: MEMBER_EXPORT_FIELDS,
        orderBy: { id: 'asc' },
        take: EXPORT_PAGE,
      });
      const [consents, units, groups] = await Promise.all([
        consentStates(db, page.map((m) => m.id)),
        codes.units(page.flatMap((m) => (m.chapterId ? [m.orgUnitId, m.chapterId] : [m.orgUnitId]))),
        codes.groups(page.flatMap((m) => (m.groupId ? [m.groupId] : []))),
      ]);
      for (const member of page) {
        const withCodes = {
          ...member,
          orgUnit: { code: units.get(member.orgUnitId)! },
          group: member.groupId ? { code: groups.get(member.groupId)! } : null,
          chapter: member.chapterId ? { code: units.get(member.chapterId)! } : null,
        };
        yield memberExportRow(withCodes, consents.get(member.id));
      }
      if (page.length < EXPORT_PAGE) return;
      after = page.at(-1)!.id;
    }
  },
};

/**
 * The consent dates of each row against her current state (decision 024): a date equal to the
 * consent given now is already recorded; a date before her latest record of the purpose is refused
 * (history runs forwards); anything else is recorded as given on the row's paper form. An empty
 * date records nothing: a file never withdraws a consent.
 */
async function checkConsents(rows: ResolvedMember[], issues: RowIssue[]) {
  const states = await consentStates(db, rows.flatMap((r) => (r.existing ? [r.existing.id] : [])));
  for (const r of rows) {
    const dates = [['LENDING_SAVINGS', 'consentLending', r.data.consentLending], ['BANK_SHARING', 'consentBank', r.data.consentBank]] as const;
    for (const [purpose, column, date] of dates) {
      if (!date) continue;
      const latest = r.existing ? states.get(r.existing.id)![purpose] : null;
      if (latest?.action === 'GIVEN' && latest.date.getTime() === date.getTime()) continue;
      if (latest && date < latest.date) {
        issues.push(issue(r.data.rowNumber, column, 'members.consent.beforeLatestImport', { date: formatDateOnly(latest.date) }));
        continue;
      }
      r.consents.push({ purpose, date });
    }
    if (r.consents.length > 0 && r.action === 'unchanged') r.action = 'update';
  }
}

const consentRecords = (actor: Actor, r: ResolvedMember, memberId: string) =>
  r.consents.map(({ purpose, date }) => ({
    id: randomUUID(), memberId, purpose, action: 'GIVEN' as const, date, method: 'PAPER_FORM' as const, reference: r.data.consentReference!, recordedById: actor.userId,
  }));

/** A group change by import is a transfer; leaving closes the membership; leader roles are cleared. */
async function moveHistory(tx: Tx, existing: Member, nextGroupId: string | null, date: Date) {
  if (existing.groupId === nextGroupId) return;
  if (existing.groupId) {
    await tx.memberGroupHistory.updateMany({ where: { memberId: existing.id, groupId: existing.groupId, toDate: null }, data: { toDate: date } });
    await tx.group.updateMany({ where: { id: existing.groupId, leaderId: existing.id }, data: { leaderId: null } });
    await tx.group.updateMany({ where: { id: existing.groupId, deputyId: existing.id }, data: { deputyId: null } });
  }
  if (nextGroupId) {
    await tx.memberGroupHistory.create({ data: { memberId: existing.id, groupId: nextGroupId, fromDate: date, reason: existing.groupId ? 'TRANSFER' : 'JOIN' } });
  }
}

/** A file cannot move or remove a member who has an open loan in her group (the app can, explicitly). */
async function checkOpenLoans(rows: ResolvedMember[], issues: RowIssue[]) {
  const moving = rows.filter((r) => r.existing?.status === 'ACTIVE' && r.existing.groupId && (r.status === 'LEFT' || r.groupId !== r.existing.groupId));
  if (moving.length === 0) return;
  const loans = await db.loan.findMany({
    where: { memberId: { in: moving.map((r) => r.existing!.id) }, status: { in: [...OPEN_LOAN_STATUSES] } },
    select: { memberId: true, groupId: true },
  });
  for (const r of moving) {
    if (loans.some((l) => l.memberId === r.existing!.id && l.groupId === r.existing!.groupId)) issues.push(issue(r.data.rowNumber, 'groupCode', 'imports.rows.openLoans'));
  }
}

/** Net change of active members per group that the rows make, and the rows adding to each. */
function groupChanges(rows: ResolvedMember[]) {
  const change = new Map<string, number>();
  const adding = new Map<string, ResolvedMember[]>();
  for (const r of rows) {
    const before = r.existing?.status === 'ACTIVE' ? r.existing.groupId : null;
    const after = r.status === 'ACTIVE' ? r.groupId : null;
    if (before === after) continue;
    if (before) change.set(before, (change.get(before) ?? 0) - 1);
    if (after) {
      change.set(after, (change.get(after) ?? 0) + 1);
      adding.set(after, [...(adding.get(after) ?? []), r]);
    }
  }
  return { change, adding };
}

/** After the import, no group may exceed its maximum: the rows that would overfill it are named. */
async function checkGroupCapacity(rows: ResolvedMember[], issues: RowIssue[]) {
  const { change, adding } = groupChanges(rows);
  for (const { group, after, max } of await groupRoom(db, change, { lock: false })) {
    if (after <= max) continue;
    for (const r of adding.get(group.id) ?? []) issues.push(issue(r.data.rowNumber, 'groupCode', 'imports.rows.groupFull', { code: group.code, max, total: after }));
  }
}

/**
 * The same rule again inside the import's transaction, with the groups locked: a member added by
 * hand between the check and the writing cannot take a group past its maximum.
 */
async function assertGroupCapacityLocked(tx: Tx, rows: ResolvedMember[]) {
  for (const { group, count, after, max } of await groupRoom(tx, groupChanges(rows).change, { lock: true })) {
    if (after > max) throw new AppError('CONFLICT', 'groups.full', { code: group.code, max, count });
  }
}
