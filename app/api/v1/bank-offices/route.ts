// GET /api/v1/bank-offices — the bank's transaction offices of the provinces in scope, with their
// communes and liaisons. POST — {code, name, communeCodes: [..], liaisons?: [usernames]} creates or
// replaces an office (org:manage); its liaisons (bank liaisons of its province) then see exactly its communes.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { listBankOffices, saveBankOffice, type SaveBankOfficeInput } from '@/lib/org/bank-offices';

export const GET = apiRoute(async ({ actor }) => json({ offices: await listBankOffices(actor) }));

export const POST = apiRoute(async ({ actor, request }) => json(await saveBankOffice(actor, (await readJson(request)) as SaveBankOfficeInput), 201));
