import type { Actor } from '@/lib/auth/actor';
import { formatDateOnly, parseDateOnly } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { applyInTransaction, planReorganisation, previewOf, reorganisationSchema, type ReorganisationPreview } from '@/lib/org/reorganisation';
import { foldVietnamese } from '../normalize';
import type { TableRow, TableSpec } from '../types';
import { issue, type ImportKind, type RowIssue } from './kind';

// The official lists of a reorganisation, as a file: one row per old unit, with its successor and
// the decision. A province's whole change (districts ended, communes merged) is one file and one
// event; the dry run shows, per successor, what moves to it; applying is all-or-nothing.

export const REORGANISATION_SPEC: TableSpec = {
  kind: 'Danh sách sắp xếp đơn vị',
  columns: [
    { key: 'oldCode', header: 'Mã đơn vị cũ', required: true, description: 'Đơn vị kết thúc (tỉnh, huyện, xã/phường); chi hội đi theo xã.', example: 'ND-YY-YK' },
    { key: 'newCode', header: 'Mã đơn vị mới', required: true, description: 'Đơn vị kế thừa: mã mới (tạo đơn vị mới) hoặc mã một đơn vị đang có (sáp nhập vào đó). Bằng mã cũ: chỉ đổi tên.', example: 'NB-YD' },
    { key: 'newName', header: 'Tên đơn vị mới', required: true, description: 'Tên đầy đủ của đơn vị kế thừa (đơn vị đang có: đúng tên hiện tại).', example: 'Hội LHPN xã Yên Đồng' },
    { key: 'newParentCode', header: 'Mã đơn vị cấp trên mới', description: 'Để trống: đơn vị kế thừa của cấp trên cũ (huyện kết thúc → tỉnh).', example: 'NB' },
    { key: 'effectiveOn', header: 'Ngày hiệu lực', required: true, description: 'dd/mm/yyyy, giống nhau ở mọi dòng.', example: '01/07/2025' },
    { key: 'decisionNo', header: 'Số quyết định', required: true, description: 'Nghị quyết/quyết định sắp xếp, giống nhau ở mọi dòng.', example: '1234/NQ-UBTVQH15' },
    { key: 'decisionDate', header: 'Ngày quyết định', required: true, description: 'dd/mm/yyyy, giống nhau ở mọi dòng.', example: '16/06/2025' },
    { key: 'funds', header: 'Quỹ quay vòng', description: 'Khi hợp nhất tỉnh: "Gộp" (mặc định) thành một quỹ, hoặc "Giữ riêng" quỹ của từng tỉnh cũ; giống nhau ở mọi dòng (hoặc để trống).', example: 'Giữ riêng' },
    { key: 'users', header: 'Tài khoản', description: '"Chuyển" (mặc định): tài khoản của đơn vị cũ chuyển sang đơn vị kế thừa; "Ngừng": ngừng sử dụng.', example: 'Chuyển' },
  ],
};

const USERS: Record<string, 'MOVE' | 'DEACTIVATE'> = { '': 'MOVE', chuyen: 'MOVE', move: 'MOVE', ngung: 'DEACTIVATE', deactivate: 'DEACTIVATE' };
const FUNDS: Record<string, 'JOINED' | 'SEPARATE'> = { '': 'JOINED', gop: 'JOINED', 'gop chung': 'JOINED', joined: 'JOINED', 'giu rieng': 'SEPARATE', separate: 'SEPARATE' };
const EVENT_COLUMNS = ['effectiveOn', 'decisionNo', 'decisionDate'] as const;

interface ParsedEvent {
  action: 'update';
  data: ReturnType<typeof reorganisationSchema.parse>;
  preview: ReorganisationPreview;
}

