// A stand-in for the server process in the crash-safety test: it opens a PGlite folder and does
// one kind of work, printing what it does, so the test can kill it (SIGKILL) in the middle.
//   tsx tests/crash/worker.ts <dir> setup|import|sheet|counts [key]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadActor } from '@/lib/auth/load-actor';
import { hashPassword } from '@/lib/auth/password';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { closeDb, db } from '@/lib/db';
import { getPglite } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { pgliteExecutor } from '@/lib/db/sql-executor';
import { foldVietnamese } from '@/lib/imports/normalize';
import { runImport } from '@/lib/imports/run-import';
import { writeCsv } from '@/lib/imports/write-csv';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { MEMBER_SPEC } from '@/lib/imports/kinds/members-columns';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { makeNationalId } from '@/lib/members/national-id';
import { seedProgrammes } from '@/lib/programmes/seed-programmes';

const [dir, task, key] = process.argv.slice(2) as [string, string, string | undefined];
process.env.PGLITE_DIR = dir;
delete process.env.DATABASE_URL;
const say = (line: unknown) => console.log(JSON.stringify(line));

async function actor(username: string) {
  return (await loadActor((await db.user.findUniqueOrThrow({ where: { username } })).id))!;
}

async function setup() {
  await applyMigrations(pgliteExecutor(getPglite(), { closeOnDone: false }));
  const province = await db.orgUnit.create({ data: { code: 'P', name: 'Tỉnh', level: 'PROVINCE', path: '/P/' } });
  const district = await db.orgUnit.create({ data: { code: 'P-D', name: 'Huyện', level: 'DISTRICT', parentId: province.id, path: '/P/D/' } });
  const commune = await db.orgUnit.create({ data: { code: 'P-D-C', name: 'Xã', level: 'COMMUNE', parentId: district.id, path: '/P/D/C/' } });
  const passwordHash = await hashPassword('x');
  await db.user.create({ data: { username: 'admin', fullName: 'Admin', role: 'ADMIN', orgUnitId: province.id, passwordHash } });
  await db.user.create({ data: { username: 'officer', fullName: 'Officer', role: 'COMMUNE_OFFICER', orgUnitId: commune.id, passwordHash } });
  await db.user.create({ data: { username: 'leader', fullName: 'Leader', role: 'DISTRICT_LEADER', orgUnitId: district.id, passwordHash } });
  await db.$transaction((tx) => seedProgrammes(tx));
  const group = await db.group.create({ data: { orgUnitId: commune.id, code: 'G', name: 'Tổ', programmeKind: 'VBSP', meetingDay: 5 } });
  const hn = await db.programme.findUniqueOrThrow({ where: { code: 'HN' } });
  const [officer, leader] = [await actor('officer'), await actor('leader')];
  for (let i = 0; i < 60; i++) {
    const fullName = `Lê Thị Mẫu ${i}`;
    const nationalId = makeNationalId('036', 'FEMALE', 1980, 900_000 + i);
    const member = await db.member.create({
      data: { orgUnitId: commune.id, groupId: group.id, code: `TV${i}`, fullName, searchName: foldVietnamese(fullName), gender: 'FEMALE', birthYear: 1980, nationalId, activeNationalId: nationalId, householdCategory: 'POOR', joinedAt: new Date('2025-01-01') },
    });
    await db.memberGroupHistory.create({ data: { memberId: member.id, groupId: group.id, fromDate: new Date('2025-01-01'), reason: 'JOIN' } });
    for (const purpose of ['LENDING_SAVINGS', 'BANK_SHARING'] as const) {
      await db.memberConsent.create({ data: { memberId: member.id, purpose, action: 'GIVEN', date: new Date('2025-01-01'), method: 'PAPER_FORM', reference: `PĐY-${i}`, recordedById: officer.userId } });
    }
    const loan = await applyForLoan(officer, { memberId: member.id, programmeId: hn.id, amount: '12.000.000', termMonths: 12, purpose: 'Chăn nuôi', appliedAt: '2026-01-05' });
    await approveLoan(leader, loan.id, { decidedAt: '2026-01-05' });
    await disburseLoan(officer, loan.id, { date: '2026-01-05' });
  }
  const rows = Array.from({ length: 5_000 }, (_, i) => ({
    communeCode: 'P-D-C', groupCode: '', code: '', fullName: `Trần Thị Nhập ${i}`, gender: 'Nữ', birthYear: '1985', nationalId: makeNationalId('036', 'FEMALE', 1985, i),
    phone: '', address: '', householdCategory: 'Hộ nghèo', isUnionMember: 'Có', chapterCode: '', joinedAt: '01/02/2026', status: '', leftAt: '',
  }));
  writeFileSync(path.join(dir, 'members.csv'), await streamToBuffer(writeCsv(MEMBER_SPEC, rows)));
  say({ ready: true });
}

async function importMembers() {
  const data = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(path.join(dir, 'members.csv'))));
  say({ started: true });
  let phase = '';
  const onProgress = (p: { phase: string }) => {
    if (p.phase !== phase) say({ phase: (phase = p.phase) });
  };
  const result = await runImport(await actor('admin'), 'members', { fileName: 'members.csv', data }, { dryRun: false, locale: 'vi', onProgress });
  say({ created: result.created, unchanged: result.unchanged, ok: result.ok });
}

async function saveSheet() {
  const officer = await actor('officer');
  const group = await db.group.findFirstOrThrow({ where: { code: 'G' } });
  const sheet = await getCollectionSheet(officer, group.id, '2026-02');
  const rows = sheet.rows.map((r) => ({
    memberId: r.member.id, attended: true,
    loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
    savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected.toString() })),
  }));
  say({ started: true });
  const saved = await saveCollectionSheet(officer, group.id, { month: '2026-02', rows, idempotencyKey: key });
  say({ saved: true, replayed: 'replayed' in saved ? saved.replayed : false });
}

async function counts() {
  const [members, repayments, sheets, audit] = await Promise.all([
    db.member.count(),
    db.loanTransaction.count({ where: { kind: 'REPAYMENT' } }),
    db.collectionSheet.count(),
    db.auditLog.count({ where: { action: { startsWith: 'import' } } }),
  ]);
  say({ members, repayments, sheets, importAudits: audit });
}

const TASKS: Record<string, () => Promise<void>> = { setup, import: importMembers, sheet: saveSheet, counts };
TASKS[task]!()
  .then(() => closeDb())
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
