import { getTranslations } from 'next-intl/server';
import { rateGroupAction } from '@/app/(app)/groups/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Badge, EmptyState } from '@/components/ui/card';
import { TextField } from '@/components/ui/fields';
import type { GroupRating } from '@/lib/db';
import { RATING_CRITERIA, type ratingDistribution } from '@/lib/groups/ratings';
import { formatPercent } from '@/lib/i18n/format';
import { ScrollBox } from '@/components/ui/scroll-box';

const GRADE_TONE = { GOOD: 'green', FAIR: 'slate', AVERAGE: 'amber', WEAK: 'rose' } as const;

/** A group's yearly ratings: grade, total and the points of each criterion. */
export async function GroupRatingHistory({ ratings }: { ratings: GroupRating[] }) {
  const t = await getTranslations('groups.rating');
  if (ratings.length === 0) return <EmptyState>{t('none')}</EmptyState>;
  return (
    <ScrollBox>
      <table className="w-full text-sm" data-testid="rating-history">
        <caption className="sr-only">{t('history')}</caption>
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th scope="col" className="py-1 pr-2">{t('year')}</th>
            <th scope="col" className="py-1 pr-2">{t('gradeLabel')}</th>
            <th scope="col" className="py-1 pr-2 text-right">{t('total')}</th>
            {RATING_CRITERIA.map(({ code }) => (
              <th key={code} scope="col" className="py-1 pr-2 text-right" title={t(`criteria.${code}`)}>{t(`short.${code}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ratings.map((rating) => {
            const scores = rating.scores as Record<string, number>;
            return (
              <tr key={rating.id} className="border-b last:border-0">
                <th scope="row" className="py-1 pr-2 text-left font-medium">{rating.year}</th>
                <td className="py-1 pr-2"><Badge tone={GRADE_TONE[rating.grade]}>{t(`grade.${rating.grade}`)}</Badge></td>
                <td className="py-1 pr-2 text-right tabular-nums">{rating.total}</td>
                {RATING_CRITERIA.map(({ code }) => (
                  <td key={code} className="py-1 pr-2 text-right tabular-nums">{scores[code] ?? '—'}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {ratings[0]?.notes && <p className="mt-2 text-sm text-slate-700">{ratings[0].year}: {ratings[0].notes}</p>}
    </ScrollBox>
  );
}

/** Scores the criteria for a year; the grade follows from the total (tốt ≥ 90, khá ≥ 70, trung bình ≥ 50). */
export async function RateGroupForm({ groupId, year }: { groupId: string; year: number }) {
  const t = await getTranslations('groups.rating');
  return (
    <ActionForm action={rateGroupAction} submitLabel={t('save')}>
      <p className="text-sm text-slate-600">{t('help')}</p>
      <input type="hidden" name="id" value={groupId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('year')} name="year" type="number" min={2000} max={year} defaultValue={year} inputMode="numeric" required />
        {RATING_CRITERIA.map(({ code, max }) => (
          <TextField key={code} label={t('criterionLabel', { name: t(`criteria.${code}`), max })} name={`scores.${code}`} type="number" min={0} max={max} inputMode="numeric" required />
        ))}
      </div>
      <TextField label={t('notes')} name="notes" />
    </ActionForm>
  );
}

/** How the active groups of a subtree were rated in a year, as one table row per grade. */
export async function RatingDistributionTable({ distribution }: { distribution: Awaited<ReturnType<typeof ratingDistribution>> }) {
  const t = await getTranslations('groups.rating');
  return (
    <table className="w-full max-w-md text-sm" data-testid="rating-distribution">
      <caption className="sr-only">{t('distributionTitle', { year: distribution.year })}</caption>
      <thead>
        <tr className="border-b text-left text-slate-600">
          <th scope="col" className="py-1 pr-2">{t('gradeLabel')}</th>
          <th scope="col" className="py-1 pr-2 text-right">{t('groupsCount')}</th>
          <th scope="col" className="py-1 pr-2 text-right">%</th>
        </tr>
      </thead>
      <tbody>
        {distribution.grades.map((row) => (
          <tr key={row.grade} className="border-b">
            <th scope="row" className="py-1 pr-2 text-left font-normal"><Badge tone={GRADE_TONE[row.grade]}>{t(`grade.${row.grade}`)}</Badge></th>
            <td className="py-1 pr-2 text-right tabular-nums">{row.groups}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{formatPercent(row.ratio)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-600">{t('unrated')}</th>
          <td className="py-1 pr-2 text-right tabular-nums">{distribution.unrated}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