async function validate(actor: Actor, rows: TableRow[]): Promise<{ parsed: ParsedEvent[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const first = rows[0]?.values;
  for (const { rowNumber, values: v } of rows) {
    for (const column of ['oldCode', 'newCode', 'newName', ...EVENT_COLUMNS]) if (!v[column]) issues.push(issue(rowNumber, column, 'validation.required', { field: column }));
    for (const column of ['effectiveOn', 'decisionDate'] as const) if (v[column] && !parseDateOnly(v[column])) issues.push(issue(rowNumber, column, 'validation.date', { field: column }));
    for (const column of EVENT_COLUMNS) if (first && v[column] && first[column] && v[column] !== first[column]) issues.push(issue(rowNumber, column, 'imports.rows.sameInEveryRow', { value: first[column] }));
    if (!(foldVietnamese(v.users ?? '') in USERS)) issues.push(issue(rowNumber, 'users', 'validation.invalid', { field: 'users' }));
    if (!(foldVietnamese(v.funds ?? '') in FUNDS)) issues.push(issue(rowNumber, 'funds', 'validation.invalid', { field: 'funds' }));
  }
  // The funds choice is the event's: given on one row or on every row, the same.
  const fundsOf = (v: Record<string, string>) => (v.funds ? FUNDS[foldVietnamese(v.funds)] : undefined);
  const firstFunds = rows.find(({ values: v }) => fundsOf(v));
  for (const { rowNumber, values: v } of rows) {
    if (firstFunds && fundsOf(v) && fundsOf(v) !== fundsOf(firstFunds.values)) issues.push(issue(rowNumber, 'funds', 'imports.rows.sameInEveryRow', { value: firstFunds.values.funds! }));
  }
  if (issues.length > 0 || !first) return { parsed: [], issues };
  const input = {
    decisionNo: first.decisionNo, decisionDate: first.decisionDate, effectiveOn: first.effectiveOn, funds: firstFunds ? fundsOf(firstFunds.values) : 'JOINED',
    rows: rows.map(({ rowNumber, values: v }) => ({ oldCode: v.oldCode, newCode: v.newCode, newName: v.newName, newParentCode: v.newParentCode, users: USERS[foldVietnamese(v.users ?? '')], row: rowNumber })),
  };
  const checked = reorganisationSchema.safeParse(input);
  if (!checked.success) {
    for (const problem of checked.error.issues) {
      const [where, index, column] = problem.path as [string, number | undefined, string | undefined];
      const rowNumber = where === 'rows' && index !== undefined ? rows[index]!.rowNumber : first ? rows[0]!.rowNumber : 2;
      issues.push(issue(rowNumber, (column ?? where) as string, problem.message, { field: (column ?? where) as string }));
    }
    return { parsed: [], issues };
  }
  const plan = await planReorganisation(db, actor, checked.data);
  if (plan.issues.length > 0) return { parsed: [], issues: plan.issues };
  return { parsed: [{ action: 'update', data: checked.data, preview: previewOf(plan) }], issues: [] };
}

export const reorganisationKind: ImportKind<ParsedEvent> = {
  name: 'reorganisation',
  spec: REORGANISATION_SPEC,
  permission: 'org:reorganise',
  validate,
  async apply(actor, tx, parsed, progress) {
    const applied = await applyInTransaction(tx, actor, parsed[0]!.data);
    progress(applied.ended.length + applied.renamed.length);
    return { created: applied.successors.filter((s) => s.created).length, updated: applied.ended.length + applied.renamed.length, unchanged: 0 };
  },
  describe: (parsed) => parsed[0]?.preview,
  /** The reorganisations applied in scope, as they were imported. */
  exportCount: (actor) => db.reorgChange.count({ where: { toUnit: { path: { startsWith: actor.orgUnitPath } } } }),
  async *exportRows(actor) {
    const changes = await db.reorgChange.findMany({
      where: { toUnit: { path: { startsWith: actor.orgUnitPath } } },
      include: { fromUnit: true, toUnit: { include: { parent: { select: { code: true } } } }, reorganisation: true },
      orderBy: [{ reorganisation: { effectiveOn: 'asc' } }, { id: 'asc' }],
    });
    for (const c of changes) {
      yield {
        oldCode: c.fromUnit.code, newCode: c.toUnit.code, newName: c.toUnit.name, newParentCode: c.toUnit.parent?.code ?? '',
        effectiveOn: formatDateOnly(c.reorganisation.effectiveOn), decisionNo: c.reorganisation.decisionNo,
        decisionDate: formatDateOnly(c.reorganisation.decisionDate),
        funds: c.reorganisation.funds === 'SEPARATE' ? 'Giữ riêng' : 'Gộp',
        users: c.users === 'DEACTIVATE' ? 'Ngừng' : 'Chuyển',
      };
    }
  },
};
