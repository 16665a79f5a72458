import type { FundSource, Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** Locks a commune's row for a fund decision (settlement steps, capital movements). */
export const lockCommune = (tx: Tx, id: string) => tx.$queryRaw`SELECT 1 FROM "OrgUnit" WHERE "id" = ${id}::uuid FOR UPDATE`;

/**
 * Refuses new revolving-fund applications and disbursements in a commune whose settlement was
 * approved (or that has left the fund). The commune row is read FOR SHARE, and a settlement
 * decision locks it FOR UPDATE, so the two cannot cross.
 */
export async function assertFundOpen(tx: Tx, orgUnitId: string, fundSource: FundSource, field = 'programmeId') {
  if (fundSource !== 'REVOLVING') return;
  await tx.$queryRaw`SELECT 1 FROM "OrgUnit" WHERE "id" = ${orgUnitId}::uuid FOR SHARE`;
  const settling = await tx.fundSettlement.findFirst({ where: { orgUnitId, status: { in: ['APPROVED', 'CLOSED'] } } });
  if (settling) {
    const key = settling.status === 'CLOSED' ? 'fund.settled' : 'fund.settling';
    throw new AppError('CONFLICT', key, {}, { [field]: { key } });
  }
}
