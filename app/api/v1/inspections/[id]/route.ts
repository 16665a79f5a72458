// GET /api/v1/inspections/:id — the record with its findings, follow-ups and attachments (metadata).
import { apiRoute, json } from '@/lib/api/route';
import { getInspection } from '@/lib/inspections';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await getInspection(actor, params.id)));
