import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup, nextNationalId } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import { failure } from '@/tests/factories/failure';
import { POST as postLoan } from '@/app/api/v1/loans/route';
import { GET as getConsents, POST as postConsent } from '@/app/api/v1/members/[id]/consents/route';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { db, type OrgUnit } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { translateError } from '@/lib/i18n/translate';
import { exportRegister } from '@/lib/imports/export-register';
import { MEMBER_SPEC } from '@/lib/imports/kinds/members-columns';
import { runImport } from '@/lib/imports/run-import';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { writeCsv } from '@/lib/imports/write-csv';
import { readTable } from '@/lib/imports/read-table';
import { applyForLoan, approveLoan, disburseLoan, postRepayment } from '@/lib/loans';
import { openSavingsAccount } from '@/lib/savings';
import { listConsents, listMembers, recordConsent } from './index';

// Issue 24 §1 (Law 91/2025/QH15, Decree 356/2025/ND-CP): a member's consent, recorded as facts, gates
// new loan applications (every loan: joining the lending and savings; an entrusted VBSP loan also:
// sharing her data with the bank), new savings accounts and the disbursement of a loan not yet lent;
// a withdrawal stops those and leaves existing loans collected (decision 024).

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
let programmes: Awaited<ReturnType<typeof ensureProgrammes>>;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  programmes = await ensureProgrammes();
});

const commune = () => tree.communes[0]!;
const LENDING_VI = 'tham gia vay vốn, tiết kiệm của tổ';
const BANK_VI = 'chia sẻ dữ liệu với Ngân hàng Chính sách xã hội (cần cho khoản vay ủy thác)';

async function memberWithout(c: OrgUnit = commune(), kind: 'VBSP' | 'REVOLVING' = 'VBSP') {
  const group = await makeGroup(c, kind);
  return (await addMembers(c, group.id, 1, { consent: false }))[0]!;
}

const apply = (memberId: string, code: 'HN' | 'QQV', appliedAt = daysAgo(2)) =>
  applyForLoan(officer, { memberId, programmeId: programmes[code]!.id, amount: '5.000.000', termMonths: 12, purpose: 'Chăn nuôi', appliedAt });
const give = (memberId: string, purpose: 'LENDING_SAVINGS' | 'BANK_SHARING', date = daysAgo(3), actor = officer) =>
  recordConsent(actor, memberId, { purpose, action: 'GIVEN', date, method: 'PAPER_FORM', reference: `PĐY-${purpose}` });
const withdraw = (memberId: string, purpose: 'LENDING_SAVINGS' | 'BANK_SHARING', date = daysAgo(1)) =>
  recordConsent(officer, memberId, { purpose, action: 'WITHDRAWN', date, method: 'PAPER_FORM', reference: 'Đơn rút lại 07' });
const messageOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e as AppError);
  expect(error).toBeInstanceOf(AppError);
  return translateError('vi', error!);
};

