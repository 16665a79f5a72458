import { FORM_13TD } from '@/lib/collections/form-13td';
import type { SheetHeader, SheetLine } from '@/lib/collections/sheet-workbook';
import { formatThousands } from '@/lib/money';

// Form 13/TD on paper (issue 21, section 2), shown only when printing: the same lines as the XLSX —
// a line per loan with its number, outstanding, interest and principal due, the member's savings
// due, then what was collected (empty cells to fill in at the meeting before the sheet is saved),
// whether she attended, a signature column, the totals and the signatures block. Amounts in đồng
// with thousands separators; A4 landscape (the page's print style).

const cell = 'border border-slate-500 px-1 py-0.5';
const num = `${cell} text-right tabular-nums whitespace-nowrap`;

export function PrintedSheet({ header, lines }: { header: SheetHeader; lines: SheetLine[] }) {
  const filled = lines.some((l) => l.collected);
  const amount = (v: bigint | null | undefined) => (v === null || v === undefined ? '' : formatThousands(v));
  const sum = (pick: (l: SheetLine) => bigint | null) => lines.reduce((s, l) => s + (pick(l) ?? 0n), 0n);
  // The member's number (STT) on her first line.
  const numbers = lines.map((_, i) => lines.slice(0, i + 1).filter((l) => l.first).length);
  return (
    <section className="hidden text-[9pt] leading-tight text-black print:block" data-testid="printed-sheet">
      <p>{FORM_13TD.office(header.office)}</p>
      <p className="my-1 text-center text-[12pt] font-bold">{FORM_13TD.title}</p>
      <p className="text-center">{FORM_13TD.meeting(header.month, header.date)}</p>
      <p className="mt-1">{[FORM_13TD.commune(header.commune), FORM_13TD.group(header.group), FORM_13TD.leader(header.leader)].join(' · ')}</p>
      <p className="mb-1 text-right italic">{FORM_13TD.unit}</p>
      <table className="w-full border-collapse">
        <thead>
          <tr>
            {FORM_13TD.printedHeaders.map((h) => (
              <th key={h} scope="col" className={`${cell} font-semibold`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            return (
              <tr key={i} className="break-inside-avoid">
                <td className={cell}>{l.first ? numbers[i] : ''}</td>
                <td className={`${cell} whitespace-nowrap`}>{l.first ? l.member : ''}</td>
                <td className={`${cell} whitespace-nowrap`}>{l.loanNumber}</td>
                <td className={num}>{l.loanNumber ? amount(l.outstanding) : ''}</td>
                <td className={num}>{l.loanNumber ? amount(l.interestDue) : ''}</td>
                <td className={num}>{l.loanNumber ? amount(l.principalDue) : ''}</td>
                <td className={num}>{l.first ? amount(l.savingsDue) : ''}</td>
                <td className={num}>{l.loanNumber ? amount(l.collected?.interest) : ''}</td>
                <td className={num}>{l.loanNumber ? amount(l.collected?.principal) : ''}</td>
                <td className={num}>{l.first ? amount(l.collected?.savings) : ''}</td>
                <td className={`${cell} text-center`}>{l.first && l.attended !== null ? (l.attended ? 'x' : FORM_13TD.absent) : ''}</td>
                <td className={`${cell} w-16`} />
              </tr>
            );
          })}
          <tr className="font-semibold">
            <td className={cell} colSpan={3}>{FORM_13TD.total}</td>
            <td className={num}>{amount(sum((l) => l.outstanding))}</td>
            <td className={num}>{amount(sum((l) => l.interestDue))}</td>
            <td className={num}>{amount(sum((l) => l.principalDue))}</td>
            <td className={num}>{amount(sum((l) => (l.first ? l.savingsDue : 0n)))}</td>
            <td className={num}>{filled ? amount(sum((l) => l.collected?.interest ?? 0n)) : ''}</td>
            <td className={num}>{filled ? amount(sum((l) => l.collected?.principal ?? 0n)) : ''}</td>
            <td className={num}>{filled ? amount(sum((l) => (l.first ? l.collected?.savings ?? 0n : 0n))) : ''}</td>
            <td className={cell} colSpan={2} />
          </tr>
        </tbody>
      </table>
      <div className="mt-4 grid grid-cols-3 text-center break-inside-avoid">
        {FORM_13TD.signatures.map((title) => (
          <p key={title} className="font-semibold">{title}<span className="mt-1 block text-[8pt] font-normal italic">{FORM_13TD.signHint}</span></p>
        ))}
      </div>
    </section>
  );
}
