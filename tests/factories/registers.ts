import { db, type OrgUnit, type ProgrammeKind } from '@/lib/db';
import { foldVietnamese } from '@/lib/imports/normalize';
import { makeNationalId } from '@/lib/members/national-id';

let serial = 0;

/** A fresh, valid CCCD number (unique within a test run). */
export function nextNationalId(birthYear = 1980): string {
  serial += 1;
  return makeNationalId('036', 'FEMALE', birthYear, (process.pid % 1000) * 1000 + serial);
}

export async function makeGroup(commune: OrgUnit, programmeKind: ProgrammeKind = 'VBSP', code?: string) {
  serial += 1;
  return db.group.create({ data: { orgUnitId: commune.id, code: code ?? `T${serial}`, name: `Tổ ${serial}`, programmeKind } });
}

/** Inserts members straight into a group (fixtures; the services are what the tests exercise). */
export async function addMembers(commune: OrgUnit, groupId: string | null, count: number) {
  const members = [];
  for (let i = 0; i < count; i++) {
    const nationalId = nextNationalId();
    const fullName = `Nguyễn Thị Mẫu ${serial}`;
    members.push(
      await db.member.create({
        data: {
          orgUnitId: commune.id,
          groupId,
          fullName,
          searchName: foldVietnamese(fullName),
          gender: 'FEMALE',
          birthYear: 1980,
          nationalId,
          activeNationalId: nationalId,
          householdCategory: 'POOR',
          joinedAt: new Date('2026-01-01T00:00:00Z'),
        },
      }),
    );
  }
  if (groupId) {
    await db.memberGroupHistory.createMany({ data: members.map((m) => ({ memberId: m.id, groupId, fromDate: m.joinedAt!, reason: 'JOIN' as const })) });
  }
  return members;
}
