import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getLoan } from '@/lib/loans';
import { runImport } from '../run-import';
import { streamToBuffer } from '../web-stream';
import { writeCsv } from '../write-csv';
import { LOAN_SPEC, loansKind } from './loans-kind';
import { REPAYMENT_SPEC } from './repayments-kind';
import type { TableSpec } from '../types';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let provinceOfficer: Actor;
let nationalId: string;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  provinceOfficer = await actorFor('PROVINCE_OFFICER', tree.province);
  await ensureProgrammes();
  const group = await makeGroup(tree.communes[0]!);
  nationalId = (await addMembers(tree.communes[0]!, group.id, 1))[0]!.nationalId;
});

const file = async (spec: TableSpec, rows: Record<string, string>[]) => ({ fileName: 'f.csv', data: await streamToBuffer(writeCsv(spec, rows)) });
// Existing loans are brought in by the province (they skip approval); repayments by the commune.
const run = async (kind: string, spec: TableSpec, rows: Record<string, string>[]) =>
  runImport(kind === 'loans' ? provinceOfficer : officer, kind, await file(spec, rows), { dryRun: false, locale: 'vi' });

describe('loans and repayments import', () => {
  it('brings in a disbursed loan and its repayments, checked against the ledger, idempotently', async () => {
    const loanRow = {
      number: 'KU-2025-0001', communeCode: tree.communes[0]!.code, nationalId, programmeCode: 'HN', disbursedAt: '15/01/2025', amount: '10.000.000',
      termMonths: '12', rate: '0,55', frequency: 'Hằng tháng', purpose: 'Chăn nuôi',
    };
    await expect(runImport(officer, 'loans', await file(LOAN_SPEC, [loanRow]), { dryRun: false, locale: 'vi' })).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'FORBIDDEN');
    expect(await run('loans', LOAN_SPEC, [loanRow])).toMatchObject({ ok: true, created: 1 });
    expect(await run('loans', LOAN_SPEC, [loanRow])).toMatchObject({ ok: true, created: 0, unchanged: 1 });
    expect((await run('loans', LOAN_SPEC, [{ ...loanRow, rate: '0,6' }])).issues[0]).toMatchObject({ column: 'Lãi suất (%/tháng)' });

    // 15/01–15/02/2025 = 31 days: interest 56.833 (see the engine tests); principal 833.333.
    const good = { number: 'KU-2025-0001', date: '15/02/2025', principal: '833.333', interest: '56.833' };
    const wrong = { number: 'KU-2025-0001', date: '15/03/2025', principal: '900.000', interest: '20.000' };
    const refused = await run('repayments', REPAYMENT_SPEC, [good, wrong]);
    expect(refused.ok).toBe(false);
    expect(refused.issues).toEqual([{ row: 3, column: 'Tiền gốc', message: expect.stringContaining('Sổ sách của hệ thống chia lần trả này thành gốc') }]);
    expect(await db.loanTransaction.count({ where: { kind: 'REPAYMENT' } })).toBe(0);

    expect(await run('repayments', REPAYMENT_SPEC, [good])).toMatchObject({ ok: true, created: 1 });
    expect(await run('repayments', REPAYMENT_SPEC, [good])).toMatchObject({ ok: true, created: 0, unchanged: 1 });
    const loan = await db.loan.findUniqueOrThrow({ where: { number: 'KU-2025-0001' } });
    const { state } = await getLoan(officer, loan.id, new Date('2025-02-15T00:00:00Z'));
    expect(state).toMatchObject({ outstandingPrincipal: 10_000_000n - 833_333n, overduePrincipal: 0n, daysPastDue: 0 });
  });

  it('refuses, writing nothing, when the same loan number is taken between checking and writing', async () => {
    const row = (number: string) => ({
      number, communeCode: tree.communes[0]!.code, nationalId, programmeCode: 'HN', disbursedAt: '15/03/2025', amount: '5.000.000',
      termMonths: '12', rate: '', frequency: '', purpose: 'Buôn bán',
    });
    const validate = loansKind.validate.bind(loansKind);
    const spy = vi.spyOn(loansKind, 'validate').mockImplementationOnce(async (actor, table) => {
      const result = await validate(actor, table);
      await run('loans', LOAN_SPEC, [row('KU-RACE-2')]); // someone else brings the same number in meanwhile
      return result;
    });
    try {
      await expect(run('loans', LOAN_SPEC, [row('KU-RACE-1'), row('KU-RACE-2')])).rejects.toMatchObject({ code: 'CONFLICT', messageKey: 'imports.concurrentChange' });
    } finally {
      spy.mockRestore();
    }
    expect(await db.loan.findMany({ where: { number: { startsWith: 'KU-RACE' } }, select: { number: true } })).toEqual([{ number: 'KU-RACE-2' }]);
  });

  it('refuses to bring revolving-fund loans into a commune settling its fund, naming the row', async () => {
    const commune = tree.communes[1]!;
    const group = await makeGroup(commune);
    const [member] = await addMembers(commune, group.id, 1);
    await db.fundSettlement.create({ data: { orgUnitId: commune.id, status: 'APPROVED', requestDate: new Date('2026-01-05'), reason: 'Sáp nhập', documentRef: 'BB 01' } });
    const row = {
      number: 'QQV-2025-0001', communeCode: commune.code, nationalId: member!.nationalId, programmeCode: 'QQV', disbursedAt: '15/01/2025', amount: '5.000.000',
      termMonths: '12', rate: '', frequency: '', purpose: 'Buôn bán',
    };
    const result = await run('loans', LOAN_SPEC, [row]);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ row: 2, column: 'Mã chương trình', message: expect.stringContaining('Xã đang tất toán Quỹ quay vòng') }]);
    expect(await db.loan.count({ where: { number: 'QQV-2025-0001' } })).toBe(0);
  });
});

