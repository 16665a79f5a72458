import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { auditActorOf, writeAuditMany, type AuditEntry } from '@/lib/audit';
import { db, type OrgLevel, type OrgUnit } from '@/lib/db';
import { LEVEL_DEPTH, mayBeChildOf } from '@/lib/org/levels';
import type { TableRow, TableSpec } from '../types';
import { issue, type ImportKind, type RowIssue } from './kind';
import { enumReader, LABELS } from './labels';

export const ORG_UNIT_SPEC: TableSpec = {
  kind: 'Danh sách đơn vị Hội',
  columns: [
    { key: 'code', header: 'Mã đơn vị', required: true, description: 'Duy nhất; dùng để nhận ra đơn vị khi nhập lại.', example: 'ND-YY-YK' },
    { key: 'name', header: 'Tên đơn vị', required: true, description: 'Tên đầy đủ.', example: 'Hội LHPN xã Yên Khang' },
    { key: 'level', header: 'Cấp', required: true, description: `Một trong: ${Object.values(LABELS.level).join(', ')}.`, example: LABELS.level.COMMUNE! },
    { key: 'parentCode', header: 'Mã đơn vị cấp trên', description: 'Để trống cho cấp tỉnh: tỉnh thuộc Trung ương Hội (nếu có). Xã/phường thuộc tỉnh (từ 01/07/2025) hoặc huyện (trước đó).', example: 'ND-YY' },
    { key: 'status', header: 'Trạng thái', description: 'Chỉ để xem: ngừng hoạt động làm trong phần mềm.', example: 'Đang hoạt động' },
  ],
};

const readLevel = enumReader<OrgLevel>(LABELS.level);
const STATUS = { true: 'Đang hoạt động', false: 'Ngừng hoạt động' };
const DEPTH = LEVEL_DEPTH;

interface ParsedUnit {
  rowNumber: number;
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
  existing: OrgUnit | null;
  action: 'create' | 'update' | 'unchanged';
}

async function validate(actor: Actor, rows: TableRow[]) {
  const issues: RowIssue[] = [];
  const codes = [...new Set(rows.flatMap((r) => [r.values.code, r.values.parentCode].map((c) => c.toUpperCase()).filter(Boolean)))];
  const known = new Map((await db.orgUnit.findMany({ where: { code: { in: codes }, ...orgUnitScope(actor) } })).map((u) => [u.code, u]));
  const taken = new Set((await db.orgUnit.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((u) => u.code));
  // Parent codes of existing units, even above the actor's scope (their own unit's parent).
  const parentIds = [...known.values()].flatMap((u) => (u.parentId ? [u.parentId] : []));
  const parentUnits = await db.orgUnit.findMany({ where: { id: { in: parentIds } }, select: { id: true, code: true } });
  const parentCodeById = new Map(parentUnits.map((u) => [u.id, u.code]));
  const centralUnit = await db.orgUnit.findFirst({ where: { level: 'CENTRAL', active: true, ...orgUnitScope(actor) } });
  const inFile = new Map<string, { level: OrgLevel; rowNumber: number }>();
  const parsed: ParsedUnit[] = [];
  for (const { rowNumber, values: v } of rows) {
    const code = v.code.toUpperCase();
    const level = v.level ? readLevel(v.level) : null;
    if (code && level) {
      const first = inFile.get(code);
      if (first) issues.push(issue(rowNumber, 'code', 'imports.rows.duplicateInFile', { row: first.rowNumber }));
      else inFile.set(code, { level, rowNumber });
    }
  }
  for (const { rowNumber, values: v } of rows) {
    const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(rowNumber, column, key, params));
    const before = issues.length;
    for (const column of ['code', 'name', 'level']) if (!v[column]) at(column, 'validation.required', { field: column });
    const code = v.code.toUpperCase();
    if (code && !/^[A-Z0-9][A-Z0-9_-]{1,29}$/.test(code)) at('code', 'validation.orgCode', { field: 'code' });
    const level = v.level ? readLevel(v.level) : null;
    if (v.level && !level) at('level', 'validation.invalid', { field: 'level' });
    const existing = known.get(code) ?? null;
    if (!existing && taken.has(code)) at('code', 'org.codeTaken', { code });
    const parentCode = v.parentCode.toUpperCase() || null;
    if (existing) {
      const currentParent = existing.parentId ? parentCodeById.get(existing.parentId) ?? null : null;
      if (level && level !== existing.level) at('level', 'imports.rows.levelReadOnly');
      if (parentCode !== currentParent && !(parentCode === null && existing.level === 'PROVINCE')) at('parentCode', 'imports.rows.parentReadOnly');
    } else if (level) {
      // A province without a parent hangs under the central unit (or is a root where there is none).
      const parentLevel = parentCode ? (known.get(parentCode)?.level ?? inFile.get(parentCode)?.level) : null;
      if (!parentCode && level === 'PROVINCE') {
        // A new province goes under the central unit: without one in scope it would be a tree of its own, out of reach.
        if (!centralUnit) at('parentCode', 'imports.rows.unknownParent', { code: '' });
      } else if (!parentCode || !parentLevel) at('parentCode', 'imports.rows.unknownParent', { code: parentCode ?? '' });
      else if (known.get(parentCode)?.active === false) at('parentCode', 'org.parentInactive');
      else if (!mayBeChildOf(level, parentLevel)) at('level', 'org.wrongParentLevel');
    }
    if (v.status && v.status !== STATUS[String(existing?.active ?? true) as 'true' | 'false']) at('status', 'imports.rows.statusReadOnly');
    if (issues.length > before) continue;
    const action = !existing ? 'create' : existing.name === v.name ? 'unchanged' : 'update';
    parsed.push({ rowNumber, code, name: v.name, level: level!, parentCode, existing, action });
  }
  parsed.sort((a, b) => DEPTH[a.level] - DEPTH[b.level]);
  return { parsed, issues };
}

