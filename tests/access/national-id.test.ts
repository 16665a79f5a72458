import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_MANIFEST } from '@/lib/api/manifest';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { setClock } from '@/lib/clock';
import type { Member } from '@/lib/db';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { loadRouteHandlers, type RouteHandler } from './route-harness';

// The full CCCD only for roles with pii:nationalId (issue 22 §3): every GET of the API — lists,
// a loan, a member, a group, its sheet, reports, exports in every format they offer — read by a
// district leader carries no borrower's full CCCD, while the commune officer's reads do carry it
// (so the test can fail). The masked form (036*******45) is what the leader gets.

useTestDatabase();

let handlers: Map<string, RouteHandler>;
let member: Member;
let ids: Record<'group' | 'loan' | 'member' | 'orgUnit', string>;
let leader: Actor & { token: string };
let officer: Actor & { token: string };

beforeAll(async () => {
  setClock('2026-06-30');
  handlers = await loadRouteHandlers();
  const tree = await createOrgTree();
  const commune = tree.communes[0]!;
  const withToken = async (actor: Actor) => ({ ...actor, token: (await issueApiToken(actor.userId, actor.username, null)).token });
  officer = await withToken(await actorFor('COMMUNE_OFFICER', commune));
  leader = await withToken(await actorFor('DISTRICT_LEADER', tree.districts[0]!));
  const group = await makeGroup(commune);
  [member] = await addMembers(commune, group.id, 1);
  const loan = await disbursedLoanOn(officer, leader, member!, (await ensureProgrammes()).HN!, '10.000.000', '2026-03-10');
  ids = { group: group.id, loan: loan.id, member: member!.id, orgUnit: commune.id };
}, 120_000);
afterAll(() => setClock(null));

const idFor = (route: string) =>
  route.startsWith('loans/') ? ids.loan : route.startsWith('members/') ? ids.member : route.startsWith('org-units/') ? ids.orgUnit : ids.group;

/** Every GET the reader may call, in each text format it offers (JSON, and CSV where it has one). */
async function readEverything(reader: { token: string }) {
  const bodies: { route: string; status: number; text: string }[] = [];
  for (const d of ROUTE_MANIFEST.filter((x) => x.method === 'GET' && x.access !== 'public' && !x.route.includes('file') && !x.route.includes('xlsx'))) {
    const dynamic = Object.fromEntries([...d.route.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, d.params?.[name!] ?? idFor(d.route)]));
    const path = d.route.replace(/\[(\w+)\]/g, (_, name: string) => dynamic[name]!);
    for (const format of ['', 'format=csv']) {
      const query = [d.query, format, `orgUnitId=${ids.orgUnit}`].filter(Boolean).join('&');
      const response = await handlers.get(`GET ${d.route}`)!(
        new Request(`http://127.0.0.1/api/v1/${path}?${query}`, { headers: { authorization: `Bearer ${reader.token}` } }),
        { params: Promise.resolve(dynamic) },
      );
      bodies.push({ route: `${path}?${query}`, status: response.status, text: await response.text() });
    }
  }
  return bodies;
}

describe('the full CCCD', () => {
  it('never reaches a district leader through the API, and does reach the commune officer', async () => {
    const leaks = (await readEverything(leader)).filter((b) => b.text.includes(member.nationalId)).map((b) => b.route);
    expect(leaks).toEqual([]);
    const officerReads = (await readEverything(officer)).filter((b) => b.text.includes(member.nationalId)).map((b) => b.route.split('?')[0]);
    expect(officerReads).toEqual(expect.arrayContaining([`members/${ids.member}`, `loans/${ids.loan}`, 'members']));
    const masked = `${member.nationalId.slice(0, 3)}*******${member.nationalId.slice(-2)}`;
    const leaderMember = (await readEverything(leader)).find((b) => b.route.startsWith(`members/${ids.member}?`) && b.status === 200);
    expect(leaderMember?.text).toContain(masked);
  }, 180_000);
});
