import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { OrgUnit, Role } from '@/lib/db';
import type { createOrgTree } from '@/tests/factories/org';

// What the route access tests share: every /api/v1 handler by "METHOD route", and each role's home
// unit in the test tree (the commune officer in communes[0], district roles in districts[0]).

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type OrgTree = Awaited<ReturnType<typeof createOrgTree>>;

const API_DIR = path.join('app', 'api', 'v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? routeFiles(file) : name === 'route.ts' ? [file] : [];
  });
}
const routeOf = (file: string) => path.relative(API_DIR, path.dirname(file)).split(path.sep).join('/');

/** Every exported handler of app/api/v1/**\/route.ts, keyed "POST loans/[id]/[action]". */
export async function loadRouteHandlers(): Promise<Map<string, RouteHandler>> {
  const handlers = new Map<string, RouteHandler>();
  for (const file of routeFiles()) {
    const exported = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, RouteHandler>;
    for (const method of METHODS) if (exported[method]) handlers.set(`${method} ${routeOf(file)}`, exported[method]);
  }
  return handlers;
}

/** The unit each role works from in the test tree. */
export function homeOf(role: Role, tree: OrgTree): OrgUnit {
  const homes: Record<Role, OrgUnit> = {
    ADMIN: tree.province,
    PROVINCE_OFFICER: tree.province,
    DISTRICT_LEADER: tree.districts[0]!,
    COMMUNE_OFFICER: tree.communes[0]!,
    BANK_LIAISON: tree.districts[0]!,
  };
  return homes[role];
}
