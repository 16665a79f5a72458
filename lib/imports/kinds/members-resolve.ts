import type { Actor } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { db, type Member, type MemberStatus } from '@/lib/db';
import { issue, type RowIssue } from './kind';
import type { MemberRowData } from './members-columns';
import type { ConsentPurpose } from '@/lib/members/consent';

export interface ResolvedMember {
  data: MemberRowData;
  orgUnitId: string;
  groupId: string | null;
  chapterId: string | null;
  status: MemberStatus;
  /** The member this row describes, found by CCCD in the same commune; null for a new member. */
  existing: Member | null;
  action: 'create' | 'update' | 'unchanged';
  /** Consents to record (given, on the row's paper form): those not already her current state. */
  consents: { purpose: ConsentPurpose; date: Date }[];
}

const unique = <T,>(values: T[]) => [...new Set(values)];

async function findByNationalIds(ids: string[]): Promise<Map<string, Member[]>> {
  const byId = new Map<string, Member[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db.member.findMany({ where: { nationalId: { in: ids.slice(i, i + 5000) } }, orderBy: { createdAt: 'desc' } });
    for (const member of found) byId.set(member.nationalId, [...(byId.get(member.nationalId) ?? []), member]);
  }
  return byId;
}

/**
 * Turns codes into ids (communes in scope, their chapters and groups) and finds each row's
 * existing member by CCCD, with one query per kind of lookup whatever the number of rows.
 */
export async function resolveMemberRows(actor: Actor, rows: MemberRowData[], issues: RowIssue[]): Promise<ResolvedMember[]> {
  const communes = await db.orgUnit.findMany({ where: { code: { in: unique(rows.map((r) => r.communeCode)) }, level: 'COMMUNE', ...orgUnitScope(actor) } });
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const communeIds = communes.map((c) => c.id);
  const [chapters, groups, codeHolders, byNationalId] = await Promise.all([
    db.orgUnit.findMany({ where: { parentId: { in: communeIds }, level: 'CHAPTER' } }),
    db.group.findMany({ where: { orgUnitId: { in: communeIds } } }),
    db.member.findMany({
      where: { orgUnitId: { in: communeIds }, code: { in: unique(rows.flatMap((r) => (r.code ? [r.code] : []))) } },
      select: { id: true, orgUnitId: true, code: true },
    }),
    findByNationalIds(unique(rows.map((r) => r.nationalId))),
  ]);
  const key = (unitId: string, code: string) => `${unitId}|${code}`;
  const chapterByKey = new Map(chapters.map((c) => [key(c.parentId!, c.code), c]));
  const groupByKey = new Map(groups.map((g) => [key(g.orgUnitId, g.code), g]));
  const codeHolderByKey = new Map(codeHolders.map((m) => [key(m.orgUnitId, m.code!), m.id]));
  const seenNationalId = new Map<string, number>();
  const seenCode = new Map<string, number>();

  const resolved: ResolvedMember[] = [];
  for (const data of rows) {
    const at = (column: string, k: string, params: Record<string, string | number> = {}) => issues.push(issue(data.rowNumber, column, k, params));
    const commune = communeByCode.get(data.communeCode);
    if (!commune) {
      at('communeCode', 'imports.rows.unknownCommune', { code: data.communeCode });
      continue;
    }
    if (!commune.active) at('communeCode', 'users.unitInactive');
    // One active row per CCCD; rows of members who left are told apart by their leaving date.
    const identity = data.status === 'ACTIVE' ? data.nationalId : `${data.nationalId}|${data.leftAt?.getTime()}`;
    const firstRow = seenNationalId.get(identity);
    if (firstRow) at('nationalId', 'imports.rows.duplicateInFile', { row: firstRow });
    else seenNationalId.set(identity, data.rowNumber);

    const group = data.groupCode ? groupByKey.get(key(commune.id, data.groupCode)) : null;
    if (data.groupCode && !group) at('groupCode', 'imports.rows.unknownGroup', { code: data.groupCode });
    const chapter = data.chapterCode ? chapterByKey.get(key(commune.id, data.chapterCode)) : null;
    if (data.chapterCode && !chapter) at('chapterCode', 'imports.rows.unknownChapter', { code: data.chapterCode });

    const candidates = byNationalId.get(data.nationalId) ?? [];
    const here = candidates.filter((m) => m.orgUnitId === commune.id);
    // An active row is the active member (a member who left and comes back is a new record); a row
    // of a member who left is the record that left on that date, or the active member leaving now.
    const active = here.find((m) => m.status === 'ACTIVE') ?? null;
    const existing: Member | null =
      data.status === 'ACTIVE' ? active : here.find((m) => m.status === 'LEFT' && m.leftAt?.getTime() === data.leftAt?.getTime()) ?? active;
    if (data.status === 'ACTIVE' && candidates.some((m) => m.status === 'ACTIVE' && m.orgUnitId !== commune.id)) {
      at('nationalId', 'members.nationalIdTaken');
    }
    if (group && group.status !== 'ACTIVE' && data.status === 'ACTIVE' && existing?.groupId !== group.id) {
      at('groupCode', 'groups.notActive', { code: group.code });
    }
    if (data.code) {
      const holder = codeHolderByKey.get(key(commune.id, data.code));
      if (holder && holder !== existing?.id) at('code', 'members.codeTaken', { code: data.code });
      const codeKey = key(commune.id, data.code);
      const firstCodeRow = seenCode.get(codeKey);
      if (firstCodeRow) at('code', 'imports.rows.duplicateInFile', { row: firstCodeRow });
      else seenCode.set(codeKey, data.rowNumber);
    }
    resolved.push({ data, orgUnitId: commune.id, groupId: group?.id ?? null, chapterId: chapter?.id ?? null, status: data.status, existing, action: 'create', consents: [] });
  }
  return resolved;
}
