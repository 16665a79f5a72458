import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { db } from '@/lib/db';
import { textArray } from './text-array';

useTestDatabase();

describe('textArray', () => {
  it('reads back as the same strings, whatever they hold', async () => {
    const values = ['a"b', 'c\\d', '', 'x,y', '{z}', 'NULL', ' spaced ', 'Nguyễn Thị Hoa'];
    const [row] = await db.$queryRaw<{ v: string[] }[]>`SELECT ${textArray(values)}::text[] AS v`;
    expect(row!.v).toEqual(values);
    const [empty] = await db.$queryRaw<{ n: number }[]>`SELECT cardinality(${textArray([])}::text[])::int AS n`;
    expect(empty!.n).toBe(0);
  });
});
