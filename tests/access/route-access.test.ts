import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { homeOf, loadRouteHandlers, type OrgTree, type RouteHandler } from './route-harness';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { ROUTE_MANIFEST, type RouteDeclaration } from '@/lib/api/manifest';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { can, ROLES } from '@/lib/auth/permissions';
import type { Role } from '@/lib/db';
import { applyForLoan } from '@/lib/loans';

// The route manifest walked against every handler: every handler is declared; without credentials
// 401; every role lacking the declared permission 403; reads of one resource 200 inside the
// reader's subtree and 404 outside it (own unit, child, sibling, other district).

useTestDatabase();

let handlers = new Map<string, RouteHandler>();

let tree: OrgTree;
const actors = new Map<Role, Actor & { token: string }>();
const resources: Record<'group' | 'loan' | 'member' | 'orgUnit', Map<string, string>> = { group: new Map(), loan: new Map(), member: new Map(), orgUnit: new Map() };

beforeAll(async () => {
  handlers = await loadRouteHandlers();
  tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  for (const role of ROLES) {
    const actor = await actorFor(role, homeOf(role, tree));
    actors.set(role, { ...actor, token: (await issueApiToken(actor.userId, actor.username, null)).token });
  }
  // One of each resource in: the commune officer's commune, its sibling, and a commune of the other district.
  for (const commune of [tree.communes[0]!, tree.communes[1]!, tree.communes[2]!]) {
    const officer = await actorFor('COMMUNE_OFFICER', commune);
    const group = await makeGroup(commune);
    const [member] = await addMembers(commune, group.id, 1);
    const loan = await applyForLoan(officer, { memberId: member!.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Chăn nuôi' });
    resources.group.set(commune.id, group.id);
    resources.loan.set(commune.id, loan.id);
    resources.member.set(commune.id, member!.id);
    resources.orgUnit.set(commune.id, commune.id);
  }
}, 180_000);

async function call(d: RouteDeclaration, { token, id }: { token?: string; id: string }) {
  const handler = handlers.get(`${d.method} ${d.route}`)!;
  const dynamic = Object.fromEntries([...d.route.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, d.params?.[name!] ?? id]));
  const url = `http://127.0.0.1/api/v1/${d.route.replace(/\[(\w+)\]/g, (_, name: string) => dynamic[name]!)}${d.query ? `?${d.query}` : ''}`;
  const body = d.method === 'GET' || d.method === 'DELETE' ? undefined : '{}';
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return handler(new Request(url, { method: d.method, headers, body }), { params: Promise.resolve(dynamic) });
}

const label = (d: RouteDeclaration) => `${d.method} /api/v1/${d.route}${d.params ? ` ${JSON.stringify(d.params)}` : ''}`;
const someId = () => resources.group.get(tree.communes[0]!.id)!;

describe('route manifest', () => {
  it('declares every handler, and every declaration names a handler', () => {
    const declared = new Set(ROUTE_MANIFEST.map((d) => `${d.method} ${d.route}`));
    expect([...handlers.keys()].filter((h) => !declared.has(h))).toEqual([]);
    expect([...declared].filter((d) => !handlers.has(d))).toEqual([]);
  });

  it('answers 401 to every non-public call with an unknown token', async () => {
    const wrong: string[] = [];
    for (const d of ROUTE_MANIFEST.filter((x) => x.access !== 'public')) {
      // (Without any header the handler asks Next for the session cookie, which needs a live request.)
      const status = (await call(d, { token: 'hlv_not-a-token', id: someId() })).status;
      if (status !== 401) wrong.push(`${label(d)} → ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every role lacking the declared permission', async () => {
    const wrong: string[] = [];
    for (const d of ROUTE_MANIFEST.filter((x) => x.access !== 'public' && x.access !== 'self')) {
      for (const role of ROLES.filter((r) => !can(r, d.access as never))) {
        const status = (await call(d, { token: actors.get(role)!.token, id: someId() })).status;
        if (status !== 403) wrong.push(`${role} ${label(d)} → ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads one resource inside the reader\'s subtree (200) and never outside it (404)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const d of ROUTE_MANIFEST.filter((x) => x.resource)) {
      for (const role of ROLES.filter((r) => can(r, d.access as never))) {
        const actor = actors.get(role)!;
        for (const commune of [tree.communes[0]!, tree.communes[1]!, tree.communes[2]!]) {
          const inScope = commune.path.startsWith(homeOf(role, tree).path);
          const status = (await call(d, { token: actor.token, id: resources[d.resource!].get(commune.id)! })).status;
          checked += 1;
          if (status !== (inScope ? 200 : 404)) wrong.push(`${role} ${label(d)} on ${commune.code} → ${status} (expected ${inScope ? 200 : 404})`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });
});
