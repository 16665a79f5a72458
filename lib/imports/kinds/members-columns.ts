import { currentYear } from '@/lib/clock';
import { readPastDate } from '@/lib/groups/schemas';
import { formatDateOnly } from '@/lib/calendar/date-only';
import type { Gender, HouseholdCategory, Member, MemberStatus } from '@/lib/db';
import { hasConsent, type ConsentPurpose, type ConsentState } from '@/lib/members/consent-state';
import { checkNationalId } from '@/lib/members/national-id';
import type { TableRow, TableSpec } from '../types';
import { issue, type RowIssue } from './kind';
import { LABELS, readCategory, readGender, readMemberStatus, readYesNo } from './labels';

export const MEMBER_SPEC: TableSpec = {
  kind: 'Danh sách thành viên',
  columns: [
    { key: 'communeCode', header: 'Mã xã/phường', required: true, description: 'Mã đơn vị Hội xã/phường của thành viên.', example: 'ND-YY-YK' },
    { key: 'groupCode', header: 'Mã tổ', description: 'Mã tổ/nhóm trong xã; để trống nếu chưa vào tổ.', example: 'TK-01' },
    { key: 'code', header: 'Mã thành viên', description: 'Không bắt buộc; duy nhất trong xã.', example: 'TV-0001' },
    { key: 'fullName', header: 'Họ và tên', required: true, description: 'Họ tên đầy đủ, có dấu.', example: 'Nguyễn Thị Hoa' },
    { key: 'gender', header: 'Giới tính', required: true, description: 'Nữ hoặc Nam.', example: 'Nữ' },
    { key: 'birthYear', header: 'Năm sinh', description: 'Bốn chữ số.', example: '1985' },
    { key: 'nationalId', header: 'Số CCCD', aliases: ['CCCD', 'Số căn cước'], required: true, description: '12 chữ số; khớp năm sinh và giới tính. Dùng để nhận ra thành viên khi nhập lại.', example: '036185000123' },
    { key: 'phone', header: 'Điện thoại', description: 'Số di động Việt Nam.', example: '0912345678' },
    { key: 'address', header: 'Địa chỉ', description: 'Thôn, xóm, tổ dân phố.', example: 'Xóm 1' },
    { key: 'householdCategory', header: 'Loại hộ', required: true, description: `Một trong: ${Object.values(LABELS.householdCategory).join(', ')}.`, example: 'Hộ nghèo' },
    { key: 'isUnionMember', header: 'Hội viên', description: 'Có hoặc Không.', example: 'Có' },
    { key: 'chapterCode', header: 'Mã chi hội', description: 'Mã chi hội của xã; để trống nếu không có.', example: 'ND-YY-YK-CH1' },
    { key: 'joinedAt', header: 'Ngày vào tổ', description: 'dd/mm/yyyy.', example: '01/03/2020' },
    { key: 'status', header: 'Trạng thái', description: `${LABELS.memberStatus.ACTIVE} (mặc định) hoặc ${LABELS.memberStatus.LEFT}.`, example: LABELS.memberStatus.ACTIVE },
    { key: 'leftAt', header: 'Ngày rời tổ', description: 'dd/mm/yyyy, khi đã rời tổ.', example: '' },
    {
      key: 'consentLending', header: 'Đồng ý tham gia vay vốn và tiết kiệm (ngày)', aliases: ['Đồng ý tham gia vay vốn, tiết kiệm (ngày)', 'Ngày đồng ý tham gia vay vốn, tiết kiệm'],
      description: 'Ngày thành viên ký phiếu đồng ý cho Hội xử lý dữ liệu cá nhân để tham gia vay vốn, tiết kiệm của tổ (Luật 91/2025/QH15), dd/mm/yyyy. Cần cho mọi khoản vay. Để trống: không ghi nhận gì (rút lại đồng ý thì ghi ở trang thành viên).',
      example: '05/01/2026',
    },
    {
      key: 'consentBank', header: 'Đồng ý chia sẻ với NHCSXH (ngày)', aliases: ['Ngày đồng ý chia sẻ dữ liệu với NHCSXH', 'Đồng ý chia sẻ dữ liệu với NHCSXH (ngày)'],
      description: 'Ngày thành viên ký phiếu đồng ý chia sẻ dữ liệu với Ngân hàng Chính sách xã hội, dd/mm/yyyy. Cần thêm cho khoản vay ủy thác. Để trống: không ghi nhận gì.',
      example: '05/01/2026',
    },
    { key: 'consentReference', header: 'Số phiếu đồng ý', description: 'Số hoặc ký hiệu của phiếu đồng ý đã ký; bắt buộc khi có ngày đồng ý.', example: 'PĐY-2026-015' },
  ],
};

