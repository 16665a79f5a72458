import type { Actor } from '@/lib/auth/actor';
import { readPastDate } from '@/lib/groups/schemas';
import { groupWhere } from '@/lib/auth/business';
import { orgUnitScope } from '@/lib/auth/scope';
import { auditActorOf, writeAuditMany, type AuditEntry } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db, type Group, type ProgrammeKind } from '@/lib/db';
import type { TableRow, TableSpec } from '../types';
import { maskPersonalData } from '@/lib/members/pii';
import { issue, type ImportKind, type RowIssue } from './kind';
import { enumReader, LABELS, readProgrammeKind } from './labels';

export const GROUP_SPEC: TableSpec = {
  kind: 'Danh sách tổ vay vốn',
  columns: [
    { key: 'communeCode', header: 'Mã xã/phường', required: true, description: 'Mã đơn vị Hội xã/phường của tổ.', example: 'ND-YY-YK' },
    { key: 'code', header: 'Mã tổ', required: true, description: 'Duy nhất trong xã; dùng để nhận ra tổ khi nhập lại.', example: 'TK-01' },
    { key: 'name', header: 'Tên tổ', required: true, description: 'Tên tổ/nhóm.', example: 'Tổ TK&VV xóm 1' },
    { key: 'programmeKind', header: 'Chương trình', required: true, description: `Một trong: ${Object.values(LABELS.programmeKind).join(', ')}.`, example: LABELS.programmeKind.VBSP! },
    { key: 'chapterCode', header: 'Mã chi hội', description: 'Mã chi hội của xã; để trống nếu không có.', example: 'ND-YY-YK-CH1' },
    { key: 'meetingDay', header: 'Ngày họp', description: 'Ngày trong tháng (1–31).', example: '15' },
    { key: 'foundingDecisionNo', header: 'Số QĐ thành lập', description: 'Số quyết định thành lập.', example: '12/QĐ-UBND' },
    { key: 'foundingDecisionDate', header: 'Ngày QĐ thành lập', description: 'dd/mm/yyyy.', example: '01/03/2020' },
    { key: 'status', header: 'Trạng thái', description: 'Chỉ để xem: sáp nhập, giải thể làm trong phần mềm.', example: LABELS.groupStatus.ACTIVE! },
    { key: 'leaderNationalId', header: 'CCCD tổ trưởng', description: 'Số CCCD của tổ trưởng, một thành viên đang sinh hoạt trong tổ (nhập thành viên trước); để trống: giữ nguyên.', example: '036180000123' },
    { key: 'deputyNationalId', header: 'CCCD tổ phó', description: 'Số CCCD của tổ phó (khác tổ trưởng); để trống: giữ nguyên.', example: '036180000456' },
  ],
};

const readGroupStatus = enumReader<Group['status']>(LABELS.groupStatus);

interface ParsedGroup {
  rowNumber: number;
  orgUnitId: string;
  fields: {
    code: string; name: string; programmeKind: ProgrammeKind; chapterId: string | null; meetingDay: number | null;
    foundingDecisionNo: string | null; foundingDecisionDate: Date | null;
    /** Given only when the row names them (an empty cell keeps the group's). */
    leaderId?: string; deputyId?: string;
  };
  existing: Group | null;
  action: 'create' | 'update' | 'unchanged';
}

