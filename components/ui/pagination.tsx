import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from './button';

/** Previous/next links keeping the current filters. */
export async function Pagination({ path, query, page, total, pageSize }: {
  path: string;
  query: Record<string, string>;
  page: number;
  total: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const t = await getTranslations('common');
  const link = (n: number) => `${path}?${new URLSearchParams({ ...query, page: String(n) })}`;
  return (
    <nav aria-label={t('pagination')} className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && <Link className={buttonClass('secondary')} href={link(page - 1)}>{t('previous')}</Link>}
      <span>{t('pageOf', { page, pages })}</span>
      {page < pages && <Link className={buttonClass('secondary')} href={link(page + 1)}>{t('next')}</Link>}
    </nav>
  );
}
