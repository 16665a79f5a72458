import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { newPglite } from './lib/db/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// Prisma 6.19's CLI downloads native engines unless these point somewhere. The project never uses
// them: the schema engine runs as WebAssembly (engine: 'js') and the client is Rust-free, so any
// existing harmless path will do (see docs/decisions/001-data-layer.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;
// The generated client reads the datasource url; with the embedded adapter it is only a placeholder.
process.env.DATABASE_URL ??= 'postgresql://placeholder@127.0.0.1:5432/placeholder';

// The CLI wants an adapter; commands that need a database (e.g. `prisma studio`) get a scratch
// PGlite folder, never the application's data. New migrations are written by
// `npm run db:migration:new` (a datamodel diff that needs no database).
const scratchDir = path.join(process.cwd(), '.prisma-scratch');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => new PrismaPGlite(newPglite({ dataDir: scratchDir })),
});
