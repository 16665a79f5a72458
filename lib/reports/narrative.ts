import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { formatDateOnly, isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { readDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { divideRoundHalfUp } from '@/lib/money';
import { inspectionCoverage } from '@/lib/inspections/coverage';
import { findReportArea } from '@/lib/org/find-org-unit';
import { summaryReport } from './summary';

// The year-end report (báo cáo tổng kết) written as the seeds write it: "Trong năm đã giải ngân
// 47.381 triệu đồng cho 1.069 người vay …". Figures come from the summary report; amounts are
// rounded to the million (or the tenth of a billion for changes) only in the words.

const group3 = (n: bigint) => (n < 0n ? '-' : '') + (n < 0n ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
/** 47_381_200_000n → "47.381 triệu đồng". */
export const inMillions = (amount: bigint) => `${group3(divideRoundHalfUp(amount, 1_000_000n))} triệu đồng`;
/** 20_300_000_000n → "20,3 tỷ đồng"; below a billion, in millions. */
export function inBillions(amount: bigint): string {
  const abs = amount < 0n ? -amount : amount;
  if (abs < 1_000_000_000n) return inMillions(abs);
  const tenths = divideRoundHalfUp(abs, 100_000_000n);
  return `${group3(tenths / 10n)}${tenths % 10n ? `,${tenths % 10n}` : ''} tỷ đồng`;
}
const percent = (ratio: number | null) => (ratio === null ? '—' : `${(Math.round(ratio * 1000) / 10).toLocaleString('vi-VN')}%`);
const count = (n: number) => n.toLocaleString('vi-VN');

export async function yearNarrative(actor: Actor, { orgUnitId, year }: { orgUnitId?: string; year: number }) {
  const today = todayInVietnam();
  if (!Number.isInteger(year) || year < 2000 || year > today.getUTCFullYear()) throw new AppError('VALIDATION', 'validation.invalid', { field: 'year' }, { year: { key: 'validation.invalid', params: { field: 'year' } } });
  const reads = await readDb();
  const { unit, within } = await findReportArea(actor, orgUnitId, reads.db);
  const yearEnd = new Date(Date.UTC(year, 11, 31));
  // Up to the year's end, today, or the last day of a unit a reorganisation ended.
  const to = [yearEnd, today, ...(unit.validTo ? [unit.validTo] : [])].reduce((a, b) => (b < a ? b : a));
  const period = { orgUnitId: unit.id, from: `${year}-01-01`, to: isoDate(to) };
  const [s, coverage] = await Promise.all([
    summaryReport(actor, { ...period, by: unit.level === 'COMMUNE' || unit.level === 'CENTRAL' ? undefined : 'commune' }, reads),
    actorCan(actor, 'inspection:read') && !within ? inspectionCoverage(actor, period, reads.db) : Promise.resolve(null),
  ]);
  const paragraphs: string[] = [];
  paragraphs.push(
    `Trong năm ${year}, ${unit.name} đã phối hợp giải ngân ${inMillions(s.disbursed.amount)} cho ${count(s.disbursed.borrowers)} người vay (${count(s.disbursed.loans)} món vay); ` +
      `thu nợ gốc ${inMillions(s.principalRepaid.amount)}, thu lãi ${inMillions(s.interestCollected.amount)}.`,
  );
  for (const e of s.restated?.events ?? []) {
    paragraphs.push(
      `Thực hiện ${e.decisionNo} ngày ${formatDateOnly(parseDateOnly(e.decisionDate)!)}, từ ngày ${formatDateOnly(parseDateOnly(e.effectiveOn)!)} ` +
        `${count(e.communesMerged)} xã/phường được sắp xếp, sáp nhập thành ${count(e.communesInto)} xã/phường; ` +
        'số liệu cả năm trong báo cáo này được tính theo các đơn vị sau sắp xếp.',
    );
  }
  const growth = s.outstanding.growth;
  const growthRatio = s.outstanding.start.amount > 0n ? Number((growth * 10_000n) / s.outstanding.start.amount) / 10_000 : null;
  paragraphs.push(
    `Đến ngày ${formatDateOnly(to)}, tổng dư nợ đạt ${inMillions(s.outstanding.end.amount)} cho ${count(s.outstanding.end.borrowers)} hộ vay, ` +
      (growth === 0n ? 'không đổi so với đầu năm' : `${growth > 0n ? 'tăng' : 'giảm'} ${inBillions(growth)} so với đầu năm${growthRatio === null ? '' : ` (${percent(Math.abs(growthRatio))})`}`) +
      `; nợ quá hạn ${inMillions(s.overdue.amount)}, chiếm ${percent(s.overdue.ratio)} tổng dư nợ.`,
  );
  if (s.byProgramme.length > 0) {
    paragraphs.push(`Dư nợ theo chương trình: ${s.byProgramme.map((p) => `${p.name} ${inMillions(p.outstanding)}`).join('; ')}.`);
  }
  if (s.bankShare) {
    paragraphs.push(`Dư nợ ủy thác qua Hội chiếm ${percent(s.bankShare.ratio)} tổng dư nợ của Ngân hàng Chính sách xã hội trên địa bàn.`);
  }
  const ranked = s.byChild.filter((c) => c.outstanding > 0n);
  // The central union's rows are its provinces; below, the communes.
  const rowsAre = unit.level === 'CENTRAL' ? 'Tỉnh/thành phố' : 'Xã/phường';
  if (unit.level !== 'COMMUNE' && ranked.length > 1) {
    const [highest, lowest] = [ranked[0]!, ranked.at(-1)!];
    paragraphs.push(`${rowsAre} có dư nợ cao nhất là ${highest.orgUnit.name} (${inMillions(highest.outstanding)}), thấp nhất là ${lowest.orgUnit.name} (${inMillions(lowest.outstanding)}).`);
  } else if (unit.level !== 'COMMUNE' && ranked.length === 1) {
    paragraphs.push(`${ranked[0]!.orgUnit.name} là ${rowsAre.toLowerCase()} duy nhất có dư nợ (${inMillions(ranked[0]!.outstanding)}).`);
  }
  paragraphs.push(
    `Toàn ${unit.level === 'COMMUNE' ? 'xã' : 'đơn vị'} có ${count(s.groups.active)} tổ tiết kiệm và vay vốn đang hoạt động (${count(s.groups.withOutstanding)} tổ còn dư nợ)` +
      (s.groups.toConsolidate ? `, trong đó ${count(s.groups.toConsolidate)} tổ cần kiện toàn` : '') +
      (unit.level === 'COMMUNE' ? '.' : `; ${count(s.communes.active)} xã/phường đang triển khai${s.communes.settled ? `, ${count(s.communes.settled)} xã/phường đã tất toán Quỹ` : ''}.`),
  );
  if (s.savings.balance > 0n) {
    paragraphs.push(
      `Tiết kiệm: số dư ${inMillions(s.savings.balance)} của ${count(s.savings.participants)} người gửi` +
        (s.savings.participationRatio === null ? '.' : `, đạt ${percent(s.savings.participationRatio)} số hội viên tham gia.`),
    );
  }
  if (coverage && coverage.plans > 0) {
    const l = coverage.levels;
    paragraphs.push(`Công tác kiểm tra: đã kiểm tra ${l.COMMUNE.done}/${l.COMMUNE.planned} xã/phường, ${l.GROUP.done}/${l.GROUP.planned} tổ, ${l.HOUSEHOLD.done}/${l.HOUSEHOLD.planned} hộ vay theo kế hoạch.`);
  }
  return { title: `Báo cáo tổng kết năm ${year} – ${unit.name}`, year, orgUnit: { id: unit.id, name: unit.name }, paragraphs, asOf: reads.asOf };
}
