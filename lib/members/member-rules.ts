import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { checkNationalId, type NationalIdFacts } from './national-id';

/** CCCD format and consistency, then uniqueness among active members (anywhere: one person, one CCCD). */
export async function assertNationalIdUsable(tx: Tx, nationalId: string, facts: NationalIdFacts, exceptMemberId?: string) {
  const problem = checkNationalId(nationalId, facts);
  if (problem) {
    throw new AppError('VALIDATION', `validation.nationalId.${problem}`, {}, { nationalId: { key: `validation.nationalId.${problem}` } });
  }
  const holder = await tx.member.findUnique({ where: { activeNationalId: nationalId } });
  if (holder && holder.id !== exceptMemberId) {
    throw new AppError('CONFLICT', 'members.nationalIdTaken', {}, { nationalId: { key: 'members.nationalIdTaken' } });
  }
}

export async function assertMemberCodeFree(tx: Tx, orgUnitId: string, code: string, exceptMemberId?: string) {
  const holder = await tx.member.findUnique({ where: { orgUnitId_code: { orgUnitId, code } } });
  if (holder && holder.id !== exceptMemberId) {
    throw new AppError('CONFLICT', 'members.codeTaken', { code }, { code: { key: 'members.codeTaken', params: { code } } });
  }
}
