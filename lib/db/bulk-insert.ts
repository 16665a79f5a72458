import { Prisma, type Tx } from './index';

/** A column's SQL type, as written in a cast (`uuid`, `date`, `bigint`, `jsonb`, `"LoanTransactionKind"` …). */
export type ColumnType = string;
type Cell = string | number | bigint | boolean | Date | null | undefined;

/** Text of a cell for a `text[]` parameter: dates as timestamps (date-only columns read them as their UTC day). */
function textOf(value: Cell): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Inserts many rows in one statement: each column travels as one `text[]` parameter cast to its
 * type, so the statement has as many parameters as columns whatever the number of rows (a
 * multi-row VALUES or Prisma's createMany needs one per cell, and its cost grows with them). One
 * statement also means one run of the table's statement-level triggers (the ledger snapshots).
 * Works the same on PGlite and PostgreSQL. Table and column names come from code, never from input.
 */
export async function bulkInsert<Row extends Record<string, Cell>>(
  tx: Tx,
  table: string,
  columns: { [K in keyof Row & string]?: ColumnType },
  rows: Row[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const names = Object.keys(columns) as (keyof Row & string)[];
  for (const name of [table, ...names]) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`bulkInsert: bad identifier ${name}`);
  const arrays = names.map((name) => {
    const type = columns[name]!;
    if (!/^("[A-Za-z]+"|[a-z]+)$/.test(type)) throw new Error(`bulkInsert: bad type ${type}`);
    return Prisma.sql`${rows.map((row) => textOf(row[name]))}::text[]::${Prisma.raw(type)}[]`;
  });
  const target = Prisma.raw(`"${table}" (${names.map((n) => `"${n}"`).join(', ')})`);
  return tx.$executeRaw`INSERT INTO ${target} SELECT * FROM unnest(${Prisma.join(arrays)})`;
}
