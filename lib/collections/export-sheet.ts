import type { Actor } from '@/lib/auth/actor';
import type { TableSpec } from '@/lib/imports/types';
import { writeXlsx } from '@/lib/imports/write-xlsx';
import { getCollectionSheet } from './get-collection-sheet';

const SPEC: TableSpec = {
  kind: 'Bảng kê thu (13/TD)',
  columns: [
    { key: 'no', header: 'STT', description: '', example: '' },
    { key: 'name', header: 'Họ và tên', description: '', example: '' },
    { key: 'loans', header: 'Số khoản vay', description: '', example: '' },
    { key: 'interest', header: 'Lãi phải thu', description: '', example: '' },
    { key: 'principal', header: 'Gốc phải thu', description: '', example: '' },
    { key: 'overdue', header: 'Quá hạn', description: '', example: '' },
    { key: 'loanPaid', header: 'Thực thu nợ', description: '', example: '' },
    { key: 'savingsPaid', header: 'Thực thu tiết kiệm', description: '', example: '' },
    { key: 'attended', header: 'Có mặt', description: '', example: '' },
    { key: 'signature', header: 'Ký nhận', description: '', example: '' },
  ],
};

/** The sheet as XLSX in the printed layout: what is due and, once saved, what was collected. */
export async function exportCollectionSheet(actor: Actor, groupId: string, month: string) {
  const sheet = await getCollectionSheet(actor, groupId, month);
  const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);
  const rows = sheet.rows.map((r, i) => ({
    no: String(i + 1),
    name: r.member.fullName,
    loans: r.loans.map((l) => l.number).join(', '),
    interest: sum(r.loans.map((l) => l.interestDue)).toString(),
    principal: sum(r.loans.map((l) => l.principalDue)).toString(),
    overdue: sum(r.loans.map((l) => l.overdue)).toString(),
    loanPaid: (r.saved?.loanPaid ?? sum(r.loans.map((l) => l.due))).toString(),
    savingsPaid: (r.saved?.savingsPaid ?? sum(r.savings.map((s) => s.expected))).toString(),
    attended: r.saved ? (r.saved.attended ? 'x' : '') : '',
    signature: '',
  }));
  const total = {
    no: '', name: 'Tổng cộng', loans: '', interest: sum(rows.map((r) => BigInt(r.interest))).toString(), principal: sum(rows.map((r) => BigInt(r.principal))).toString(),
    overdue: sum(rows.map((r) => BigInt(r.overdue))).toString(), loanPaid: sum(rows.map((r) => BigInt(r.loanPaid))).toString(),
    savingsPaid: sum(rows.map((r) => BigInt(r.savingsPaid))).toString(), attended: '', signature: '',
  };
  return { stream: writeXlsx(SPEC, [...rows, total], { sheetName: `${sheet.group.code} ${month}` }), fileName: `bang-ke-${sheet.group.code}-${month}.xlsx` };
}
