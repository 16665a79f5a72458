import type { Actor } from '@/lib/auth/actor';
import { column, text, XLSX } from '@/lib/fees/export';
import type { PeriodInUnitInput } from '@/lib/fees/schemas';
import type { TableSpec } from '@/lib/imports/types';
import { writeXlsx } from '@/lib/imports/write-xlsx';
import { allowanceStatement } from './allowances';

const ALLOWANCES: TableSpec = {
  kind: 'Bảng kê phụ cấp Quỹ quay vòng',
  columns: [
    column('group', 'Mã tổ/nhóm'), column('groupName', 'Tên tổ/nhóm'), column('leader', 'Tổ trưởng'), column('members', 'Số thành viên (cuối kỳ)'),
    column('interest', 'Lãi thu được'), column('allowances', 'Trích phụ cấp'), column('unionOfficers', 'Phụ cấp cán bộ Hội'),
    column('groupOfficers', 'Phụ cấp cán bộ tổ/nhóm'), column('retained', 'Để lại Quỹ'),
  ],
};

/** The revolving fund's allowance statement for a month or quarter as XLSX, a row per group and a totals row. */
export async function exportAllowanceStatement(actor: Actor, input: PeriodInUnitInput) {
  const s = await allowanceStatement(actor, input);
  const rows = s.byGroup.map((g) => text({
    group: g.group.code, groupName: g.group.name, leader: g.group.leader?.fullName ?? '', members: g.months.at(-1)?.members ?? 0,
    interest: g.interest, allowances: g.allowances, unionOfficers: g.unionOfficers, groupOfficers: g.groupOfficers, retained: g.retained,
  }));
  const t = s.totals;
  rows.push(text({ group: 'Tổng cộng', groupName: '', leader: '', members: '', interest: t.interest, allowances: t.allowances, unionOfficers: t.unionOfficers, groupOfficers: t.groupOfficers, retained: t.retained }));
  const period = s.fromMonth === s.toMonth ? s.fromMonth : `${s.fromMonth}_${s.toMonth}`;
  return { stream: writeXlsx(ALLOWANCES, rows, { sheetName: `Phụ cấp ${period}` }), fileName: `phu-cap-qqv-${s.orgUnit.code}-${period}.xlsx`, contentType: XLSX };
}
