import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes } from '@/tests/factories/loans';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan } from '@/lib/loans';
import {
  addAttachment, addFindings, appraisalCoverage, closeFollowUp, createInspectionPlan, getInspection, inspectionCoverage, listFollowUps,
  MAX_ATTACHMENT_BYTES, recordInspection,
} from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let leader: Actor;
let officer: Actor;
let outsider: Actor;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

beforeAll(async () => {
  tree = await createOrgTree();
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  outsider = await actorFor('COMMUNE_OFFICER', tree.communes[2]!);
});

const household = (memberId: string, extra: object = {}) => recordInspection(leader, { level: 'HOUSEHOLD', kind: 'PERIODIC', memberId, date: daysAgo(1), inspectors: 'Đoàn huyện', ...extra });

describe('inspection plans and coverage', () => {
  it('counts planned vs done per level in the period, and surprise checks apart', async () => {
    const [communeA, communeB] = [tree.communes[0]!, tree.communes[1]!];
    const groups = [await makeGroup(communeA), await makeGroup(communeA), await makeGroup(communeB)];
    const [member] = await addMembers(communeA, groups[0]!.id, 1);
    const plan = await createInspectionPlan(leader, {
      title: 'Kiểm tra quý IV', kind: 'PERIODIC', periodFrom: daysAgo(20), periodTo: daysAgo(0), team: 'Chủ tịch, kế toán Hội huyện',
      communeIds: [communeA.id, communeB.id], groupIds: [groups[0]!.id, groups[1]!.id], memberIds: [member!.id],
    });
    expect(plan.targets).toHaveLength(5);
    await recordInspection(leader, { planId: plan.id, level: 'COMMUNE', kind: 'PERIODIC', orgUnitId: communeA.id, date: daysAgo(5), inspectors: 'Đoàn huyện' });
    await recordInspection(leader, { planId: plan.id, level: 'GROUP', kind: 'PERIODIC', groupId: groups[0]!.id, date: daysAgo(5), inspectors: 'Đoàn huyện' });
    await household(member!.id, { planId: plan.id });
    // A surprise check of an unplanned group, and one before the period: only the first counts as inspected.
    await recordInspection(leader, { level: 'GROUP', kind: 'SURPRISE', groupId: groups[2]!.id, date: daysAgo(3), inspectors: 'Đoàn huyện' });
    await recordInspection(leader, { level: 'GROUP', kind: 'PERIODIC', groupId: groups[1]!.id, date: daysAgo(40), inspectors: 'Đoàn huyện' });

    const coverage = await inspectionCoverage(leader, { from: daysAgo(20), to: daysAgo(0) });
    expect(coverage.levels).toEqual({
      COMMUNE: { planned: 2, done: 1, inspected: 1 },
      GROUP: { planned: 2, done: 1, inspected: 2 },
      HOUSEHOLD: { planned: 1, done: 1, inspected: 1 },
    });
    expect(coverage).toMatchObject({ plans: 1, inspections: 4, ratio: 0.6 });
    // The commune officer of commune A sees only her commune's part.
    const own = await inspectionCoverage(officer, { from: daysAgo(20), to: daysAgo(0) });
    expect(own.levels.COMMUNE).toEqual({ planned: 1, done: 1, inspected: 1 });
    expect(own.levels.GROUP).toEqual({ planned: 2, done: 1, inspected: 1 });
    // Targets outside the planner's subtree are refused.
    expect(await failure(createInspectionPlan(officer, { title: 'x', kind: 'SURPRISE', periodFrom: daysAgo(1), periodTo: daysAgo(0), team: 'x', communeIds: [tree.communes[1]!.id] }))).toMatchObject({ key: 'inspections.unknownTarget', fields: ['communeIds'] });
  });
});

