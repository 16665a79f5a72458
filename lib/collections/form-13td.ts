import { formatDateOnly } from '@/lib/calendar/date-only';

/**
 * The wording of form 13/TD, the bank's collection sheet, for the XLSX and the printed page alike.
 * It is the bank's form: printed in Vietnamese whatever the interface language.
 */
export const FORM_13TD = {
  bank: 'Ngân hàng Chính sách xã hội',
  office: (name: string | null) => `Ngân hàng Chính sách xã hội — ${name ?? 'Phòng giao dịch: ……………………'}`,
  title: 'BẢNG KÊ THU LÃI, THU NỢ GỐC VÀ TIỀN GỬI TIẾT KIỆM (Mẫu 13/TD)',
  meeting: (month: string, date: Date) => `Tháng ${month.slice(5)}/${month.slice(0, 4)} · Ngày họp tổ: ${formatDateOnly(date)}`,
  commune: (name: string) => `Xã/phường: ${name}`,
  group: (name: string) => `Tổ tiết kiệm và vay vốn: ${name}`,
  leader: (name: string | null) => `Tổ trưởng: ${name ?? '……………………'}`,
  unit: 'Đơn vị: đồng',
  total: 'Tổng cộng',
  absent: 'vắng',
  /** The printed page's column headers (shorter than the XLSX's, to fit A4 landscape). */
  printedHeaders: ['STT', 'Họ và tên', 'Số khoản vay', 'Dư nợ', 'Lãi phải thu', 'Gốc phải thu', 'TK phải gửi', 'Lãi thực thu', 'Gốc thực thu', 'TK thực gửi', 'Có mặt', 'Ký nhận'],
  signatures: ['Tổ trưởng', 'Cán bộ Hội xã', 'Cán bộ NHCSXH nhận tiền'],
  signHint: '(Ký, ghi rõ họ tên)',
} as const;
