import { AppError } from '@/lib/errors';
import { groupsKind } from './groups-kind';
import { IMPORT_KIND_NAMES, type ImportKind, type ImportKindName } from './kind';
import { membersKind } from './members-kind';
import { orgUnitsKind } from './org-units-kind';
import { loansKind } from './loans-kind';
import { repaymentsKind } from './repayments-kind';
import { savingsKind } from './savings-kind';
import { reorganisationKind } from './reorganisation-kind';

const KINDS: Record<ImportKindName, ImportKind<unknown>> = {
  'org-units': orgUnitsKind as ImportKind<unknown>,
  groups: groupsKind as ImportKind<unknown>,
  members: membersKind as ImportKind<unknown>,
  loans: loansKind as ImportKind<unknown>,
  repayments: repaymentsKind as ImportKind<unknown>,
  savings: savingsKind as ImportKind<unknown>,
  reorganisation: reorganisationKind as ImportKind<unknown>,
};

export function importKind(name: string): ImportKind<unknown> {
  if (!IMPORT_KIND_NAMES.includes(name as ImportKindName)) {
    throw new AppError('BAD_REQUEST', 'imports.unknownKind', { kinds: IMPORT_KIND_NAMES.join(', ') });
  }
  return KINDS[name as ImportKindName];
}
