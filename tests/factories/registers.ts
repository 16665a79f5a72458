import { db, type OrgUnit, type ProgrammeKind } from '@/lib/db';
import { foldVietnamese } from '@/lib/imports/normalize';
import { CONSENT_PURPOSES, type ConsentPurpose } from '@/lib/members/consent';
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

/** The (inactive) user who recorded fixture consents in a commune, made on first use. */
async function fixtureRecorder(orgUnitId: string) {
  const username = `fixture.consent.${orgUnitId.slice(0, 8)}`;
  const found = await db.user.findUnique({ where: { username } });
  return found ?? db.user.create({ data: { username, fullName: 'Ghi nhận mẫu', role: 'COMMUNE_OFFICER', orgUnitId, passwordHash: '!', active: false } });
}

/**
 * Records members' consent (given on a signed paper form, 01/01/2020) straight into the history, as
 * an officer would have before their first loan (decision 024). By default both purposes.
 */
export async function giveConsents(members: { id: string; orgUnitId: string }[], purposes: readonly ConsentPurpose[] = CONSENT_PURPOSES) {
  if (members.length === 0 || purposes.length === 0) return;
  const recorder = await fixtureRecorder(members[0]!.orgUnitId);
  await db.memberConsent.createMany({
    data: members.flatMap((m) => purposes.map((purpose) => ({
      memberId: m.id, purpose, action: 'GIVEN' as const, date: new Date('2020-01-01T00:00:00Z'), method: 'PAPER_FORM' as const, reference: `PĐY-${m.id.slice(0, 8)}`, recordedById: recorder.id,
    }))),
  });
}

/**
 * Inserts members straight into a group (fixtures; the services are what the tests exercise), with
 * both consents recorded unless `consent: false` (or the purposes to record).
 */
export async function addMembers(commune: OrgUnit, groupId: string | null, count: number, { consent = true as boolean | readonly ConsentPurpose[] } = {}) {
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
  if (consent) await giveConsents(members, consent === true ? CONSENT_PURPOSES : consent);
  return members;
}
