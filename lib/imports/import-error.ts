import { AppError } from '@/lib/errors';

/** A file the officer must fix; the key lives under "imports." in the catalogue. */
export function importError(key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION', `imports.${key}`, params);
}

/** "A", "B", ... "AA": names a header cell that has no column name of its own yet. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