export const orgUnitsKind: ImportKind<ParsedUnit> = {
  name: 'org-units',
  spec: ORG_UNIT_SPEC,
  permission: 'org:manage',
  validate,
  async apply(actor, tx, parsed, progress) {
    const audit: AuditEntry[] = [];
    const byCode = new Map<string, { id: string; path: string }>();
    const parents = await tx.orgUnit.findMany({ where: { code: { in: parsed.flatMap((p) => (p.parentCode ? [p.parentCode] : [])) } } });
    for (const unit of parents) byCode.set(unit.code, unit);
    const central = await tx.orgUnit.findFirst({ where: { level: 'CENTRAL', active: true, path: { startsWith: actor.orgUnitPath } } });
    for (const row of parsed) {
      if (row.action === 'create') {
        const parent = row.parentCode ? byCode.get(row.parentCode)! : central;
        const id = randomUUID();
        const unit = await tx.orgUnit.create({ data: { id, code: row.code, name: row.name, level: row.level, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` } });
        byCode.set(unit.code, unit);
        audit.push({ action: 'orgUnit.create', entity: 'OrgUnit', entityId: id, after: unit });
      } else if (row.action === 'update') {
        const unit = await tx.orgUnit.update({ where: { id: row.existing!.id }, data: { name: row.name } });
        audit.push({ action: 'orgUnit.rename', entity: 'OrgUnit', entityId: unit.id, before: row.existing, after: unit });
      }
      progress(1);
    }
    await writeAuditMany(tx, auditActorOf(actor), audit);
    const created = parsed.filter((p) => p.action === 'create').length;
    const updated = parsed.filter((p) => p.action === 'update').length;
    return { created, updated, unchanged: parsed.length - created - updated };
  },
  exportCount: (actor) => db.orgUnit.count({ where: orgUnitScope(actor) }),
  async *exportRows(actor) {
    const units = await db.orgUnit.findMany({ where: orgUnitScope(actor), include: { parent: { select: { code: true } } } });
    units.sort((a, b) => DEPTH[a.level] - DEPTH[b.level] || a.code.localeCompare(b.code));
    for (const u of units) {
      yield { code: u.code, name: u.name, level: LABELS.level[u.level]!, parentCode: u.parent?.code ?? '', status: STATUS[String(u.active) as 'true' | 'false'] };
    }
  },
};
