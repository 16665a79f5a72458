import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn, ledgerRepayment } from '@/tests/factories/fund';
import { db } from '@/lib/db';
import { backupPglite, backupPostgres, openPgliteBackup, restorePostgres } from './backup';
import { getPglite } from './client';

useTestDatabase();

const dir = mkdtempSync(path.join(tmpdir(), 'backup-test-'));

/** What a restore must bring back: row counts and money totals. */
const FIGURES = `SELECT
  (SELECT COUNT(*) FROM "Member")::int AS members,
  (SELECT COUNT(*) FROM "Loan")::int AS loans,
  (SELECT COUNT(*) FROM "LoanTransaction")::int AS postings,
  (SELECT COALESCE(SUM("amount"), 0) FROM "LoanTransaction")::text AS amount,
  (SELECT COUNT(*) FROM "AuditLog")::int AS audit`;

beforeAll(async () => {
  const tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  const officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const group = await makeGroup(tree.communes[0]!);
  for (const member of await addMembers(tree.communes[0]!, group.id, 4)) {
    const loan = await disbursedLoanOn(officer, leader, member, programmes.HN!, '7.000.000', '2026-04-01');
    await ledgerRepayment(loan.id, '2026-05-01', { principal: 500_000n, interest: 38_500n });
  }
});

describe('backup and restore', () => {
  it('brings back every row and every đồng after the database is damaged', async () => {
    const figures = async () => (await db.$queryRawUnsafe<Record<string, unknown>[]>(FIGURES))[0];
    const before = await figures();
    expect(before).toMatchObject({ members: 4, loans: 4, postings: 8 });
    const postgres = process.env.DATABASE_URL;
    const file = path.join(dir, postgres ? 'backup.dump' : 'backup.tar.gz');
    if (postgres) await backupPostgres(postgres, file);
    else expect(await backupPglite(getPglite(), file)).toBeGreaterThan(1000);

    // Damage: postings lost, a member renamed.
    await db.loanTransaction.deleteMany({ where: { kind: 'REPAYMENT' } });
    await db.member.updateMany({ data: { fullName: 'X' } });
    expect(await figures()).not.toEqual(before);

    if (postgres) {
      await restorePostgres(postgres, file);
      expect(await figures()).toEqual(before);
      expect(await db.member.count({ where: { fullName: 'X' } })).toBe(0);
    } else {
      const restored = await openPgliteBackup(file, 'memory://');
      expect((await restored.query<Record<string, unknown>>(FIGURES)).rows[0]).toEqual(before);
      expect((await restored.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "Member" WHERE "fullName" = 'X'`)).rows[0]!.n).toBe(0);
      await restored.close();
    }
  });
});
