import type { Actor } from '@/lib/auth/actor';
import type { TableSpec } from '@/lib/imports/types';
import { writeXlsx } from '@/lib/imports/write-xlsx';
import type { MonthInUnitInput } from './schemas';
import { feeStatement } from './statements';

export const column = (key: string, header: string) => ({ key, header, description: '', example: '' });
export const text = (row: Record<string, string | bigint | number>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COMMUNES: TableSpec = {
  kind: 'Bảng kê phí ủy thác',
  columns: [
    column('commune', 'Xã/phường'), column('interest', 'Lãi thu được'), column('outstanding', 'Dư nợ cuối tháng'), column('fee', 'Phí ủy thác'),
    column('difference', 'Chênh lệch so với lần tính trước'), column('communeShare', 'Phần Hội xã'), column('districtShare', 'Phần Hội huyện'),
    column('provinceShare', 'Phần Hội tỉnh'), column('commission', 'Hoa hồng tổ trưởng'),
  ],
};

const LEADERS: TableSpec = {
  kind: 'Bảng kê hoa hồng tổ trưởng',
  columns: [
    column('group', 'Mã tổ'), column('groupName', 'Tên tổ'), column('leader', 'Tổ trưởng'), column('commune', 'Xã/phường'),
    column('interest', 'Lãi thu được'), column('commission', 'Hoa hồng'), column('difference', 'Chênh lệch so với lần tính trước'),
  ],
};

/** A month's fee statement as XLSX: the commune unions' fees (`communes`) or the group leaders' commissions (`leaders`), with a totals row. */
export async function exportFeeStatement(actor: Actor, input: MonthInUnitInput, view: 'communes' | 'leaders') {
  const s = await feeStatement(actor, input);
  const fileName = `${view === 'communes' ? 'phi-uy-thac' : 'hoa-hong'}-${s.orgUnit.code}-${s.month}.xlsx`;
  if (view === 'leaders') {
    const rows = s.byGroupLeader.map((g) => text({ group: g.group.code, groupName: g.group.name, leader: g.group.leader?.fullName ?? '', commune: g.orgUnit.name, interest: g.interestCollected, commission: g.commission, difference: g.difference }));
    rows.push(text({ group: 'Tổng cộng', groupName: '', leader: '', commune: '', interest: s.totals.interestCollected, commission: s.totals.commission, difference: s.byGroupLeader.reduce((a, g) => a + g.difference, 0n) }));
    return { stream: writeXlsx(LEADERS, rows, { sheetName: `Hoa hồng ${s.month}` }), fileName, contentType: XLSX };
  }
  const rows = s.byCommune.map((c) => text({
    commune: c.orgUnit.name, interest: c.interestCollected, outstanding: c.outstandingEnd, fee: c.fee, difference: c.difference,
    communeShare: c.shares.commune, districtShare: c.shares.district, provinceShare: c.shares.province, commission: c.commission,
  }));
  rows.push(text({
    commune: 'Tổng cộng', interest: s.totals.interestCollected, outstanding: s.totals.outstandingEnd, fee: s.totals.fee, difference: s.byCommune.reduce((a, c) => a + c.difference, 0n),
    communeShare: s.totals.shares.commune, districtShare: s.totals.shares.district, provinceShare: s.totals.shares.province, commission: s.totals.commission,
  }));
  return { stream: writeXlsx(COMMUNES, rows, { sheetName: `Phí ủy thác ${s.month}` }), fileName, contentType: XLSX };
}
