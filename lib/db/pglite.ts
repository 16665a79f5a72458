import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * An embedded database with the extensions the migrations create: pg_trgm, whose index finds a
 * member by any part of her name (lib/members/list-members.ts). Every PGlite the app, its tools and
 * its tests open comes from here, or the migrations would fail on it.
 */
export function newPglite(options: PGliteOptions = {}): PGlite {
  return new PGlite({ ...options, extensions: { ...options.extensions, pg_trgm } });
}
