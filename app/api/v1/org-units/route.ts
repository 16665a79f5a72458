// GET /api/v1/org-units — the tree within the caller's scope (and the same units as a flat list).
// POST /api/v1/org-units — {code, name, parentId} creates a unit under parentId (org:manage).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { buildTree, createOrgUnit, listOrgUnits, type CreateOrgUnitInput } from '@/lib/org';

export const GET = apiRoute(async ({ actor }) => {
  const units = await listOrgUnits(actor);
  return json({ tree: buildTree(units, actor.orgUnitId), units });
});

export const POST = apiRoute(async ({ actor, request }) => {
  const unit = await createOrgUnit(actor, (await readJson(request)) as CreateOrgUnitInput);
  return json(unit, 201);
});
