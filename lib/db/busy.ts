import { Prisma } from './generated/client';

/**
 * Prisma errors that mean "the database was too busy to finish this now", never that the request is
 * wrong: no pooled connection in time (P2024), a transaction that could not start or ran out of time
 * (P2028; it is rolled back), a write conflict or deadlock (P2034; rolled back). Nothing was saved
 * and the same request may simply be sent again: the API answers 503 with Retry-After, not 500.
 */
const BUSY_CODES = new Set(['P2024', 'P2028', 'P2034']);

export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && BUSY_CODES.has(error.code);
}
