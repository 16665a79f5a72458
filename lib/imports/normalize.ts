import { cleanText } from '@/lib/text/clean-text';
import { unescapeCell } from './cell-escape';

/**
 * "  Nguyễn Thị  Ánh " → "nguyen thi anh": compares Vietnamese text the way officers read it,
 * whatever the case, the accents typed (or left out) and the keyboard's Unicode form.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A raw cell as the register keeps it: our own export's anti-formula apostrophe removed, line
 * breaks as "\n" (CSV may carry "\r\n", XLSX never does), NFC (Unikey and phones may type
 * decomposed accents that would otherwise never compare equal), without invisible or
 * direction-changing characters (lib/text/clean-text), trimmed.
 */
export function normalizeCell(raw: string): string {
  return cleanText(unescapeCell(raw)).trim();
}
