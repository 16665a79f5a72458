import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { setClock } from '@/lib/clock';
import type { Loan } from '@/lib/db';
import { getLoan } from '@/lib/loans';
import { listMembers } from '@/lib/members';
import { summaryReport } from '@/lib/reports';
import { outstandingMatrix } from '@/lib/reports/bank';
import { failure } from '@/tests/factories/failure';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree, createUser } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { saveBankOffice } from './bank-offices';
import { updateOrgUnit } from './update-org-unit';
import { listOrgUnits } from './list-org-units';
import { applyReorganisation } from './reorganisation';

useTestDatabase();

// A province of two districts of two communes; a loan in each commune. The bank's office serves
// one commune of each district (offices did not follow the districts exactly); its liaison, a user
// of the province, sees those two communes and nothing else, before and after a reorganisation.
let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Actor;
let liaisonId: string;
const loans: Loan[] = [];
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

beforeAll(async () => {
  setClock('2026-12-31');
  tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  admin = await actorFor('ADMIN', tree.province);
  const approver = await actorFor('PROVINCE_OFFICER', tree.province);
  for (const [i, commune] of tree.communes.entries()) {
    const officer = await actorFor('COMMUNE_OFFICER', commune);
    const group = await makeGroup(commune);
    const [member] = await addMembers(commune, group.id, 1);
    loans.push(await disbursedLoanOn(officer, approver, member!, programmes.HN!, `${i + 1}0.000.000`, '2026-03-10'));
  }
  liaisonId = (await createUser('BANK_LIAISON', tree.province, { username: 'pgd.one' })).id;
});

afterAll(() => setClock(null));

const liaison = async () => (await loadActor(liaisonId))!;

describe('a bank transaction office', () => {
  it('is refused with communes of two provinces or outside scope, naming them', async () => {
    expect((await failure(saveBankOffice(admin, { code: 'PGD-1', name: 'PGD Một', communeCodes: 'NOPE' }))).key).toBe('bankOffices.unknownCommunes');
    expect((await failure(saveBankOffice(admin, { code: 'PGD-1', name: 'PGD Một', communeCodes: '' }))).fields).toEqual(['communeCodes']);
  });

  it('shows its liaison exactly its communes: lists, loans and reports', async () => {
    const [c11, , c21] = tree.communes;
    await saveBankOffice(admin, { code: 'PGD-1', name: 'PGD Một', communeCodes: `${c11!.code}, ${c21!.code}`, liaisons: 'pgd.one' });
    const actor = await liaison();
    expect(actor.scopePaths?.sort()).toEqual([c11!.path, c21!.path].sort());
    // The tree she sees (on any day) is the office's communes with their chapters, nothing else.
    for (const asOf of [undefined, new Date('2026-06-30T00:00:00Z')]) {
      const units = await listOrgUnits(actor, { asOf });
      expect(new Set(units.filter((u) => u.level !== 'CHAPTER').map((u) => u.id))).toEqual(new Set([c11!.id, c21!.id]));
    }
    const members = await listMembers(actor, {});
    expect(new Set(members.members.map((m) => m.orgUnitId))).toEqual(new Set([c11!.id, c21!.id]));
    await getLoan(actor, loans[0]!.id);
    expect((await failure(getLoan(actor, loans[1]!.id))).code).toBe('NOT_FOUND');
    // Her reports cover the office: 10 + 30 million, a row per commune; another commune is not found.
    const report = await summaryReport(actor, PERIOD);
    expect(report.orgUnit.name).toBe('PGD Một');
    expect(report.disbursed.amount).toBe(40_000_000n);
    expect(report.byChild.map((c) => c.orgUnit.id).sort()).toEqual([c11!.id, c21!.id].sort());
    expect((await summaryReport(actor, { ...PERIOD, orgUnitId: actor.orgUnitId })).disbursed.amount).toBe(40_000_000n);
    expect((await failure(summaryReport(actor, { ...PERIOD, orgUnitId: tree.communes[1]!.id }))).code).toBe('NOT_FOUND');
    // The province puts communes in clusters; the summary's commune rows carry them.
    await updateOrgUnit(admin, c11!.id, { cluster: 'Cụm 1 – chị Hà' });
    expect((await summaryReport(admin, { ...PERIOD, by: 'commune' })).byChild.find((c) => c.orgUnit.id === c11!.id)?.orgUnit.cluster).toBe('Cụm 1 – chị Hà');
    const matrix = await outstandingMatrix(actor, PERIOD);
    expect(matrix.rows.map((r) => r.commune).sort()).toEqual([c11!.name, c21!.name].sort());
  });

  it('keeps serving the same villages after their communes merge', async () => {
    const [c11, c12, c21, c22] = tree.communes;
    const event = { effectiveOn: '2026-07-01', decisionNo: '1/NQ', decisionDate: '2026-06-20' };
    await applyReorganisation(admin, {
      ...event,
      rows: [
        ...tree.districts.map((d) => ({ oldCode: d.code, newCode: tree.province.code, newName: tree.province.name })),
        { oldCode: c11!.code, newCode: 'XA-MOT', newName: 'Xã Một' },
        { oldCode: c12!.code, newCode: 'XA-MOT', newName: 'Xã Một' },
        { oldCode: c21!.code, newCode: 'XA-HAI', newName: 'Xã Hai' },
        { oldCode: c22!.code, newCode: 'XA-HAI', newName: 'Xã Hai' },
      ],
    });
    // The office now serves both new communes (each took over one of its communes): all four loans.
    const actor = await liaison();
    const report = await summaryReport(actor, { from: '2026-08-01', to: '2026-12-31' });
    expect(report.byChild.map((c) => c.orgUnit.name).sort()).toEqual(['Xã Hai', 'Xã Một']);
    expect(report.outstanding.end.amount).toBe(100_000_000n);
    await getLoan(actor, loans[1]!.id);
  });
});
