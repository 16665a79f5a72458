import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { revalidatePath } from 'next/cache';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { makeGroup } from '@/tests/factories/registers';
import { ACTION_MANIFEST } from '@/lib/api/manifest';
import type { Actor } from '@/lib/auth/actor';
import { can, ROLES } from '@/lib/auth/permissions';
import { db, type Role } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { catalogues } from '@/lib/i18n/messages';

// Server actions are public endpoints too. Each one is declared with the permission its service
// requires, and runs through the real runAction (lib/api/action.ts): the session is looked up, the
// actor loaded from the database, the service's AppError mapped to a message in the user's language.
// Only what exists solely inside a Next request is stood in for, at the lowest level: the session
// cookie's decoded content (next-auth's getServerSession), the request's headers and cookies
// (next/headers), the cache revalidation (next/cache), and next-intl's request-bound translator,
// which is rebuilt here from the real catalogues.

const request = vi.hoisted(() => ({ session: null as { userId: string; issuedAt?: number } | null, locale: undefined as string | undefined }));

vi.mock('next-auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('next-auth')>()), getServerSession: async () => request.session }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-request-id': 'action-access-test' }),
  cookies: async () => ({
    get: (name: string) => (name === 'NEXT_LOCALE' && request.locale ? { name, value: request.locale } : undefined),
    set: () => undefined,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => {
    const locale = toLocale(request.locale);
    return createTranslator({ locale, messages: catalogues[locale], namespace: namespace as never });
  },
}));

useTestDatabase();

type ActionError = { code: string; key: string; message: string; fields: Record<string, string> };
type Action = (state: null, form: FormData) => Promise<{ ok: boolean; message?: string; error?: ActionError }>;

function actionFiles(dir = 'app'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? actionFiles(file) : name === 'actions.ts' && readFileSync(file, 'utf8').startsWith("'use server'") ? [file] : [];
  });
}
const load = async (file: string, name: string) => ((await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, Action>)[name]!;
const form = (fields: Record<string, string> = {}) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const signIn = (actor: Actor | null, locale?: string) => {
  request.session = actor ? { userId: actor.userId, issuedAt: Math.floor(Date.now() / 1000) } : null;
  request.locale = locale;
};
/** What the action threw, or null. */
const thrown = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error & { digest?: string });

let tree: Awaited<ReturnType<typeof createOrgTree>>;
const actors = new Map<Role, Actor>();
const gated = ACTION_MANIFEST.filter((a) => a.access !== 'locale' && a.access !== 'self');

beforeAll(async () => {
  tree = await createOrgTree();
  for (const role of ROLES) actors.set(role, await actorFor(role, role === 'COMMUNE_OFFICER' ? tree.communes[0]! : role === 'DISTRICT_LEADER' || role === 'BANK_LIAISON' ? tree.districts[0]! : tree.province));
});
beforeEach(() => {
  signIn(null);
  vi.mocked(revalidatePath).mockClear();
});

