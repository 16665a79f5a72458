// GET /api/v1/org-units/:id — one unit with children and breadcrumb; out of scope answers 404.
// PATCH /api/v1/org-units/:id — {name?, parentId?, active?, unionMemberCount?}: rename, move, (de)activate, union members.
// DELETE /api/v1/org-units/:id — only a unit without children or data; others are deactivated.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { deleteOrgUnit, getOrgUnit, updateOrgUnit, type UpdateOrgUnitInput } from '@/lib/org';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getOrgUnit(actor, params.id)));

export const PATCH = apiRoute<Params>(async ({ actor, params, request }) =>
  json(await updateOrgUnit(actor, params.id, (await readJson(request)) as UpdateOrgUnitInput)),
);

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  await deleteOrgUnit(actor, params.id);
  return new Response(null, { status: 204 });
});
