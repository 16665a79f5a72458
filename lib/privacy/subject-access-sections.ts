import { formatDateOnly } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { TIME_ZONE } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translate';
import { formatVnd } from '@/lib/money';

// The sheets of a member's subject access export (Law 91/2025/QH15, art. on the right of access):
// each section reads one part of what the database holds about her. A new table naming members
// adds a section here; the completeness test (subject-access.test.ts) fails until it does.

const t = translator('vi');
const day = (d: Date | null | undefined) => (d ? formatDateOnly(d) : '');
const time = (d: Date | null | undefined) =>
  d ? new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d) : '';
const vnd = (amount: bigint | null | undefined) => (amount === null || amount === undefined ? '' : formatVnd(amount));
const yesNo = (value: boolean) => (value ? 'Có' : 'Không');

export interface SubjectContext {
  memberId: string;
  loanIds: string[];
  accountIds: string[];
}

export interface Section {
  sheet: string;
  /** A line above the table (what the sheet does not hold, and why). */
  note?: string;
  headers: string[];
  rows(ctx: SubjectContext): Promise<string[][]>;
}

const register: Section = {
  sheet: 'Thông tin đăng ký',
  headers: ['Mục', 'Giá trị'],
  async rows({ memberId }) {
    const m = await db.member.findUniqueOrThrow({
      where: { id: memberId },
      include: { orgUnit: true, group: true, chapter: true, leaderOf: { select: { code: true } }, deputyOf: { select: { code: true } } },
    });
    return [
      ['Mã hồ sơ', m.id], ['Mã thành viên', m.code ?? ''], ['Họ và tên', m.fullName], ['Giới tính', t(`registers.gender.${m.gender}`)],
      ['Năm sinh', m.birthYear ? String(m.birthYear) : ''], ['Số CCCD', m.nationalId], ['Điện thoại', m.phone ?? ''], ['Địa chỉ', m.address ?? ''],
      ['Loại hộ', t(`registers.householdCategory.${m.householdCategory}`)], ['Hội viên', yesNo(m.isUnionMember)],
      ['Xã/phường', `${m.orgUnit.name} (${m.orgUnit.code})`], ['Tổ', m.group ? `${m.group.code} · ${m.group.name}` : ''], ['Chi hội', m.chapter?.name ?? ''],
      ['Tổ trưởng của tổ', m.leaderOf.map((g) => g.code).join(', ')], ['Tổ phó của tổ', m.deputyOf.map((g) => g.code).join(', ')],
      ['Ngày vào tổ', day(m.joinedAt)], ['Ngày rời tổ', day(m.leftAt)], ['Trạng thái', t(`registers.memberStatus.${m.status}`)],
      ['Ghi vào hệ thống lúc', time(m.createdAt)], ['Sửa lần cuối lúc', time(m.updatedAt)],
    ];
  },
};

const changes: Section = {
  sheet: 'Lịch sử thay đổi',
  note: 'Nhật ký ghi ai thay đổi hồ sơ, khi nào và những mục nào; không lưu giá trị cũ của CCCD, điện thoại, địa chỉ, loại hộ (Luật 91/2025/QH15), nên không thể liệt kê giá trị cũ.',
  headers: ['Số nhật ký', 'Thời điểm', 'Người thực hiện', 'Thao tác', 'Mục đã ghi hoặc thay đổi'],
  async rows({ memberId }) {
    const entries = await db.auditLog.findMany({ where: { entityId: memberId }, orderBy: { id: 'asc' } });
    return entries.map((e) => {
      const after = (e.after ?? {}) as Record<string, unknown>;
      const changed = Array.isArray(after.personalDataChanged) ? (after.personalDataChanged as string[]) : [];
      const fields = [...new Set([...Object.keys(after).filter((k) => k !== 'personalDataChanged'), ...changed])];
      return [String(e.id), time(e.at), e.actorUsername ?? '', t(`audit.actionNames.${e.action.replace(/\./g, '_')}`), fields.join(', ')];
    });
  },
};