/** One member row as read from the file, fields typed, codes not yet resolved. */
export interface MemberRowData {
  rowNumber: number;
  communeCode: string;
  groupCode: string | null;
  chapterCode: string | null;
  code: string | null;
  fullName: string;
  gender: Gender;
  birthYear: number | null;
  nationalId: string;
  phone: string | null;
  address: string | null;
  householdCategory: HouseholdCategory;
  isUnionMember: boolean;
  joinedAt: Date | null;
  status: MemberStatus;
  leftAt: Date | null;
  /** Dates of the consent forms she signed (decision 024), and the form's reference. */
  consentLending: Date | null;
  consentBank: Date | null;
  consentReference: string | null;
}

const orNull = (s: string) => (s === '' ? null : s);

/** Types one row's cells; every problem is reported, none stops the others. */
export function parseMemberRow(row: TableRow, issues: RowIssue[]): MemberRowData | null {
  const v = row.values;
  const before = issues.length;
  const at = (column: string, key: string, params: Record<string, string | number> = {}) => issues.push(issue(row.rowNumber, column, key, params));
  for (const column of ['communeCode', 'fullName', 'gender', 'nationalId', 'householdCategory'] as const) {
    if (!v[column]) at(column, 'validation.required', { field: column });
  }
  const gender = v.gender ? readGender(v.gender) : null;
  if (v.gender && !gender) at('gender', 'validation.invalid', { field: 'gender' });
  const category = v.householdCategory ? readCategory(v.householdCategory) : null;
  if (v.householdCategory && !category) at('householdCategory', 'validation.invalid', { field: 'householdCategory' });
  const birthYear = v.birthYear ? Number(v.birthYear) : null;
  if (birthYear !== null && (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > currentYear())) at('birthYear', 'validation.invalid', { field: 'birthYear' });
  const nationalId = v.nationalId.replace(/\s/g, '');
  const problem = nationalId ? checkNationalId(nationalId, { birthYear, gender }) : null;
  if (problem) at('nationalId', `validation.nationalId.${problem}`);
  if (v.phone && !/^(\+84|0)\d{9,10}$/.test(v.phone.replace(/[\s.]/g, ''))) at('phone', 'validation.phone', { field: 'phone' });
  const isUnionMember = readYesNo(v.isUnionMember);
  if (isUnionMember === null) at('isUnionMember', 'validation.invalid', { field: 'isUnionMember' });
  const status = v.status ? readMemberStatus(v.status) : 'ACTIVE';
  if (!status) at('status', 'validation.invalid', { field: 'status' });
  const joined = readPastDate(v.joinedAt);
  if (joined.problem) at('joinedAt', joined.problem.key, { field: 'joinedAt', ...joined.problem.params });
  const joinedAt = joined.date;
  const left = readPastDate(v.leftAt);
  if (left.problem) at('leftAt', left.problem.key, { field: 'leftAt', ...left.problem.params });
  const leftAt = left.date;
  if (status === 'LEFT' && !leftAt && !v.leftAt) at('leftAt', 'validation.required', { field: 'leftAt' });
  if (v.code && !/^[A-Z0-9][A-Z0-9._-]{0,29}$/i.test(v.code)) at('code', 'validation.memberCode', { field: 'memberCode' });
  const consentDates = (['consentLending', 'consentBank'] as const).map((column) => {
    const read = readPastDate(v[column] ?? '');
    if (read.problem) at(column, read.problem.key, { field: column, ...read.problem.params });
    return read.date;
  });
  if ((v.consentLending || v.consentBank) && !v.consentReference) at('consentReference', 'validation.required', { field: 'consentReference' });
  for (const [column, max] of [['fullName', 120], ['address', 300], ['consentReference', 60]] as const) {
    if (v[column]!.length > max) at(column, 'validation.tooBig', { field: column, max });
  }
  if (issues.length > before) return null;
  return {
    rowNumber: row.rowNumber,
    communeCode: v.communeCode.toUpperCase(),
    groupCode: orNull(v.groupCode.toUpperCase()),
    chapterCode: orNull(v.chapterCode.toUpperCase()),
    code: orNull(v.code.toUpperCase()),
    fullName: v.fullName.replace(/\s+/g, ' '),
    gender: gender!,
    birthYear,
    nationalId,
    phone: orNull(v.phone.replace(/[\s.]/g, '')),
    address: orNull(v.address),
    householdCategory: category!,
    isUnionMember: isUnionMember!,
    joinedAt,
    status: status!,
    leftAt: status === 'LEFT' ? leftAt : null,
    consentLending: consentDates[0]!,
    consentBank: consentDates[1]!,
    consentReference: orNull(v.consentReference ?? ''),
  };
}

