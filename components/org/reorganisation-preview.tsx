import { useTranslations } from 'next-intl';
import { ScrollBox } from '@/components/ui/scroll-box';
import { formatDateOnly, parseDateOnly } from '@/lib/calendar/date-only';
import { formatVnd } from '@/lib/money/money';

/** A reorganisation's preview as the import's dry run returns it (amounts as numbers in JSON). */
export interface PreviewData {
  decisionNo: string;
  decisionDate: string;
  effectiveOn: string;
  communes: { ended: number; into: number };
  /** Absent in events applied before the choice existed. */
  separateFunds?: { fund: string; communes: string[] }[];
  successors: {
    code: string;
    name: string;
    level: string;
    created: boolean;
    from: { code: string; name: string }[];
    groups: number;
    members: number;
    loans: number;
    outstanding: number;
    savingsBalance: number;
    users: { username: string; fullName: string; action: 'MOVE' | 'DEACTIVATE' }[];
  }[];
}

const day = (iso: string) => formatDateOnly(parseDateOnly(iso)!);

/** Per successor unit: what it receives from which old units, and whose accounts move or stop. */
export function ReorganisationPreview({ preview }: { preview: PreviewData }) {
  const t = useTranslations('reorg');
  const levels = useTranslations('levels');
  const cell = 'py-2 pr-3 align-top';
  return (
    <section className="space-y-2" data-testid="reorganisation-preview" aria-label={t('preview')}>
      <p className="text-sm font-medium">
        {preview.decisionNo} ({day(preview.decisionDate)}) · {t('summaryLine', { ended: preview.communes.ended, into: preview.communes.into, date: day(preview.effectiveOn) })}
      </p>
      {preview.separateFunds?.map((f) => (
        <p key={f.fund} className="text-sm" data-testid="separate-fund">{t('separateFund', { fund: f.fund, communes: f.communes.join(', ') })}</p>
      ))}
      <ScrollBox>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className={cell}>{t('successor')}</th>
              <th scope="col" className={cell}>{t('from')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('groups')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('members')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('loans')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('outstanding')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('savings')}</th>
              <th scope="col" className={cell}>{t('users')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.successors.map((s) => (
              <tr key={s.code}>
                <td className={cell}>
                  <span className="font-medium">{s.name}</span> <span className="text-slate-600">({s.code}) · {levels(s.level)} · {s.created ? t('created') : t('existing')}</span>
                </td>
                <td className={cell}>{s.from.map((f) => f.name).join(', ')}</td>
                <td className={`${cell} text-right tabular-nums`}>{s.groups}</td>
                <td className={`${cell} text-right tabular-nums`}>{s.members}</td>
                <td className={`${cell} text-right tabular-nums`}>{s.loans}</td>
                <td className={`${cell} text-right tabular-nums whitespace-nowrap`}>{formatVnd(s.outstanding)}</td>
                <td className={`${cell} text-right tabular-nums whitespace-nowrap`}>{formatVnd(s.savingsBalance)}</td>
                <td className={cell}>{s.users.map((u) => `${u.fullName} (${u.username}): ${u.action === 'MOVE' ? t('userMove') : t('userDeactivate')}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
