// GET /api/v1/groups/:id — the group, its active members (CCCD and phone masked per role), size rules and flag.
// PATCH /api/v1/groups/:id — {name?, chapterId?, programmeKind?, leaderId?, deputyId?, meetingDay?, foundingDecisionNo?,
// foundingDecisionDate?}: the leader (tổ trưởng) and deputy are active members of the group; null clears a field.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { getGroup, updateGroup, type UpdateGroupInput } from '@/lib/groups';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getGroup(actor, params.id)));

export const PATCH = apiRoute<Params>(async ({ actor, params, request }) =>
  json(await updateGroup(actor, params.id, (await readJson(request)) as UpdateGroupInput)),
);
