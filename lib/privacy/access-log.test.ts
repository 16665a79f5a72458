import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { failure } from '@/tests/factories/failure';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { GET as getMemberRoute } from '@/app/api/v1/members/[id]/route';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { db, type Member } from '@/lib/db';
import { exportRegister } from '@/lib/imports/export-register';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { readMember } from '@/lib/members';
import { listPersonalDataAccess } from './list-access';

// Issue 24 §4: every read of a member's identifying data by a person leaves one entry — who, how,
// which personal data was given in full, why — and an entry never claims data the reader did not get.

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
let liaison: Actor;
let admin: Actor;
let her: Member;
const entriesAbout = (memberId: string) => db.personalDataAccess.findMany({ where: { OR: [{ memberId }, { memberIds: { has: memberId } }] }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
  admin = await actorFor('ADMIN', tree.province);
  const group = await makeGroup(tree.communes[0]!, 'VBSP');
  [her] = await addMembers(tree.communes[0]!, group.id, 3);
}, 60_000);

async function apiRead(actor: Actor, memberId: string, query = '') {
  const { token } = await issueApiToken(actor.userId, actor.username, null);
  const request = new Request(`http://127.0.0.1/api/v1/members/${memberId}${query}`, { headers: { authorization: `Bearer ${token}` } });
  return getMemberRoute(request, { params: Promise.resolve({ id: memberId }) });
}

describe('the personal data access log', () => {
  it('records one entry for a page view, one for an API record and one for an export, each naming who and what was given', async () => {
    const before = (await entriesAbout(her.id)).length;
    await readMember(officer, her.id, { via: 'DETAIL_PAGE', shown: () => ['fullName', 'nationalId', 'householdCategory'] });
    expect((await apiRead(officer, her.id)).status).toBe(200);
    await streamToBuffer((await exportRegister(officer, 'members', 'csv')).stream);
    const entries = (await entriesAbout(her.id)).slice(before);
    expect(entries.map((e) => e.kind)).toEqual(['DETAIL_PAGE', 'API_RECORD', 'EXPORT']);
    expect(entries.every((e) => e.userId === officer.userId && e.username === officer.username && e.role === 'COMMUNE_OFFICER')).toBe(true);
    expect(entries[0]!.fields).toEqual(['fullName', 'nationalId', 'householdCategory']);
    expect(entries[1]!.fields).toEqual(['fullName', 'nationalId', 'phone', 'address', 'householdCategory']);
    const exported = entries[2]!;
    expect(exported.source).toBe('export.members');
    expect(exported.rowCount).toBe(await db.member.count({ where: { orgUnitId: tree.communes[0]!.id } }));
    expect(exported.memberIds).toContain(her.id);
  });

  it('gives a district leader a masked CCCD, asks her purpose, and never records the CCCD or phone as given', async () => {
    const before = (await entriesAbout(her.id)).length;
    expect((await failure(readMember(leader, her.id, { via: 'DETAIL_PAGE' }))).code).toBe('VALIDATION');
    expect((await apiRead(leader, her.id)).status).toBe(422);
    expect(await entriesAbout(her.id)).toHaveLength(before); // refused before reading: nothing given, nothing recorded
    const response = await apiRead(leader, her.id, '?purpose=INSPECTION');
    const body = (await response.json()) as { nationalId: string; phone: string | null };
    expect(body.nationalId).not.toBe(her.nationalId);
    expect(body.nationalId).toContain('*');
    const [entry] = (await entriesAbout(her.id)).slice(before);
    expect(entry).toMatchObject({ kind: 'API_RECORD', role: 'DISTRICT_LEADER', purpose: 'INSPECTION' });
    expect(entry!.fields).not.toContain('nationalId');
    expect(entry!.fields).not.toContain('phone');
    expect(entry!.fields).toContain('fullName'); // her name is identifying: the read of it is recorded
  });

  it('records a bank liaison as given the CCCD but not the phone she sees masked', async () => {
    const before = (await entriesAbout(her.id)).length;
    const body = (await (await apiRead(liaison, her.id, '?purpose=RECONCILIATION')).json()) as { nationalId: string };
    expect(body.nationalId).toBe(her.nationalId);
    const [entry] = (await entriesAbout(her.id)).slice(before);
    expect(entry!.fields).toContain('nationalId');
    expect(entry!.fields).not.toContain('phone');
  });

  it('records no read of a member outside the reader\'s scope', async () => {
    const stranger = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    const before = await db.personalDataAccess.count({ where: { userId: stranger.userId } });
    expect((await failure(readMember(stranger, her.id, { via: 'DETAIL_PAGE' }))).code).toBe('NOT_FOUND');
    expect(await db.personalDataAccess.count({ where: { userId: stranger.userId } })).toBe(before);
  });

  it('answers the administrator "who looked at her record this year" in one list, and nobody else', async () => {
    const { entries, total, member } = await listPersonalDataAccess(admin, { memberId: her.id });
    expect(member!.fullName).toBe(her.fullName);
    expect(total).toBe((await entriesAbout(her.id)).length);
    expect(new Set(entries.map((e) => e.username))).toEqual(new Set([officer.username, leader.username, liaison.username]));
    expect(entries.find((e) => e.username === leader.username)?.unitName).toBe(tree.districts[0]!.name);
    for (const actor of [officer, leader, liaison]) expect((await failure(listPersonalDataAccess(actor, { memberId: her.id }))).code).toBe('FORBIDDEN');
  });

  it('keeps the log append-only', async () => {
    expect(await db.personalDataAccess.count()).toBeGreaterThan(0);
    await expect(db.personalDataAccess.updateMany({ data: { purpose: 'REPORTING' } })).rejects.toThrow(/append-only/);
    await expect(db.personalDataAccess.deleteMany({})).rejects.toThrow(/append-only/);
  });
});
