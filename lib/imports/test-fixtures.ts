// Shared by this folder's tests: a member-like register, as a kind-specific importer would declare it.
import { AppError } from '@/lib/errors';
import { translateError } from '@/lib/i18n/translate';
import type { TableSpec } from './types';

export const memberSpec: TableSpec = {
  kind: 'Danh sách hội viên',
  columns: [
    { key: 'code', header: 'Mã hội viên', required: true, description: 'Mã do Hội cấp', example: 'HV001' },
    {
      key: 'fullName',
      header: 'Họ và tên',
      aliases: ['Tên hội viên'],
      required: true,
      description: 'Họ và tên đầy đủ, có dấu',
      example: 'Nguyễn Thị Ánh',
    },
    { key: 'idNumber', header: 'Số CCCD', description: '12 chữ số', example: '012345678901' },
    { key: 'birthDate', header: 'Ngày sinh', description: 'Năm-tháng-ngày', example: '1985-03-21' },
    { key: 'amount', header: 'Số tiền', description: 'Đồng', example: '5000000' },
  ],
};

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const csvFile = (text: string) => ({ fileName: 'danh-sach.csv', data: utf8(text) });

/** The AppError a refused file produces, as the officer will read it (Vietnamese). */
export async function refusal(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected the file to be refused');
    },
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw error;
  return { code: error.code, key: error.messageKey, params: error.params, message: translateError('vi', error).message };
}