describe('server actions', () => {
  it('are all declared with their permission, and every declaration names an action', async () => {
    const found: string[] = [];
    for (const file of actionFiles()) {
      const exported = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) if (typeof value === 'function') found.push(`${file.split(path.sep).join('/')}#${name}`);
    }
    const declared = ACTION_MANIFEST.map((a) => `${a.file}#${a.name}`);
    expect(found.filter((f) => !declared.includes(f))).toEqual([]);
    expect(declared.filter((d) => !found.includes(d))).toEqual([]);
  });

  it('refuse every role lacking the permission with the Vietnamese message, and write nothing', async () => {
    const audited = await db.auditLog.count();
    const wrong: string[] = [];
    for (const declaration of gated) {
      const action = await load(declaration.file, declaration.name);
      for (const role of ROLES.filter((r) => !can(r, declaration.access as never))) {
        signIn(actors.get(role)!);
        const result = await action(null, form());
        const expected = { ok: false, error: { code: 'FORBIDDEN', key: 'errors.forbidden', message: 'Bạn không có quyền thực hiện thao tác này.', fields: {} } };
        if (JSON.stringify({ ok: result.ok, error: result.error }) !== JSON.stringify(expected)) wrong.push(`${role} ${declaration.name} → ${JSON.stringify(result)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await db.auditLog.count()).toBe(audited);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('answer in the language of the user\'s cookie', async () => {
    signIn(actors.get('BANK_LIAISON')!, 'en');
    const result = await (await load('app/(app)/groups/actions.ts', 'createGroupAction'))(null, form());
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'You are not allowed to do this.' } });
  });

  it('send a visitor without a valid session to the sign-in page, for every action, without running it', async () => {
    const audited = await db.auditLog.count();
    const notRedirected: string[] = [];
    const deactivated = await actorFor('PROVINCE_OFFICER', tree.province);
    await db.user.update({ where: { id: deactivated.userId }, data: { active: false } });
    const passwordChanged = await actorFor('PROVINCE_OFFICER', tree.province);
    for (const declaration of gated) {
      const action = await load(declaration.file, declaration.name);
      for (const [who, session] of [
        ['signed out', null],
        ['deactivated', { userId: deactivated.userId }],
        // A session issued an hour before the password was changed no longer counts.
        ['old session', { userId: passwordChanged.userId, issuedAt: Math.floor(Date.now() / 1000) - 3600 }],
      ] as const) {
        request.session = session;
        const error = await thrown(action(null, form()));
        if (!error?.digest?.startsWith('NEXT_REDIRECT;replace;/login;')) notRedirected.push(`${who} ${declaration.name} → ${error?.digest ?? String(error)}`);
      }
    }
    expect(notRedirected).toEqual([]);
    expect(await db.auditLog.count()).toBe(audited);
  });

  it('let a permitted user act in her scope, with the service\'s message and the form\'s faults translated', async () => {
    const officer = actors.get('COMMUNE_OFFICER')!;
    const createGroup = await load('app/(app)/groups/actions.ts', 'createGroupAction');
    signIn(officer);
    const created = await createGroup(null, form({ orgUnitId: tree.communes[0]!.id, code: 'to-01', name: 'Tổ Hoa Sen', programmeKind: 'VBSP' }));
    expect(created).toMatchObject({ ok: true, message: 'Đã thêm tổ TO-01.' });
    const group = await db.group.findFirstOrThrow({ where: { orgUnitId: tree.communes[0]!.id, code: 'TO-01' } });
    expect(group.name).toBe('Tổ Hoa Sen');
    expect(revalidatePath).toHaveBeenCalledWith('/groups');
    expect(await db.auditLog.count({ where: { entityId: group.id, actorId: officer.userId } })).toBe(1);

    // A fault on the form comes back next to its field, in words.
    expect(await createGroup(null, form({ orgUnitId: tree.communes[0]!.id, code: 'TO-02', name: '', programmeKind: 'VBSP' }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Dữ liệu chưa hợp lệ: Tên không được để trống.', fields: { name: 'Tên không được để trống.' } },
    });
    signIn(officer, 'en');
    expect(await createGroup(null, form({ orgUnitId: tree.communes[0]!.id, code: 'TO-02', name: '', programmeKind: 'VBSP' }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Some data is not valid: Name is required.', fields: { name: 'Name is required.' } },
    });

    // Another commune's group does not exist for her: NOT_FOUND, not FORBIDDEN, and unchanged.
    const elsewhere = await makeGroup(tree.communes[1]!);
    signIn(officer);
    const renamed = await (await load('app/(app)/groups/actions.ts', 'updateGroupAction'))(null, form({ id: elsewhere.id, name: 'Đổi tên' }));
    expect(renamed).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy trang hoặc dữ liệu này, hoặc nó nằm ngoài phạm vi đơn vị của bạn.' } });
    expect((await db.group.findUniqueOrThrow({ where: { id: elsewhere.id } })).name).toBe(elsewhere.name);
  });
});
