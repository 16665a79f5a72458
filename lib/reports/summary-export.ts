import type { Actor } from '@/lib/auth/actor';
import { formatDateOnly, parseDateOnly } from '@/lib/calendar/date-only';
import { formatTimeDate } from '@/lib/i18n/format';
import type { TableSpec } from '@/lib/imports/types';
import type { CsvDelimiter } from '@/lib/imports/csv';
import { writeCsv } from '@/lib/imports/write-csv';
import { writeXlsx } from '@/lib/imports/write-xlsx';
import type { SummaryInput } from './schemas';
import { summaryReport, type SummaryReport } from './summary';

const SPEC: TableSpec = {
  kind: 'Báo cáo tổng hợp',
  columns: [
    { key: 'section', header: 'Mục', description: '', example: '' },
    { key: 'item', header: 'Chỉ tiêu', description: '', example: '' },
    { key: 'value', header: 'Giá trị', description: '', example: '' },
  ],
};

const ratio = (r: number | null) => (r === null ? '' : String(r));

/**
 * The summary as rows "section · item · value": every figure of the JSON, amounts in whole đồng,
 * ratios as decimals, so the workbook, the CSV and the API say exactly the same.
 */
export function summaryRows(r: SummaryReport): Record<string, string>[] {
  const rows: [string, string, string | number | bigint | null][] = [
    ['Phạm vi', 'Đơn vị', `${r.orgUnit.name} (${r.orgUnit.code})`],
    ['Phạm vi', 'Từ ngày', r.from],
    ['Phạm vi', 'Đến ngày', r.to],
    // Read from a replica that is behind (decision 021): when the figures are complete up to.
    ...(r.asOf ? [['Phạm vi', 'Số liệu tính đến', formatTimeDate(r.asOf)] as [string, string, string]] : []),
    ['Phạm vi', 'Chương trình', r.filters.programme ?? 'Tất cả'],
    ['Phạm vi', 'Nguồn vốn', r.filters.fundSource ?? 'Tất cả'],
    ...(r.restated?.events ?? []).map((e): [string, string, string] => [
      'Ghi chú', 'Sắp xếp đơn vị trong kỳ',
      `${e.decisionNo}, hiệu lực ${formatDateOnly(parseDateOnly(e.effectiveOn)!)}: số liệu trước ngày này tính lại theo đơn vị hiện nay (${e.communesMerged} xã/phường cũ → ${e.communesInto} xã/phường)`,
    ]),
    ['Giải ngân', 'Số tiền', r.disbursed.amount],
    ['Giải ngân', 'Số người vay', r.disbursed.borrowers],
    ['Giải ngân', 'Số món vay', r.disbursed.loans],
    ['Thu nợ gốc', 'Số tiền', r.principalRepaid.amount],
    ['Thu lãi', 'Số tiền', r.interestCollected.amount],
    ['Dư nợ đầu kỳ', 'Số tiền', r.outstanding.start.amount],
    ['Dư nợ đầu kỳ', 'Số hộ còn dư nợ', r.outstanding.start.borrowers],
    ['Dư nợ cuối kỳ', 'Số tiền', r.outstanding.end.amount],
    ['Dư nợ cuối kỳ', 'Số hộ còn dư nợ', r.outstanding.end.borrowers],
    ['Dư nợ', 'Tăng trưởng trong kỳ', r.outstanding.growth],
    ['Nợ quá hạn', 'Số tiền', r.overdue.amount],
    ['Nợ quá hạn', 'Tỷ lệ trên dư nợ', ratio(r.overdue.ratio)],
    ...r.overdue.buckets.map((b): [string, string, string] => ['Nợ quá hạn', `${b.fromDays}–${b.toDays ?? ''} ngày: số tiền / số món`, `${b.amount} / ${b.loans}`]),
    ['Tiết kiệm', 'Số dư', r.savings.balance],
    ['Tiết kiệm', 'Số sổ', r.savings.accounts],
    ['Tiết kiệm', 'Số người gửi', r.savings.participants],
    ['Tiết kiệm', 'Số hội viên', r.savings.unionMembers],
    ['Tiết kiệm', 'Tỷ lệ tham gia', ratio(r.savings.participationRatio)],
    ['Tổ', 'Đang hoạt động', r.groups.active],
    ['Tổ', 'Cần kiện toàn', r.groups.toConsolidate],
    ['Tổ', 'Còn dư nợ', r.groups.withOutstanding],
    ['Xã/phường', 'Đang triển khai', r.communes.active],
    ['Xã/phường', 'Đã tất toán', r.communes.settled],
    ...(r.bankShare
      ? ([
          ['Thị phần', `Dư nợ NHCSXH trên địa bàn (tháng ${r.bankShare.month})`, r.bankShare.bankOutstanding],
          ['Thị phần', 'Dư nợ ủy thác qua Hội', r.bankShare.unionOutstanding],
          ['Thị phần', 'Tỷ lệ', ratio(r.bankShare.ratio)],
        ] as [string, string, bigint | string][])
      : []),
    ...r.byProgramme.flatMap((p): [string, string, bigint][] => [
      [`Chương trình ${p.code}`, 'Giải ngân', p.disbursed],
      [`Chương trình ${p.code}`, 'Dư nợ', p.outstanding],
    ]),
    ...r.byChild.flatMap((c): [string, string, bigint | number][] => [
      [`${c.orgUnit.name} (${c.orgUnit.code})`, 'Giải ngân', c.disbursed],
      [`${c.orgUnit.name} (${c.orgUnit.code})`, 'Dư nợ', c.outstanding],
      [`${c.orgUnit.name} (${c.orgUnit.code})`, 'Số tổ', c.groups],
    ]),
  ];
  return rows.map(([section, item, value]) => ({ section, item, value: value === null ? '' : String(value) }));
}

/** The summary as XLSX or CSV. */
export async function exportSummary(actor: Actor, input: SummaryInput, format: 'xlsx' | 'csv', delimiter: CsvDelimiter = ',') {
  const report = await summaryReport(actor, input);
  const rows = summaryRows(report);
  const name = `bao-cao-tong-hop-${report.orgUnit.code}-${report.from}-${report.to}`;
  return format === 'csv'
    ? { stream: writeCsv(SPEC, rows, delimiter), fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8' }
    : { stream: writeXlsx(SPEC, rows, { sheetName: 'Tổng hợp' }), fileName: `${name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
