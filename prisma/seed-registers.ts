import { randomUUID } from 'node:crypto';
import type { HouseholdCategory, ProgrammeKind, Tx } from '@/lib/db';
import { foldVietnamese } from '@/lib/imports/normalize';
import { CONSENT_PURPOSES } from '@/lib/members/consent';
import { makeNationalId } from '@/lib/members/national-id';
import { DEMO_MEETING_DAYS } from './seed-dates';

// Demo groups and members for two communes, so a fresh installation has registers to look at.
// Deterministic: the same names and CCCD numbers on every installation.

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const GIVEN = ['Hoa', 'Lan', 'Mai', 'Hương', 'Thủy', 'Hằng', 'Nga', 'Yến', 'Thảo', 'Hạnh', 'Dung', 'Liên', 'Oanh', 'Tuyết', 'Ánh', 'Bích'];
const CATEGORIES: HouseholdCategory[] = ['POOR', 'NEAR_POOR', 'NEAR_POOR', 'ESCAPED_POVERTY', 'ORDINARY', 'POLICY'];

export interface GroupSpec {
  code: string;
  name: string;
  kind: ProgrammeKind;
  members: number;
  meetingDay?: number;
}

const GROUPS: GroupSpec[] = [
  { code: 'TK-01', name: 'Tổ TK&VV xóm 1', kind: 'VBSP', members: 24 },
  { code: 'TK-02', name: 'Tổ TK&VV xóm 2', kind: 'VBSP', members: 18 },
  { code: 'QQV-01', name: 'Nhóm TK-TD Quỹ quay vòng', kind: 'REVOLVING', members: 8, meetingDay: DEMO_MEETING_DAYS['QQV-01'] },
];

export async function seedRegisters(tx: Tx, commune: { id: string; code: string }, chapterIds: string[], serialBase: number, groups = GROUPS) {
  let serial = serialBase;
  for (const [g, spec] of groups.entries()) {
    const group = await tx.group.create({
      data: { orgUnitId: commune.id, chapterId: chapterIds[g % chapterIds.length], code: spec.code, name: spec.name, programmeKind: spec.kind, meetingDay: spec.meetingDay ?? 10 + g * 5, foundingDecisionNo: `${g + 1}/QĐ-UBND`, foundingDecisionDate: new Date('2019-03-01T00:00:00Z') },
    });
    await tx.groupStatusChange.create({ data: { groupId: group.id, status: 'ACTIVE', at: new Date('2019-03-01T00:00:00Z'), reason: `${g + 1}/QĐ-UBND` } });
    const members = Array.from({ length: spec.members }, () => {
      serial += 1;
      const birthYear = 1965 + (serial % 35);
      const fullName = `${FAMILY[serial % FAMILY.length]} Thị ${GIVEN[(serial * 7) % GIVEN.length]}`;
      const nationalId = makeNationalId('036', 'FEMALE', birthYear, serial);
      return {
        id: randomUUID(), orgUnitId: commune.id, groupId: group.id, chapterId: group.chapterId, code: `TV${String(serial).padStart(4, '0')}`,
        fullName, searchName: foldVietnamese(fullName), gender: 'FEMALE' as const, birthYear, nationalId, activeNationalId: nationalId,
        phone: `09${String(10_000_000 + serial * 7919).slice(-8)}`, address: `Xóm ${(g % 2) + 1}`, householdCategory: CATEGORIES[serial % CATEGORIES.length]!,
        isUnionMember: serial % 5 !== 0, joinedAt: new Date('2019-04-01T00:00:00Z'),
      };
    });
    await tx.member.createMany({ data: members });
    // Each signed the union's consent form when she joined (illustrative numbers): joining the lending
    // and savings, and sharing her data with the bank (decision 024), recorded by the commune's officer.
    const recorder = await tx.user.findFirstOrThrow({ where: { orgUnitId: commune.id, role: 'COMMUNE_OFFICER' } });
    await tx.memberConsent.createMany({
      data: members.flatMap((m) => CONSENT_PURPOSES.map((purpose) => ({
        memberId: m.id, purpose, action: 'GIVEN' as const, date: m.joinedAt, method: 'PAPER_FORM' as const, reference: `PĐY-2019-${m.code.slice(2)}`, recordedById: recorder.id,
      }))),
    });
    await tx.memberGroupHistory.createMany({ data: members.map((m) => ({ memberId: m.id, groupId: group.id, fromDate: m.joinedAt, reason: 'JOIN' as const })) });
    await tx.group.update({ where: { id: group.id }, data: { leaderId: members[0]!.id, deputyId: members[1]!.id } });
  }
  return serial;
}
