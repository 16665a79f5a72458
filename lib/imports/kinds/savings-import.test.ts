import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { listMemberAccounts } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { exportRegister } from '../export-register';
import { runImport } from '../run-import';
import { streamToBuffer } from '../web-stream';
import { writeCsv } from '../write-csv';
import { SAVINGS_SPEC } from './savings-kind';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let commune: { code: string };
const members: { id: string; code: string }[] = [];
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  commune = tree.communes[0]!;
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  const group = await makeGroup(tree.communes[0]!);
  for (const [i, m] of (await addMembers(tree.communes[0]!, group.id, 3)).entries()) {
    members.push(await db.member.update({ where: { id: m.id }, data: { code: `TK${i + 1}` } }) as { id: string; code: string });
  }
});

const d = (n: number) => formatDateOnly(new Date(Date.parse(daysAgo(n))));
const row = (member: string, scheme: string, kind: string, days: number, amount: string) =>
  ({ communeCode: commune.code, memberCode: member, scheme, kind, date: d(days), amount });
const run = async (rows: Record<string, string>[], actor = officer) =>
  runImport(actor, 'savings', { fileName: 's.csv', data: await streamToBuffer(writeCsv(SAVINGS_SPEC, rows)) }, { dryRun: false, locale: 'vi' });

describe('savings import', () => {
  it('opens accounts, posts an opening balance outside the monthly range, deposits and a withdrawal; the same file again changes nothing', async () => {
    const file = [row('TK1', 'TKTV', 'Số dư đầu kỳ', 70, '2.000.000'), row('TK1', 'TKTV', 'Gửi', 35, '300.000'), row('TK1', 'TKTV', 'Rút', 5, '500.000'), row('TK2', 'TKCH', 'gui', 35, '100.000')];
    expect(await run(file)).toMatchObject({ ok: true, created: 4, unchanged: 0 });
    const [tk1] = await listMemberAccounts(officer, members[0]!.id);
    expect(tk1!.balance).toBe(1_800_000n);
    expect(await run(file)).toMatchObject({ ok: true, created: 0, unchanged: 4 });
    expect(await db.savingsTransaction.count()).toBe(4);
    // The export re-imports unchanged too.
    const exported = await exportRegister(officer, 'savings', 'csv');
    const again = await runImport(officer, 'savings', { fileName: 'e.csv', data: await streamToBuffer(exported.stream) }, { dryRun: false, locale: 'vi' });
    expect(again).toMatchObject({ ok: true, created: 0, unchanged: 4 });
  });

  it('refuses, naming row and column, a deposit above the monthly maximum, a withdrawal beyond the balance, a pool withdrawal and an unknown member; nothing is saved', async () => {
    const before = await db.savingsTransaction.count();
    const result = await run([
      row('TK3', 'TKTV', 'Gửi', 20, '300.000'),
      row('TK3', 'TKTV', 'Gửi', 19, '300.000'),
      row('TK3', 'TKTV', 'Rút', 10, '400.000'),
      row('TK2', 'TKCH', 'Rút', 1, '50.000'),
      row('TK9', 'TKTV', 'Gửi', 1, '300.000'),
      row('TK3', 'TKTV', 'Số dư đầu kỳ', 1, '1.000.000'),
    ]);
    expect(result.ok).toBe(false);
    const byRow = Object.fromEntries(result.issues.map((i) => [i.row, i]));
    expect(byRow[3]).toMatchObject({ column: 'Số tiền', message: expect.stringContaining('Vượt mức gửi tối đa 500.000') });
    expect(byRow[4]).toMatchObject({ column: 'Số tiền', message: expect.stringContaining('Số dư không đủ') });
    expect(byRow[5]).toMatchObject({ column: 'Loại giao dịch', message: expect.stringContaining('không cho rút') });
    expect(byRow[6]).toMatchObject({ column: 'Mã thành viên' });
    expect(byRow[7]).toMatchObject({ column: 'Loại giao dịch', message: expect.stringContaining('giao dịch đầu tiên') });
    expect(await db.savingsTransaction.count()).toBe(before);
  });

  it('a member of another commune is not found for this officer', async () => {
    const other = await actorFor('COMMUNE_OFFICER', tree.communes[2]!);
    const result = await run([row('TK1', 'TKTV', 'Gửi', 1, '300.000')], other);
    expect(result.issues[0]).toMatchObject({ column: 'Mã xã/phường' });
  });
});