const groups: Section = {
  sheet: 'Tổ và đơn vị',
  headers: ['Loại', 'Số', 'Từ ngày', 'Đến ngày', 'Tổ hoặc đơn vị', 'Lý do'],
  async rows({ memberId, accountIds }) {
    const [memberships, moves] = await Promise.all([
      db.memberGroupHistory.findMany({ where: { memberId }, include: { group: true }, orderBy: [{ fromDate: 'asc' }, { id: 'asc' }] }),
      db.recordMove.findMany({ where: { recordId: { in: [memberId, ...accountIds] } }, orderBy: [{ date: 'asc' }, { id: 'asc' }] }),
    ]);
    const unitIds = moves.flatMap((m) => [m.fromOrgUnitId, m.toOrgUnitId]);
    const units = new Map((await db.orgUnit.findMany({ where: { id: { in: unitIds } } })).map((u) => [u.id, u.name]));
    return [
      ...memberships.map((m) => ['Tham gia tổ', String(m.id), day(m.fromDate), day(m.toDate), `${m.group.code} · ${m.group.name}`, t(`registers.membershipReason.${m.reason}`)]),
      ...moves.map((m) => [
        m.kind === 'MEMBER' ? 'Chuyển đơn vị' : 'Chuyển sổ tiết kiệm', String(m.id), day(m.date), '', `${units.get(m.fromOrgUnitId) ?? ''} → ${units.get(m.toOrgUnitId) ?? ''}`,
        m.reorganisationId ? 'Sắp xếp đơn vị hành chính' : '',
      ]),
    ];
  },
};

const loans: Section = {
  sheet: 'Khoản vay',
  headers: ['Số khoản vay', 'Mã hồ sơ', 'Chương trình', 'Lần vay', 'Đề nghị', 'Được duyệt', 'Đã giải ngân', 'Kỳ hạn (tháng)', 'Mục đích', 'Ngày đề nghị',
    'Ngày giải ngân', 'Ngày đến hạn', 'Trạng thái', 'Dư nợ', 'Thẩm định', 'Chuyển tổ/đơn vị'],
  async rows({ memberId }) {
    const list = await db.loan.findMany({ where: { memberId }, include: { programme: true, appraisal: true, moves: true }, orderBy: { appliedAt: 'asc' } });
    return list.map((l) => [
      l.number, l.id, l.programme.name, String(l.round), vnd(l.amountRequested), vnd(l.amountApproved), vnd(l.amountDisbursed), String(l.termMonths), l.purpose,
      day(l.appliedAt), day(l.disbursedAt), day(l.maturityDate), t(`loans.status.${l.status}`), vnd(l.cachedOutstanding),
      l.appraisal ? `${day(l.appraisal.appraisedAt)} · ${l.appraisal.appraiserName} · ${l.appraisal.eligible ? 'đủ điều kiện' : 'không đủ điều kiện'}` : '',
      l.moves.map((m) => `${day(m.date)} (#${String(m.id)})`).join('; '),
    ]);
  },
};

const loanTransactions: Section = {
  sheet: 'Giao dịch vay',
  headers: ['Mã giao dịch', 'Số khoản vay', 'Loại', 'Ngày', 'Số tiền', 'Gốc', 'Lãi', 'Lãi quá hạn', 'Ghi chú', 'Đã hủy lúc', 'Lý do hủy'],
  async rows({ loanIds }) {
    const list = await db.loanTransaction.findMany({
      where: { loanId: { in: loanIds } }, include: { loan: { select: { number: true } } }, orderBy: [{ date: 'asc' }, { postedAt: 'asc' }],
    });
    return list.map((x) => [
      x.id, x.loan.number, t(`loans.kind.${x.kind}`), day(x.date), vnd(x.amount), vnd(x.principal), vnd(x.interest), vnd(x.overdueInterest), x.note ?? '',
      time(x.reversedAt), x.reversalReason ?? '',
    ]);
  },
};

const reversalRequests: Section = {
  sheet: 'Đề nghị hủy giao dịch',
  headers: ['Mã đề nghị', 'Số khoản vay', 'Mã giao dịch', 'Lý do', 'Trạng thái', 'Đề nghị lúc', 'Quyết định lúc', 'Ghi chú quyết định'],
  async rows({ loanIds }) {
    const list = await db.reversalRequest.findMany({ where: { loanId: { in: loanIds } }, include: { loan: { select: { number: true } } }, orderBy: { requestedAt: 'asc' } });
    return list.map((r) => [r.id, r.loan.number, r.transactionId, r.reason, r.status, time(r.requestedAt), time(r.decidedAt), r.decisionNote ?? '']);
  },
};

const savings: Section = {
  sheet: 'Tiết kiệm',
  headers: ['Mã', 'Sổ (loại tiết kiệm)', 'Loại', 'Ngày', 'Số tiền', 'Ghi chú', 'Đã hủy lúc'],
  async rows({ memberId }) {
    const accounts = await db.savingsAccount.findMany({ where: { memberId }, include: { scheme: true, transactions: { orderBy: [{ date: 'asc' }, { postedAt: 'asc' }] } } });
    return accounts.flatMap((a) => [
      [a.id, a.scheme.name, 'Mở sổ', day(a.openedAt), '', '', ''],
      ...a.transactions.map((x) => [x.id, a.scheme.name, t(`savings.kind.${x.kind}`), day(x.date), vnd(x.amount), x.note ?? '', time(x.reversedAt)]),
    ]);
  },
};

