import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { loadRouteHandlers, type RouteHandler } from './route-harness';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { setClock } from '@/lib/clock';
import { db, type Role } from '@/lib/db';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';

// An integrator loading a district's records through the API (issue 21, section 8): paged lists of
// groups (with their open loans and outstanding), members and savings accounts, changed since a time;
// the loan programmes; a group's leader and deputy set by PATCH; every unknown path a JSON 404.

useTestDatabase();

let handlers = new Map<string, RouteHandler>();
let tree: Awaited<ReturnType<typeof createOrgTree>>;
const tokens = new Map<Role, string>();
let groupId = '';
let memberIds: string[] = [];

beforeAll(async () => {
  setClock('2026-06-30');
  handlers = await loadRouteHandlers();
  tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  const commune = tree.communes[0]!;
  const actors: [Role, Actor][] = [
    ['COMMUNE_OFFICER', await actorFor('COMMUNE_OFFICER', commune)],
    ['DISTRICT_LEADER', await actorFor('DISTRICT_LEADER', tree.districts[0]!)],
    ['PROVINCE_OFFICER', await actorFor('PROVINCE_OFFICER', tree.province)],
  ];
  for (const [role, actor] of actors) tokens.set(role, (await issueApiToken(actor.userId, actor.username, null)).token);
  const [officer, leader] = [actors[0]![1], actors[1]![1]];
  const group = await makeGroup(commune, 'VBSP', 'TK-API');
  groupId = group.id;
  const members = await addMembers(commune, group.id, 3);
  memberIds = members.map((m) => m.id);
  await disbursedLoanOn(officer, leader, members[0]!, programmes.HN!, '10.000.000', '2026-02-10');
  await disbursedLoanOn(officer, leader, members[1]!, programmes.HN!, '6.000.000', '2026-02-10');
  const tknh = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKNH' } });
  const account = await openSavingsAccount(officer, { memberId: members[0]!.id, schemeId: tknh.id, openedAt: '2026-02-10' });
  await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-03-05', amount: '150.000' });
  // Another group changed long ago: a sync "since" skips it.
  const old = await makeGroup(commune, 'VBSP', 'TK-CU');
  await db.$executeRaw`UPDATE "Group" SET "updatedAt" = '2020-01-01T00:00:00Z' WHERE "id" = ${old.id}::uuid`;
}, 120_000);

afterAll(() => setClock(null));

async function call(method: string, route: string, role: Role, { params = {}, query = '', body }: { params?: Record<string, string>; query?: string; body?: unknown } = {}) {
  const path = route.replace(/\[(\w+)\]/g, (_, name: string) => params[name]!);
  const handler = handlers.get(`${method} ${route}`)!;
  const request = new Request(`http://127.0.0.1/api/v1/${path}${query ? `?${query}` : ''}`, {
    method, headers: { authorization: `Bearer ${tokens.get(role)}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

describe('the API for integrators', () => {
  it('lists groups with their open loans and outstanding, changed since a time', async () => {
    const all = await call('GET', 'groups', 'DISTRICT_LEADER');
    expect(all.status).toBe(200);
    const row = all.body.groups.find((g: { code: string }) => g.code === 'TK-API');
    expect(row).toMatchObject({ id: groupId, memberCount: 3, openLoans: 2, outstanding: 16_000_000 });
    const since = await call('GET', 'groups', 'DISTRICT_LEADER', { query: 'updatedSince=2026-01-01' });
    expect(since.body.groups.map((g: { code: string }) => g.code)).toEqual(['TK-API']);
    const wrong = await call('GET', 'groups', 'DISTRICT_LEADER', { query: 'updatedSince=hôm qua' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toHaveProperty('updatedSince');
  });

  it('lists members with CCCD and phone as the role may see them, and no internal keys', async () => {
    const officer = await call('GET', 'members', 'COMMUNE_OFFICER', { query: `groupId=${groupId}` });
    const leader = await call('GET', 'members', 'DISTRICT_LEADER', { query: `groupId=${groupId}` });
    expect(officer.body.total).toBe(3);
    const full = await db.member.findUniqueOrThrow({ where: { id: memberIds[0]! } });
    const mine = (r: typeof officer) => r.body.members.find((m: { id: string }) => m.id === full.id);
    expect(mine(officer).nationalId).toBe(full.nationalId);
    expect(mine(leader).nationalId).toMatch(/^\d{3}\*+\d{2}$/);
    for (const key of ['activeNationalId', 'searchName', 'sortKey']) expect(mine(leader)).not.toHaveProperty(key);
    // The member's own page masks the same way.
    expect((await call('GET', 'members/[id]', 'DISTRICT_LEADER', { params: { id: full.id } })).status).toBe(422); // a leader says why she reads (decision 025)
    expect((await call('GET', 'members/[id]', 'DISTRICT_LEADER', { params: { id: full.id }, query: 'purpose=INSPECTION' })).body.nationalId).toMatch(/\*/);
  });

  it('lists savings accounts with balances, and the programmes; creates a programme', async () => {
    const accounts = await call('GET', 'savings/accounts', 'DISTRICT_LEADER', { query: `groupId=${groupId}` });
    expect(accounts.body.accounts).toEqual([expect.objectContaining({ scheme: expect.objectContaining({ code: 'TKNH' }), balance: 150_000 })]);
    expect((await call('GET', 'savings/accounts', 'DISTRICT_LEADER', { query: 'updatedSince=2030-01-01' })).body.total).toBe(0);
    const programmes = await call('GET', 'programmes', 'DISTRICT_LEADER');
    expect(programmes.body.programmes.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['HN', 'QQV']));
    const created = await call('POST', 'programmes', 'PROVINCE_OFFICER', {
      body: {
        code: 'NSVS2', name: 'Nước sạch (thử)', fundSource: 'VBSP', interestMethod: 'DECLINING', monthlyRate: '0,9', rateFrom: '2026-01-01', overdueMultiplierPct: 130,
        minTermMonths: 12, maxTermMonths: 60, minAmount: '1.000.000', maxAmount: '25.000.000', principalFrequency: 'MONTHLY', graceMonths: 0,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.code).toBe('NSVS2');
    expect((await call('POST', 'programmes', 'DISTRICT_LEADER', { body: {} })).status).toBe(403);
  });

  it('sets a group\'s leader and deputy', async () => {
    const patched = await call('PATCH', 'groups/[id]', 'COMMUNE_OFFICER', { params: { id: groupId }, body: { leaderId: memberIds[1], deputyId: memberIds[2] } });
    expect(patched.status).toBe(200);
    const group = await call('GET', 'groups/[id]', 'DISTRICT_LEADER', { params: { id: groupId } });
    expect([group.body.group.leader.id, group.body.group.deputy.id]).toEqual([memberIds[1], memberIds[2]]);
    const same = await call('PATCH', 'groups/[id]', 'COMMUNE_OFFICER', { params: { id: groupId }, body: { deputyId: memberIds[1] } });
    expect(same.status).toBe(422);
  });

  it('answers an unknown path with the JSON error, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
      const response = await call(method, '[...path]', 'DISTRICT_LEADER', { params: { path: 'khong-co' } });
      expect(response.status).toBe(404);
      expect(response.type).toContain('application/json');
      expect(response.body.error).toMatchObject({ code: 'NOT_FOUND', key: 'errors.notFound' });
    }
  });
});