describe('findings and follow-ups', () => {
  it('a failed item needs a follow-up; it is listed until closed; a misused loan is flagged for recall', async () => {
    const programmes = await ensureProgrammes();
    const group = await makeGroup(tree.communes[0]!);
    const [member] = await addMembers(tree.communes[0]!, group.id, 1);
    const loan = await applyForLoan(officer, { memberId: member!.id, programmeId: programmes.HN!.id, amount: '10.000.000', termMonths: 24, purpose: 'Nuôi bò', appliedAt: daysAgo(30) });
    await approveLoan(leader, loan.id, { decidedAt: daysAgo(30) });
    await disburseLoan(officer, loan.id, { date: daysAgo(30) });
    const inspection = await household(member!.id, { loanId: loan.id });

    const items = [{ item: 'borrowerExists', passed: true }, { item: 'purposeAsAgreed', passed: false, notes: 'Dùng tiền sửa nhà thay vì nuôi bò' }];
    expect(await failure(addFindings(leader, inspection.id, { items }))).toMatchObject({ key: 'inspections.followUpRequired', fields: ['items.1.followUp'] });
    expect(await db.inspectionFinding.count({ where: { inspectionId: inspection.id } })).toBe(0);
    expect(await failure(addFindings(leader, inspection.id, { items: [{ item: 'meetingsHeld', passed: true }] }))).toMatchObject({ key: 'inspections.unknownItem' });

    items[1] = { ...items[1]!, followUp: { action: 'Thu hồi vốn vay', owner: 'Chủ tịch Hội xã', dueDate: daysAgo(-10) } } as never;
    await addFindings(leader, inspection.id, { items, recallReason: 'Sử dụng vốn sai mục đích' });
    expect(await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ recallReason: 'Sử dụng vốn sai mục đích' });
    const open = (await listFollowUps(officer, { status: 'OPEN' })).filter((f) => f.finding.inspection.id === inspection.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ owner: 'Chủ tịch Hội xã', action: 'Thu hồi vốn vay' });
    expect(await failure(addFindings(leader, inspection.id, { items: [{ item: 'borrowerExists', passed: true }] }))).toMatchObject({ key: 'inspections.itemRecorded' });

    // Another district's officer sees nothing of it; a bank liaison cannot record.
    expect(await failure(getInspection(outsider, inspection.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(closeFollowUp(outsider, open[0]!.id, { note: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    const liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
    expect(await failure(recordInspection(liaison, { level: 'HOUSEHOLD', kind: 'SURPRISE', memberId: member!.id, date: daysAgo(0), inspectors: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await getInspection(liaison, inspection.id)).loan?.recallReason).toBe('Sử dụng vốn sai mục đích');

    await closeFollowUp(officer, open[0]!.id, { note: 'Hộ đã trả lại vốn' });
    expect((await listFollowUps(officer, { status: 'OPEN' })).some((f) => f.id === open[0]!.id)).toBe(false);
    expect(await failure(closeFollowUp(officer, open[0]!.id, { note: 'again' }))).toMatchObject({ code: 'CONFLICT', key: 'inspections.alreadyClosed' });
    expect(await db.auditLog.count({ where: { action: 'inspection.followUpClose', entityId: open[0]!.id } })).toBe(1);
  });
});

describe('attachments', () => {
  it('keeps images and PDFs by their real type, refuses other files, oversize and empty ones, and at most 10', async () => {
    const group = await makeGroup(tree.communes[0]!);
    const inspection = await recordInspection(officer, { level: 'GROUP', kind: 'PERIODIC', groupId: group.id, date: daysAgo(0), inspectors: 'Cán bộ xã' });
    const saved = await addAttachment(officer, inspection.id, { fileName: '../ảnh hiện trường<script>.jpeg', data: PNG });
    expect(saved).toMatchObject({ mimeType: 'image/png', fileName: 'ảnh hiện trườngscript.png', size: PNG.byteLength });
    expect(await failure(addAttachment(officer, inspection.id, { fileName: 'virus.pdf', data: new TextEncoder().encode('MZ not a pdf') }))).toMatchObject({ key: 'inspections.file.type', fields: ['file'] });
    expect(await failure(addAttachment(officer, inspection.id, { fileName: 'big.pdf', data: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }))).toMatchObject({ key: 'inspections.file.tooLarge' });
    expect(await failure(addAttachment(officer, inspection.id, { fileName: 'empty.png', data: new Uint8Array(0) }))).toMatchObject({ key: 'inspections.file.empty' });
    const pdf = new TextEncoder().encode('%PDF-1.4\n%biên bản');
    for (let i = 0; i < 9; i++) await addAttachment(officer, inspection.id, { fileName: `bb${i}.pdf`, data: pdf });
    expect(await failure(addAttachment(officer, inspection.id, { fileName: 'bb10.pdf', data: pdf }))).toMatchObject({ code: 'CONFLICT', key: 'inspections.file.tooMany' });
    expect(await failure(addAttachment(outsider, inspection.id, { fileName: 'x.png', data: PNG }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await getInspection(officer, inspection.id)).attachments).toHaveLength(10);
  });
});

describe('appraisal before disbursement', () => {
  it('gives the share of loans disbursed in the period that were appraised first, by commune and for round 2+, with the exceptions', async () => {
    const programmes = await ensureProgrammes();
    const commune = tree.communes[1]!;
    const officerB = await actorFor('COMMUNE_OFFICER', commune);
    const group = await makeGroup(commune);
    const members = await addMembers(commune, group.id, 3);
    const loans = [];
    for (const [i, m] of members.entries()) {
      const loan = await applyForLoan(officerB, { memberId: m.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Trồng lúa', appliedAt: daysAgo(15) });
      if (i < 2) await appraiseLoan(officerB, loan.id, { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Tổ trưởng', appraisedAt: daysAgo(14) });
      await approveLoan(leader, loan.id, { decidedAt: daysAgo(13) });
      await disburseLoan(officerB, loan.id, { date: daysAgo(12) });
      loans.push(loan);
    }
    await db.loan.update({ where: { id: loans[1]!.id }, data: { round: 2 } });
    await db.loan.update({ where: { id: loans[2]!.id }, data: { round: 2 } });
    const report = await appraisalCoverage(officerB, { from: daysAgo(20), to: daysAgo(0) });
    expect(report.total).toEqual({ disbursed: 3, appraised: 2, ratio: 0.6667, laterRounds: { disbursed: 2, appraised: 1, ratio: 0.5 } });
    expect(report.communes).toHaveLength(1);
    expect(report.exceptions.map((l) => l.id)).toEqual([loans[2]!.id]);
    expect(await failure(appraisalCoverage(officerB, { orgUnitId: tree.communes[0]!.id, from: daysAgo(20), to: daysAgo(0) }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('attachment download', () => {
  it('returns the same bytes that were uploaded', async () => {
    const { getAttachment } = await import('./attachments');
    const group = await makeGroup(tree.communes[0]!);
    const inspection = await recordInspection(officer, { level: 'GROUP', kind: 'SURPRISE', groupId: group.id, date: daysAgo(0), inspectors: 'Cán bộ xã' });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250, 0, 7]);
    const saved = await addAttachment(officer, inspection.id, { fileName: 'anh.jpg', data: bytes });
    const read = await getAttachment(officer, inspection.id, saved.id);
    expect([...new Uint8Array(read.data)]).toEqual([...bytes]);
    expect(read.mimeType).toBe('image/jpeg');
  });
});