const sheets: Section = {
  sheet: 'Bảng kê thu',
  headers: ['Số dòng', 'Tổ', 'Tháng', 'Ngày thu', 'Có mặt', 'Tiền vay đã trả', 'Tiền tiết kiệm'],
  async rows({ memberId }) {
    const rows = await db.collectionSheetRow.findMany({ where: { memberId }, include: { sheet: { include: { group: { select: { code: true } } } } }, orderBy: { id: 'asc' } });
    return rows.map((r) => [String(r.id), r.sheet.group.code, r.sheet.month, day(r.sheet.date), yesNo(r.attended), vnd(r.loanPaid), vnd(r.savingsPaid)]);
  },
};

const inspections: Section = {
  sheet: 'Kiểm tra',
  headers: ['Mã', 'Loại', 'Ngày', 'Cấp', 'Hình thức', 'Đoàn/người kiểm tra', 'Nội dung', 'Kết quả từng mục'],
  async rows({ memberId, loanIds }) {
    const [done, planned] = await Promise.all([
      db.inspection.findMany({ where: { OR: [{ memberId }, { loanId: { in: loanIds } }] }, include: { findings: true }, orderBy: { date: 'asc' } }),
      db.inspectionTarget.findMany({ where: { memberId }, include: { plan: true } }),
    ]);
    return [
      ...done.map((i) => [
        i.id, 'Biên bản kiểm tra', day(i.date), t(`inspections.level.${i.level}`), t(`inspections.kind.${i.kind}`), i.inspectors, i.summary ?? '',
        i.findings.map((f) => `${f.item}: ${f.passed ? 'đạt' : 'không đạt'}${f.notes ? ` (${f.notes})` : ''}`).join('; '),
      ]),
      ...planned.map((p) => [p.id, 'Có tên trong kế hoạch', `${day(p.plan.periodFrom)} – ${day(p.plan.periodTo)}`, t(`inspections.level.${p.level}`),
        t(`inspections.kind.${p.plan.kind}`), p.plan.team, p.plan.title, '']),
    ];
  },
};

const bankLines: Section = {
  sheet: 'Đối chiếu ngân hàng',
  headers: ['Mã dòng', 'Tháng', 'Dòng số', 'Số khoản vay', 'Tên trong danh sách', 'Dư nợ', 'Lãi đã trả', 'Số dư tiết kiệm'],
  async rows({ memberId, loanIds }) {
    const lines = await db.bankStatementLine.findMany({ where: { OR: [{ memberId }, { loanId: { in: loanIds } }] }, include: { statement: true }, orderBy: { rowNumber: 'asc' } });
    return lines.map((l) => [l.id, l.statement.month, String(l.rowNumber), l.loanNumber ?? '', l.borrowerName ?? '', vnd(l.outstanding), vnd(l.interestPaid), vnd(l.savingsBalance)]);
  },
};

const consents: Section = {
  sheet: 'Đồng ý xử lý dữ liệu',
  headers: ['Mã', 'Nội dung', 'Đồng ý hay rút lại', 'Ngày ký', 'Hình thức', 'Số phiếu', 'Ghi vào hệ thống lúc'],
  async rows({ memberId }) {
    const records = await db.memberConsent.findMany({ where: { memberId }, orderBy: [{ date: 'asc' }, { recordedAt: 'asc' }] });
    return records.map((c) => [
      c.id, t(`members.consent.purpose.${c.purpose}`), t(`members.consent.action.${c.action}`), day(c.date), t(`members.consent.method.${c.method}`), c.reference,
      time(c.recordedAt),
    ]);
  },
};

const accessLog: Section = {
  sheet: 'Ai đã xem, xuất',
  headers: ['Số', 'Thời điểm', 'Người', 'Vai trò', 'Cách', 'Dữ liệu cá nhân được xem đầy đủ', 'Mục đích', 'Số thành viên trong tệp'],
  async rows({ memberId }) {
    const entries = await db.personalDataAccess.findMany({ where: { OR: [{ memberId }, { memberIds: { has: memberId } }] }, orderBy: { id: 'asc' } });
    return entries.map((e) => [
      String(e.id), time(e.at), e.username ?? '', e.role ? t(`roles.${e.role}`) : '', t(`privacy.kind.${e.kind}`) + (e.source ? ` (${e.source})` : ''),
      e.fields.map((f) => t(`privacy.field.${f}`)).join(', '), e.purpose ? t(`privacy.purpose.${e.purpose}`) : '', e.rowCount === null ? '' : String(e.rowCount),
    ]);
  },
};

export const SECTIONS: Section[] = [
  register, consents, changes, groups, loans, loanTransactions, reversalRequests, savings, sheets, inspections, bankLines, accessLog,
];
