import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { setClock } from '@/lib/clock';
import { db, type Member } from '@/lib/db';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { bankReportForExport } from './index';

// Every read of a bank report that lists people is audited (issue 22 §4): who, which report, the
// format, the filters and the row count — never a name or a CCCD.

useTestDatabase();

let liaison: Actor;
let member: Member;
let communeId: string;

beforeAll(async () => {
  setClock('2026-06-30');
  const tree = await createOrgTree();
  communeId = tree.communes[0]!.id;
  const officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  liaison = await actorFor('BANK_LIAISON', tree.province);
  const group = await makeGroup(tree.communes[0]!);
  [member] = await addMembers(tree.communes[0]!, group.id, 1);
  await disbursedLoanOn(officer, leader, member!, (await ensureProgrammes()).HN!, '10.000.000', '2026-03-10');
});
afterAll(() => setClock(null));

const exportsBy = (actor: Actor) => db.auditLog.findMany({ where: { actorId: actor.userId, action: 'export.report' }, orderBy: { at: 'asc' } });

describe('bank report exports', () => {
  it('audit each download or API read of a list of people, without the people', async () => {
    const input = { orgUnitId: communeId, from: '2026-01-01', to: '2026-06-30' };
    for (const format of ['csv', 'xlsx', 'json'] as const) {
      const report = await bankReportForExport(liaison, 'disbursements', input, format);
      expect(report.rows).toHaveLength(1);
    }
    const entries = await exportsBy(liaison);
    expect(entries.map((e) => e.after)).toEqual(['csv', 'xlsx', 'json'].map((format) => ({ report: 'disbursements', format, filters: input, rows: 1 })));
    const text = JSON.stringify(entries.map((e) => [e.after, e.entity, e.entityId]));
    expect(text).not.toContain(member.nationalId);
    expect(text).not.toContain(member.fullName);
  });

  it('leave no entry for a report of figures only', async () => {
    const before = (await exportsBy(liaison)).length;
    await bankReportForExport(liaison, 'outstanding', { orgUnitId: communeId, from: '2026-01-01', to: '2026-06-30' }, 'csv');
    expect(await exportsBy(liaison)).toHaveLength(before);
  });
});
