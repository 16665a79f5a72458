import { catalogues } from '@/lib/i18n/messages';
import { foldVietnamese } from '../normalize';

// Spreadsheets carry enum values as the Vietnamese words officers use ("Hộ nghèo", "Nữ"); these
// maps read them back (accent- and case-insensitively, also accepting the code) and write them.

type Labels = Record<string, string>;

export function enumReader<T extends string>(labels: Labels): (text: string) => T | null {
  const byText = new Map<string, T>();
  for (const [code, label] of Object.entries(labels)) {
    byText.set(foldVietnamese(label), code as T);
    byText.set(foldVietnamese(code), code as T);
  }
  return (text) => byText.get(foldVietnamese(text)) ?? null;
}

const vi = catalogues.vi.registers;
export const LABELS = {
  gender: vi.gender as Labels,
  householdCategory: vi.householdCategory as Labels,
  programmeKind: vi.programmeKind as Labels,
  groupStatus: vi.groupStatus as Labels,
  memberStatus: vi.memberStatus as Labels,
  level: catalogues.vi.levels as Labels,
  yesNo: { true: catalogues.vi.common.yes, false: catalogues.vi.common.no } as Labels,
};

export const readGender = enumReader<'FEMALE' | 'MALE'>(LABELS.gender);
export const readCategory = enumReader<'POOR' | 'NEAR_POOR' | 'ESCAPED_POVERTY' | 'ORDINARY' | 'POLICY'>(LABELS.householdCategory);
export const readProgrammeKind = enumReader<'VBSP' | 'REVOLVING' | 'BOTH'>(LABELS.programmeKind);
export const readMemberStatus = enumReader<'ACTIVE' | 'LEFT'>(LABELS.memberStatus);
const YES = new Set(['co', 'x', '1', 'yes', 'true']);
const NO = new Set(['khong', '0', 'no', 'false', '']);
/** "Có"/"x"/"1" → true, "Không"/"0"/empty → false, anything else null. */
export function readYesNo(text: string): boolean | null {
  const folded = foldVietnamese(text);
  return YES.has(folded) ? true : NO.has(folded) ? false : null;
}