describe('consent gates', () => {
  it('refuses a loan application for a member without consent, in Vietnamese naming what is missing; after consent is recorded it passes', async () => {
    const member = await memberWithout();
    expect(await failure(apply(member.id, 'HN'))).toMatchObject({ code: 'VALIDATION', key: 'members.consent.missingForLoan', fields: ['memberId'] });
    const both = await messageOf(apply(member.id, 'HN'));
    expect(both.message).toBe(`Thành viên chưa có đồng ý cho: ${LENDING_VI}; ${BANK_VI}. Ghi nhận phiếu đồng ý ở trang của thành viên.`);
    expect(both.fields.memberId).toBe(both.message);
    expect(translateError('en', (await apply(member.id, 'HN').catch((e: AppError) => e)) as AppError).message).toContain('sharing her data with the Vietnam Bank for Social Policies');
    expect(await db.loan.count({ where: { memberId: member.id } })).toBe(0);

    await give(member.id, 'LENDING_SAVINGS');
    const bankOnly = await messageOf(apply(member.id, 'HN'));
    expect(bankOnly.message).toBe(`Thành viên chưa có đồng ý cho: ${BANK_VI}. Ghi nhận phiếu đồng ý ở trang của thành viên.`);

    await give(member.id, 'BANK_SHARING');
    expect((await apply(member.id, 'HN')).status).toBe('APPLIED');
  });

  it('a revolving-fund loan needs only the consent to join the lending; an entrusted (VBSP) loan also the sharing with the bank', async () => {
    const member = await memberWithout(commune(), 'REVOLVING');
    expect((await messageOf(apply(member.id, 'QQV'))).message).toBe(`Thành viên chưa có đồng ý cho: ${LENDING_VI}. Ghi nhận phiếu đồng ý ở trang của thành viên.`);
    await give(member.id, 'LENDING_SAVINGS');
    expect((await apply(member.id, 'QQV')).status).toBe('APPLIED');
    expect(await failure(apply(member.id, 'HN'))).toMatchObject({ key: 'members.consent.missingForLoan', params: { missing: 'BANK_SHARING' } });
  });

  it('through the API: 422 with the Vietnamese message naming the missing consent, then 201', async () => {
    const member = await memberWithout();
    const { token } = await issueApiToken(officer.userId, officer.username, null);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ memberId: member.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Nuôi gà' });
    const refused = await postLoan(new Request('http://127.0.0.1/api/v1/loans', { method: 'POST', headers, body }), { params: Promise.resolve({}) });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { key: string; message: string; fields: Record<string, string> } };
    expect(error.key).toBe('members.consent.missingForLoan');
    expect(error.fields.memberId).toContain(BANK_VI);
    for (const purpose of ['LENDING_SAVINGS', 'BANK_SHARING']) {
      const consentBody = JSON.stringify({ purpose, action: 'GIVEN', date: daysAgo(0), method: 'PAPER_FORM', reference: 'PĐY-15' });
      const url = `http://127.0.0.1/api/v1/members/${member.id}/consents`;
      expect((await postConsent(new Request(url, { method: 'POST', headers, body: consentBody }), { params: Promise.resolve({ id: member.id }) })).status).toBe(201);
    }
    const listed = await getConsents(new Request(`http://127.0.0.1/api/v1/members/${member.id}/consents`, { headers }), { params: Promise.resolve({ id: member.id }) });
    expect(await listed.json()).toMatchObject({ current: { LENDING_SAVINGS: { action: 'GIVEN', reference: 'PĐY-15' }, BANK_SHARING: { action: 'GIVEN' } } });
    expect((await postLoan(new Request('http://127.0.0.1/api/v1/loans', { method: 'POST', headers, body }), { params: Promise.resolve({}) })).status).toBe(201);
  });

  it('a withdrawal stops the next application and the disbursement of a loan not yet lent; the existing loan\'s repayments still post', async () => {
    const group = await makeGroup(commune());
    const [member] = await addMembers(commune(), group.id, 1);
    const lent = await apply(member!.id, 'HN', monthsAgo(2));
    await approveLoan(leader, lent.id, { decidedAt: monthsAgo(2) });
    await disburseLoan(officer, lent.id, { date: monthsAgo(2) });
    const waiting = await applyForLoan(officer, { memberId: member!.id, programmeId: programmes.HCN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Buôn bán', appliedAt: daysAgo(5) });
    await approveLoan(leader, waiting.id, { decidedAt: daysAgo(4) });

    await withdraw(member!.id, 'BANK_SHARING');
    expect((await messageOf(apply(member!.id, 'HN'))).message).toContain(BANK_VI);
    const notPaidOut = await messageOf(disburseLoan(officer, waiting.id, { date: daysAgo(0) }));
    expect(notPaidOut).toMatchObject({ code: 'CONFLICT', key: 'members.consent.missingForDisbursement' });
    expect(notPaidOut.message).toBe(`Khoản vay ${waiting.number} chưa giải ngân được: thành viên chưa có hoặc đã rút lại đồng ý cho: ${BANK_VI}.`);
    expect((await db.loan.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('APPROVED');
    // The union's own revolving fund still lends to her: she still consents to joining the lending.
    expect((await apply(member!.id, 'QQV')).status).toBe('APPLIED');
    // Her contract goes on: repayments of the loan already lent post as before.
    const { transaction } = await postRepayment(officer, lent.id, { date: daysAgo(0), amount: '300.000' });
    expect(transaction.amount).toBe(300_000n);

    await withdraw(member!.id, 'LENDING_SAVINGS');
    expect(await failure(apply(member!.id, 'QQV'))).toMatchObject({ key: 'members.consent.missingForLoan', params: { missing: 'LENDING_SAVINGS' } });
    expect((await postRepayment(officer, lent.id, { date: daysAgo(0), amount: '200.000' })).transaction.amount).toBe(200_000n);

    // Given again (a new form): she may apply again.
    await give(member!.id, 'LENDING_SAVINGS', daysAgo(0));
    await give(member!.id, 'BANK_SHARING', daysAgo(0));
    expect((await apply(member!.id, 'HN')).status).toBe('APPLIED');
    await disburseLoan(officer, waiting.id, { date: daysAgo(0) });
  });

  it('a new savings account needs the consent to join the savings; savings through the group for the bank also the sharing', async () => {
    const member = await memberWithout();
    const member2 = await memberWithout();
    const scheme = (kind: 'GROUP_MEMBER' | 'VBSP_GROUP') => db.savingsScheme.create({ data: { code: `S${kind}${Math.random().toString(36).slice(2, 6)}`, name: kind, kind, minMonthlyDeposit: 0n, maxMonthlyDeposit: 10_000_000n } });
    const [own, bank] = [await scheme('GROUP_MEMBER'), await scheme('VBSP_GROUP')];
    expect(await failure(openSavingsAccount(officer, { memberId: member.id, schemeId: own.id }))).toMatchObject({ key: 'members.consent.missingForSavings', fields: ['memberId'], params: { missing: 'LENDING_SAVINGS' } });
    await give(member.id, 'LENDING_SAVINGS');
    await openSavingsAccount(officer, { memberId: member.id, schemeId: own.id });
    const message = (await messageOf(openSavingsAccount(officer, { memberId: member.id, schemeId: bank.id }))).message;
    expect(message).toContain('chia sẻ dữ liệu với Ngân hàng Chính sách xã hội (cần cho tiết kiệm qua tổ gửi Ngân hàng)');
    await give(member.id, 'BANK_SHARING');
    await openSavingsAccount(officer, { memberId: member.id, schemeId: bank.id });
    expect(await failure(openSavingsAccount(officer, { memberId: member2.id, schemeId: bank.id }))).toMatchObject({ params: { missing: 'BOTH' } });
  });
});

describe('the consent record', () => {
  it('keeps the history with who recorded it; the current state is the latest record; the list shows it', async () => {
    const member = await memberWithout();
    expect((await listConsents(officer, member.id)).current).toEqual({ LENDING_SAVINGS: null, BANK_SHARING: null });
    await give(member.id, 'LENDING_SAVINGS', daysAgo(30));
    await give(member.id, 'BANK_SHARING', daysAgo(30));
    await withdraw(member.id, 'BANK_SHARING', daysAgo(2));
    const { current, history } = await listConsents(officer, member.id);
    expect(current.LENDING_SAVINGS).toMatchObject({ action: 'GIVEN', method: 'PAPER_FORM', reference: 'PĐY-LENDING_SAVINGS', recordedById: officer.userId });
    expect(current.BANK_SHARING).toMatchObject({ action: 'WITHDRAWN', reference: 'Đơn rút lại 07' });
    expect(history.map((r) => [r.purpose, r.action])).toEqual([['BANK_SHARING', 'WITHDRAWN'], ['BANK_SHARING', 'GIVEN'], ['LENDING_SAVINGS', 'GIVEN']]);
    expect(history[0]!.recordedBy.fullName).toBe((await db.user.findUniqueOrThrow({ where: { id: officer.userId } })).fullName);
    const { members } = await listMembers(officer, { groupId: member.groupId! });
    expect(members[0]!.consent).toEqual({ LENDING_SAVINGS: 'GIVEN', BANK_SHARING: 'WITHDRAWN' });
  });

  it('audits each record with ids and purposes, never her personal data nor the form\'s reference', async () => {
    const nationalId = nextNationalId(1984);
    const member = await db.member.create({
      data: { orgUnitId: commune().id, fullName: 'Hà Thị Kín', searchName: 'ha thi kin', gender: 'FEMALE', nationalId, activeNationalId: nationalId, householdCategory: 'POOR', phone: '0911222444' },
    });
    const given = await recordConsent(officer, member.id, { purpose: 'BANK_SHARING', action: 'GIVEN', date: daysAgo(3), reference: 'PĐY-BÍ-MẬT-9' });
    const withdrawn = await withdraw(member.id, 'BANK_SHARING');
    const entries = await db.auditLog.findMany({ where: { entity: 'MemberConsent', entityId: { in: [given.id, withdrawn.id] } }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([['member.consent.give', officer.userId], ['member.consent.withdraw', officer.userId]]);
    expect(entries[0]!.after).toEqual({ memberId: member.id, purpose: 'BANK_SHARING', action: 'GIVEN', method: 'PAPER_FORM', date: `${daysAgo(3)}T00:00:00.000Z` });
    const text = JSON.stringify(entries.map((e) => [e.before, e.after]));
    for (const secret of ['Hà Thị Kín', nationalId, '0911222444', 'PĐY-BÍ-MẬT-9', 'Đơn rút lại']) expect(text).not.toContain(secret);
  });

  it('is append-only in the database: a record cannot be changed or deleted', async () => {
    const member = await memberWithout();
    const record = await give(member.id, 'LENDING_SAVINGS');
    await expect(db.memberConsent.update({ where: { id: record.id }, data: { action: 'WITHDRAWN' } })).rejects.toThrow();
    await expect(db.memberConsent.delete({ where: { id: record.id } })).rejects.toThrow();
    expect(await db.memberConsent.findUniqueOrThrow({ where: { id: record.id } })).toMatchObject({ action: 'GIVEN' });
  });

  it('refuses a date after today, a date before the latest record, a withdrawal of nothing, and a missing reference, naming the field', async () => {
    const member = await memberWithout();
    const tomorrow = await messageOf(give(member.id, 'LENDING_SAVINGS', daysAgo(-1)));
    expect(tomorrow).toMatchObject({ code: 'VALIDATION' });
    expect(tomorrow.fields.date).toMatch(/^Ngày không được sau hôm nay \(\d{2}\/\d{2}\/\d{4}\)\.$/);
    expect(await failure(withdraw(member.id, 'LENDING_SAVINGS'))).toMatchObject({ code: 'CONFLICT', key: 'members.consent.nothingToWithdraw', fields: ['action'] });
    await give(member.id, 'LENDING_SAVINGS', daysAgo(5));
    expect(await failure(withdraw(member.id, 'LENDING_SAVINGS', daysAgo(6)))).toMatchObject({ key: 'members.consent.beforeLatest', fields: ['date'] });
    expect(await failure(recordConsent(officer, member.id, { purpose: 'LENDING_SAVINGS', action: 'GIVEN', date: daysAgo(0), reference: ' ' }))).toMatchObject({ fields: ['reference'] });
    const wrong = await messageOf(recordConsent(officer, member.id, { purpose: 'MARKETING' as never, action: 'GIVEN', date: daysAgo(0), reference: 'x' }));
    expect(wrong.fields.purpose).toBe('Chọn nội dung đồng ý: tham gia vay vốn, tiết kiệm; hoặc chia sẻ dữ liệu với NHCSXH.');
    expect(await db.memberConsent.count({ where: { memberId: member.id } })).toBe(1);
  });

  it('is read and written only in scope: another commune\'s officer gets 404, a district leader reads but may not record', async () => {
    const member = await memberWithout();
    await give(member.id, 'LENDING_SAVINGS');
    const other = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    expect(await failure(listConsents(other, member.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(give(member.id, 'BANK_SHARING', daysAgo(0), other))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await listConsents(leader, member.id)).history).toHaveLength(1);
    expect(await failure(give(member.id, 'BANK_SHARING', daysAgo(0), leader))).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await actorFor('DISTRICT_LEADER', tree.districts[1]!);
    expect(await failure(listConsents(elsewhere, member.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.memberConsent.count({ where: { memberId: member.id } })).toBe(1);
  });
});

describe('consent in the members import', () => {
  // In a commune of its own, so the export holds only this part's members.
  const c = () => tree.communes[1]!;
  let importer: Actor;
  beforeAll(async () => {
    importer = await actorFor('COMMUNE_OFFICER', c());
  });
  const borrow = (memberId: string) => applyForLoan(importer, { memberId, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Chăn nuôi' });
  const row = (overrides: Record<string, string> = {}) => ({
    communeCode: c().code, groupCode: '', code: '', fullName: 'Lê Thị Đồng', gender: 'Nữ', birthYear: '1980', nationalId: nextNationalId(1980), phone: '',
    address: '', householdCategory: 'Hộ nghèo', isUnionMember: 'Có', chapterCode: '', joinedAt: '01/03/2024', status: '', leftAt: '',
    consentLending: '', consentBank: '', consentReference: '', ...overrides,
  });
  const file = async (rows: Record<string, string>[]) => ({ fileName: 'thanh-vien.csv', data: await streamToBuffer(writeCsv(MEMBER_SPEC, rows)) });
  const importRows = async (rows: Record<string, string>[]) => runImport(importer, 'members', await file(rows), { dryRun: false, locale: 'vi' });

  it('records the consents of the file\'s columns as given on the paper form; re-importing or importing the export changes nothing; then she may borrow', async () => {
    const group = await makeGroup(c(), 'VBSP', 'DY-1');
    const rows = [
      row({ groupCode: group.code, consentLending: '05/01/2026', consentBank: '05/01/2026', consentReference: 'PĐY-2026-015' }),
      row({ groupCode: group.code, fullName: 'Lê Thị Chưa', consentLending: '06/01/2026', consentReference: 'PĐY-2026-016' }),
      row({ groupCode: group.code, fullName: 'Lê Thị Không' }),
    ];
    expect(await importRows(rows)).toMatchObject({ ok: true, created: 3 });
    const [both, lendingOnly, none] = await Promise.all(rows.map((r) => db.member.findFirstOrThrow({ where: { nationalId: r.nationalId } })));
    expect(await db.memberConsent.findMany({ where: { memberId: both!.id }, select: { purpose: true, action: true, method: true, reference: true, recordedById: true }, orderBy: { purpose: 'asc' } })).toEqual([
      { purpose: 'LENDING_SAVINGS', action: 'GIVEN', method: 'PAPER_FORM', reference: 'PĐY-2026-015', recordedById: importer.userId },
      { purpose: 'BANK_SHARING', action: 'GIVEN', method: 'PAPER_FORM', reference: 'PĐY-2026-015', recordedById: importer.userId },
    ]);
    expect(await db.memberConsent.count({ where: { memberId: none!.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entity: 'MemberConsent', after: { path: ['memberId'], equals: both!.id } } })).toBe(2);

    expect(await importRows(rows)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    const { stream } = await exportRegister(importer, 'members', 'csv');
    const exported = await readTable({ fileName: 'tv.csv', data: await streamToBuffer(stream) }, MEMBER_SPEC);
    const cells = (nationalId: string) => {
      const v = exported.rows.find((r) => r.values.nationalId === nationalId)!.values;
      return [v.consentLending, v.consentBank, v.consentReference];
    };
    expect(cells(rows[0]!.nationalId)).toEqual(['05/01/2026', '05/01/2026', 'PĐY-2026-015']);
    expect(cells(rows[1]!.nationalId)).toEqual(['06/01/2026', '', 'PĐY-2026-016']);
    expect(cells(rows[2]!.nationalId)).toEqual(['', '', '']);
    const { stream: again } = await exportRegister(importer, 'members', 'xlsx');
    const reimported = await runImport(importer, 'members', { fileName: 'tv.xlsx', data: await streamToBuffer(again) }, { dryRun: false, locale: 'vi' });
    expect(reimported).toMatchObject({ ok: true, created: 0, updated: 0 });

    expect((await borrow(both!.id)).status).toBe('APPLIED');
    expect(await failure(borrow(lendingOnly!.id))).toMatchObject({ params: { missing: 'BANK_SHARING' } });
    expect(await failure(borrow(none!.id))).toMatchObject({ params: { missing: 'BOTH' } });

    // A later form for an existing member is recorded (an update); a blank never withdraws.
    const later = [rows[0]!, { ...rows[1]!, consentBank: '10/01/2026' }, rows[2]!];
    expect(await importRows(later)).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 2 });
    expect((await borrow(lendingOnly!.id)).status).toBe('APPLIED');
    expect(await db.auditLog.count({ where: { action: 'member.update', entityId: lendingOnly!.id } })).toBe(0);
  });

  it('refuses a consent date without the form\'s reference, after today, or before her latest record, naming the row and column', async () => {
    const member = await memberWithout(c());
    await give(member.id, 'LENDING_SAVINGS', daysAgo(0), importer);
    const fresh = row({ consentLending: '05/01/2026' });
    const tomorrow = row({ consentBank: daysAgo(-1).split('-').reverse().join('/'), consentReference: 'PĐY-1' });
    const existing = await db.member.findUniqueOrThrow({ where: { id: member.id } });
    const earlier = row({ nationalId: existing.nationalId, fullName: existing.fullName, birthYear: '1980', householdCategory: 'Hộ nghèo', consentLending: '05/01/2020', consentReference: 'PĐY-2' });
    const result = await importRows([fresh, tomorrow, earlier]);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Số phiếu đồng ý'],
      [3, 'Đồng ý chia sẻ với NHCSXH (ngày)'],
      [4, 'Đồng ý tham gia vay vốn và tiết kiệm (ngày)'],
    ]);
    expect(result.issues[0]!.message).toBe('Số phiếu đồng ý không được để trống.');
    expect(result.issues[2]!.message).toContain('Thành viên đã có ghi nhận ngày');
    expect(await db.memberConsent.count({ where: { memberId: member.id } })).toBe(1);
  });
});