/** What the export writes of her consents: the date of each purpose given now, and the forms' references. */
export function consentExportCells(state: ConsentState | undefined): Record<'consentLending' | 'consentBank' | 'consentReference', string> {
  const given = (purpose: ConsentPurpose) => (state && hasConsent(state, purpose) ? state[purpose] : null);
  const [lending, bank] = [given('LENDING_SAVINGS'), given('BANK_SHARING')];
  return {
    consentLending: lending ? formatDateOnly(lending.date) : '',
    consentBank: bank ? formatDateOnly(bank.date) : '',
    consentReference: [...new Set([lending?.reference, bank?.reference].filter((r): r is string => !!r))].join('; '),
  };
}

/** The member's fields an export row shows (an export reads only these). */
export const MEMBER_EXPORT_FIELDS = {
  id: true, orgUnitId: true, groupId: true, chapterId: true, code: true, fullName: true, gender: true, birthYear: true, nationalId: true, phone: true,
  address: true, householdCategory: true, isUnionMember: true, joinedAt: true, status: true, leftAt: true,
} as const satisfies Partial<Record<keyof Member, true>>;
type ExportedMember = Pick<Member, keyof typeof MEMBER_EXPORT_FIELDS>;

/** The export row of a member, in the template's columns. */
export function memberExportRow(
  m: ExportedMember & { orgUnit: { code: string }; group: { code: string } | null; chapter: { code: string } | null },
  consent?: ConsentState,
): Record<string, string> {
  return {
    communeCode: m.orgUnit.code,
    groupCode: m.group?.code ?? '',
    code: m.code ?? '',
    fullName: m.fullName,
    gender: LABELS.gender[m.gender]!,
    birthYear: m.birthYear ? String(m.birthYear) : '',
    nationalId: m.nationalId,
    phone: m.phone ?? '',
    address: m.address ?? '',
    householdCategory: LABELS.householdCategory[m.householdCategory]!,
    isUnionMember: m.isUnionMember ? LABELS.yesNo.true! : LABELS.yesNo.false!,
    chapterCode: m.chapter?.code ?? '',
    joinedAt: m.joinedAt ? formatDateOnly(m.joinedAt) : '',
    status: LABELS.memberStatus[m.status]!,
    leftAt: m.leftAt ? formatDateOnly(m.leftAt) : '',
    ...consentExportCells(consent),
  };
}