function sameFields(existing: Group, fields: ParsedGroup['fields']): boolean {
  return (Object.keys(fields) as (keyof typeof fields)[]).every((k) => {
    const a = existing[k];
    const b = fields[k];
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : a === b;
  });
}

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const communes = await db.orgUnit.findMany({ where: { level: 'COMMUNE', code: { in: [...new Set(rows.map((r) => r.values.communeCode.toUpperCase()))] }, ...orgUnitScope(actor) } });
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const ids = communes.map((c) => c.id);
  const officerIds = [...new Set(rows.flatMap((r) => [r.values.leaderNationalId, r.values.deputyNationalId]).filter(Boolean))];
  const [chapters, groups, officers] = await Promise.all([
    db.orgUnit.findMany({ where: { parentId: { in: ids }, level: 'CHAPTER' } }),
    db.group.findMany({ where: { orgUnitId: { in: ids } } }),
    officerIds.length ? db.member.findMany({ where: { activeNationalId: { in: officerIds }, orgUnitId: { in: ids }, status: 'ACTIVE' } }) : Promise.resolve([]),
  ]);
  const officerByCccd = new Map(officers.map((m) => [m.activeNationalId!, m]));
  const chapterByKey = new Map(chapters.map((c) => [`${c.parentId}|${c.code}`, c]));
  const groupByKey = new Map(groups.map((g) => [`${g.orgUnitId}|${g.code}`, g]));
  const seen = new Map<string, number>();
  const parsed: ParsedGroup[] = [];
  for (const { rowNumber, values: v } of rows) {
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(rowNumber, column, key, params));
    const before = issues.length;
    for (const column of ['communeCode', 'code', 'name', 'programmeKind']) if (!v[column]) at(column, 'validation.required', { field: column });
    const commune = v.communeCode ? communeByCode.get(v.communeCode.toUpperCase()) : undefined;
    if (v.communeCode && !commune) at('communeCode', 'imports.rows.unknownCommune', { code: v.communeCode });
    if (commune && !commune.active) at('communeCode', 'users.unitInactive');
    if (v.name.length > 200) at('name', 'validation.tooBig', { field: 'name', max: 200 });
    if (v.foundingDecisionNo.length > 60) at('foundingDecisionNo', 'validation.tooBig', { field: 'foundingDecisionNo', max: 60 });
    const code = v.code.toUpperCase();
    if (code && !/^[A-Z0-9][A-Z0-9._-]{0,29}$/.test(code)) at('code', 'validation.groupCode', { field: 'code' });
    const kind = v.programmeKind ? readProgrammeKind(v.programmeKind) : null;
    if (v.programmeKind && !kind) at('programmeKind', 'validation.invalid', { field: 'programmeKind' });
    const meetingDay = v.meetingDay ? Number(v.meetingDay) : null;
    if (meetingDay !== null && !(Number.isInteger(meetingDay) && meetingDay >= 1 && meetingDay <= 31)) at('meetingDay', 'validation.invalid', { field: 'meetingDay' });
    const founded = readPastDate(v.foundingDecisionDate);
    if (founded.problem) at('foundingDecisionDate', founded.problem.key, { field: 'foundingDecisionDate', ...founded.problem.params });
    const decisionDate = founded.date;
    const chapter = commune && v.chapterCode ? chapterByKey.get(`${commune.id}|${v.chapterCode.toUpperCase()}`) : null;
    if (commune && v.chapterCode && !chapter) at('chapterCode', 'imports.rows.unknownChapter', { code: v.chapterCode });
    if (commune && code) {
      const first = seen.get(`${commune.id}|${code}`);
      if (first) at('code', 'imports.rows.duplicateInFile', { row: first });
      seen.set(`${commune.id}|${code}`, rowNumber);
    }
    const existing = commune ? groupByKey.get(`${commune.id}|${code}`) ?? null : null;
    const status = v.status ? readGroupStatus(v.status) : null;
    if (v.status && status !== (existing?.status ?? 'ACTIVE')) at('status', 'imports.rows.statusReadOnly');
    // The leader and deputy: active members of this group, two different people.
    const officer = (column: 'leaderNationalId' | 'deputyNationalId') => {
      if (!v[column]) return undefined;
      const member = officerByCccd.get(v[column]);
      if (!member || !existing || member.groupId !== existing.id) at(column, 'imports.rows.notGroupMember', { cccd: v[column] });
      return member?.id;
    };
    const leaderId = officer('leaderNationalId');
    const deputyId = officer('deputyNationalId');
    if (leaderId && leaderId === deputyId) at('deputyNationalId', 'groups.leaderIsDeputy');
    if (issues.length > before || !commune) continue;
    const fields = {
      code, name: v.name, programmeKind: kind!, chapterId: chapter?.id ?? null, meetingDay,
      foundingDecisionNo: v.foundingDecisionNo || null, foundingDecisionDate: decisionDate,
      ...(leaderId ? { leaderId } : {}), ...(deputyId ? { deputyId } : {}),
    };
    // A merged or dissolved group keeps its record as it was.
    if (existing && existing.status !== 'ACTIVE' && !sameFields(existing, fields)) {
      at('code', 'groups.notActive', { code });
      continue;
    }
    parsed.push({ rowNumber, orgUnitId: commune.id, fields, existing, action: !existing ? 'create' : sameFields(existing, fields) ? 'unchanged' : 'update' });
  }
  return { parsed, issues };
}

export const groupsKind: ImportKind<ParsedGroup> = {
  name: 'groups',
  spec: GROUP_SPEC,
  permission: 'register:write',
  validate,
  async apply(actor, tx, parsed, progress) {
    const audit: AuditEntry[] = [];
    let created = 0;
    let updated = 0;
    for (const row of parsed) {
      if (row.action === 'create') {
        const group = await tx.group.create({ data: { orgUnitId: row.orgUnitId, ...row.fields } });
        await tx.groupStatusChange.create({ data: { groupId: group.id, status: 'ACTIVE', at: row.fields.foundingDecisionDate ?? todayInVietnam(), reason: row.fields.foundingDecisionNo, actorId: actor.userId } });
        audit.push({ action: 'group.create', entity: 'Group', entityId: group.id, after: group });
        created += 1;
      } else if (row.action === 'update') {
        const group = await tx.group.update({ where: { id: row.existing!.id }, data: row.fields });
        audit.push({ action: 'group.update', entity: 'Group', entityId: group.id, before: row.existing, after: group });
        updated += 1;
      }
      progress(1);
    }
    await writeAuditMany(tx, auditActorOf(actor), audit);
    return { created, updated, unchanged: parsed.length - created - updated };
  },
  async exportMemberIds(actor) {
    const groups = await db.group.findMany({ where: groupWhere(actor), select: { leaderId: true, deputyId: true } });
    return [...new Set(groups.flatMap((g) => [g.leaderId, g.deputyId]).filter((id): id is string => id !== null))];
  },
  exportCount: (actor) => db.group.count({ where: groupWhere(actor) }),
  async *exportRows(actor) {
    const groups = await db.group.findMany({
      where: groupWhere(actor),
      include: {
        orgUnit: { select: { code: true } }, chapter: { select: { code: true } },
        leader: { select: { nationalId: true } }, deputy: { select: { nationalId: true } },
      },
      orderBy: [{ orgUnitId: 'asc' }, { code: 'asc' }],
    });
    for (const g of groups) {
      yield {
        communeCode: g.orgUnit.code,
        code: g.code,
        name: g.name,
        programmeKind: LABELS.programmeKind[g.programmeKind]!,
        chapterCode: g.chapter?.code ?? '',
        meetingDay: g.meetingDay ? String(g.meetingDay) : '',
        foundingDecisionNo: g.foundingDecisionNo ?? '',
        foundingDecisionDate: g.foundingDecisionDate ? formatDateOnly(g.foundingDecisionDate) : '',
        status: LABELS.groupStatus[g.status]!,
        leaderNationalId: g.leader ? maskPersonalData(actor, { nationalId: g.leader.nationalId }).nationalId : '',
        deputyNationalId: g.deputy ? maskPersonalData(actor, { nationalId: g.deputy.nationalId }).nationalId : '',
      };
    }
  },
};
