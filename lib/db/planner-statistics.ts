import { databaseTarget } from './config';
import { Prisma, type Tx } from './index';

/**
 * Brings the planner's statistics of these tables up to date inside the caller's transaction, on
 * the embedded database only: PGlite has no autovacuum, so a table's statistics stay those of its
 * last ANALYZE (often none), and the ledger snapshots' triggers then plan quadratic joins (10,000
 * loans' spans: 5.4 s unanalysed, 0.6 s analysed). PostgreSQL's autovacuum keeps them; there an
 * ANALYZE would hold its lock until commit and make imports of different communes wait in turn.
 */
export async function refreshStatisticsOnEmbedded(tx: Tx, tables: string[]): Promise<void> {
  if (databaseTarget().kind !== 'pglite') return;
  for (const table of tables) if (!/^[A-Za-z]+$/.test(table)) throw new Error(`bad table name ${table}`);
  await tx.$executeRaw`ANALYZE ${Prisma.raw(tables.map((t) => `"${t}"`).join(', '))}`;
}
