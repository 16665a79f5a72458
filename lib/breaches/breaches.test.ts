import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import type { Actor } from '@/lib/auth/actor';
import { setClock } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { translateError } from '@/lib/i18n/translate';
import { closeBreach, listBreaches, recordBreach, recordBreachNotice } from './index';

// The breach register (issue 24 §5): the 72 hours from detection to the authority's notice are
// counted on the application's clock in Vietnam time, the register says what is due and what is
// late, each step is audited, and an administrator sees her own subtree only.

useTestDatabase();

let admin: Actor;
let otherAdmin: Actor;
let officer: Actor;
let tree: Awaited<ReturnType<typeof createOrgTree>>;

beforeAll(async () => {
  // 10:00 in Vietnam on 31/12/2026: the deadline of a breach found at 08:30 falls in the new year.
  setClock('2026-12-31T10:00:00+07:00');
  tree = await createOrgTree();
  admin = await actorFor('ADMIN', tree.districts[0]!);
  otherAdmin = await actorFor('ADMIN', tree.districts[1]!);
  officer = await actorFor('PROVINCE_OFFICER', tree.province);
});
afterAll(() => setClock(null));

const breach = (overrides: Record<string, unknown> = {}) => ({
  title: 'Máy tính xách tay có bản xuất danh sách thành viên bị mất',
  description: 'Cán bộ để quên máy ở quán; tệp XLSX danh sách 120 thành viên chưa mã hóa.',
  detectedOn: '31/12/2026', detectedTime: '08:30', dataCategories: ['IDENTITY', 'NATIONAL_ID', 'HOUSEHOLD'], peopleAffected: 120,
  ...overrides,
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the breach register', () => {
  it('counts 72 hours from detection in Vietnam time, across the new year, and says how long is left', async () => {
    const recorded = await recordBreach(admin, breach());
    expect(recorded.detectedAt.toISOString()).toBe('2026-12-31T01:30:00.000Z');
    expect(recorded.deadline.toISOString()).toBe('2027-01-03T01:30:00.000Z'); // 08:30 on 03/01/2027 in Vietnam
    expect(recorded).toMatchObject({ authority: 'DUE', hoursLeft: 70, orgUnitId: tree.districts[0]!.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'breach.record', entityId: recorded.id } });
    expect(audit.after).toMatchObject({ peopleAffected: 120, dataCategories: ['IDENTITY', 'NATIONAL_ID', 'HOUSEHOLD'] });

    setClock('2027-01-03T08:31:00+07:00');
    const [late] = await listBreaches(admin);
    expect(late).toMatchObject({ id: recorded.id, authority: 'OVERDUE', hoursLeft: null });
    setClock('2026-12-31T10:00:00+07:00');
  });

  it('records the notices once each: on the deadline day on time, after it late; closing needs the authority told', async () => {
    const onTime = await recordBreach(admin, breach({ title: 'Gửi nhầm danh sách qua Zalo' }));
    expect((await failure(closeBreach(admin, onTime.id, { date: '31/12/2026' }))).messageKey).toBe('breaches.closeBeforeNotice');
    setClock('2027-01-03T20:00:00+07:00');
    expect(await recordBreachNotice(admin, onTime.id, { to: 'AUTHORITY', date: '03/01/2027' })).toMatchObject({ authority: 'ON_TIME' });
    expect((await failure(recordBreachNotice(admin, onTime.id, { to: 'AUTHORITY', date: '03/01/2027' }))).code).toBe('CONFLICT');
    await recordBreachNotice(admin, onTime.id, { to: 'PEOPLE', date: '03/01/2027' });
    expect(await closeBreach(admin, onTime.id, { date: '03/01/2027' })).toMatchObject({ closedOn: new Date('2027-01-03T00:00:00Z') });
    expect(await db.auditLog.count({ where: { entityId: onTime.id, action: { in: ['breach.notice', 'breach.close'] } } })).toBe(3);

    setClock('2026-12-31T10:00:00+07:00');
    const late = await recordBreach(admin, breach({ title: 'Tài khoản cán bộ bị lộ mật khẩu', dataCategories: ['USERS'] }));
    setClock('2027-01-05T09:00:00+07:00');
    expect(await recordBreachNotice(admin, late.id, { to: 'AUTHORITY', date: '04/01/2027' })).toMatchObject({ authority: 'LATE' });
    setClock('2026-12-31T10:00:00+07:00');
  });

  it('refuses, naming the field in Vietnamese, a detection in the future, a bad time, no category, a notice before detection', async () => {
    const future = await failure(recordBreach(admin, breach({ detectedTime: '10:30' })));
    expect(translateError('vi', future).fields.detectedTime).toBe('Thời điểm phát hiện không được sau lúc này.');
    expect(translateError('vi', await failure(recordBreach(admin, breach({ detectedTime: '8h30' })))).fields.detectedTime).toBe('Giờ phải có dạng HH:mm, ví dụ 14:30.');
    expect(translateError('vi', await failure(recordBreach(admin, breach({ dataCategories: [] })))).fields.dataCategories).toBe('Chọn ít nhất một loại dữ liệu bị ảnh hưởng.');
    expect(Object.keys((await failure(recordBreach(admin, breach({ detectedOn: '01/01/2027' })))).fields)).toEqual(['detectedOn']);
    const found = await recordBreach(admin, breach({ title: 'Phát hiện muộn' }));
    expect((await failure(recordBreachNotice(admin, found.id, { to: 'PEOPLE', date: '30/12/2026' }))).fields).toHaveProperty('date');
  });

  it('is the administrators\' own: another district\'s administrator neither sees nor changes it; an officer may not keep it', async () => {
    const mine = await recordBreach(admin, breach({ title: 'Chỉ huyện này' }));
    expect((await listBreaches(otherAdmin)).map((b) => b.id)).not.toContain(mine.id);
    expect((await failure(recordBreachNotice(otherAdmin, mine.id, { to: 'AUTHORITY', date: '31/12/2026' }))).code).toBe('NOT_FOUND');
    expect((await failure(recordBreach(admin, breach({ orgUnitId: tree.districts[1]!.id })))).code).toBe('NOT_FOUND');
    expect((await failure(listBreaches(officer))).code).toBe('FORBIDDEN');
  });
});
