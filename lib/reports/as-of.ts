import { formatTimeDate } from '@/lib/i18n/format';

/**
 * The line a file carries when its figures were read from a replica that is behind (decision 021);
 * pages say the same from the catalogue (`reports.asOfNotice`).
 */
export const asOfNotice = (asOf: Date) => `Số liệu tính đến ${formatTimeDate(asOf)}`;
