// GET /api/v1/fund/settlements/:id — the settlement and, once approved, its worksheet: items
// [{kind: LOAN|SAVINGS|CASH, id, label, memberId, memberName, amount}] still to collect, move or return.
import { apiRoute, json } from '@/lib/api/route';
import { todayInVietnam } from '@/lib/clock';
import { getSettlement } from '@/lib/fund';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await getSettlement(actor, params.id, todayInVietnam())));
