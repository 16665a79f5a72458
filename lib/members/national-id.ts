// CCCD (căn cước công dân) numbers: 12 digits = 3-digit province of birth registration,
// 1 digit for century and gender, 2 digits of the birth year, 6 serial digits.
// Century/gender digit: 0 male 1900s, 1 female 1900s, 2 male 2000s, 3 female 2000s (4-9 later).

const PROVINCE_CODES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026',
  '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051',
  '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080',
  '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export type NationalIdProblem = 'format' | 'province' | 'century' | 'birthYear' | 'gender';

export interface NationalIdFacts {
  birthYear?: number | null;
  gender?: 'FEMALE' | 'MALE' | null;
}

/** Checks a CCCD number, and its consistency with the birth year and gender when known. */
export function checkNationalId(value: string, facts: NationalIdFacts = {}): NationalIdProblem | null {
  if (!/^\d{12}$/.test(value)) return 'format';
  if (!PROVINCE_CODES.has(value.slice(0, 3))) return 'province';
  const centuryDigit = Number(value[3]);
  if (centuryDigit > 3) return 'century';
  const century = centuryDigit < 2 ? 1900 : 2000;
  const year = century + Number(value.slice(4, 6));
  if (facts.birthYear && facts.birthYear !== year) return 'birthYear';
  if (facts.gender && (centuryDigit % 2 === 1 ? 'FEMALE' : 'MALE') !== facts.gender) return 'gender';
  return null;
}

/** A valid CCCD for the given facts (demo data and tests). */
export function makeNationalId(province: string, gender: 'FEMALE' | 'MALE', birthYear: number, serial: number): string {
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'FEMALE' ? 1 : 0);
  return `${province}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}
