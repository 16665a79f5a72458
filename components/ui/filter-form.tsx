import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from './button';
import { EmptyState } from './card';

export const filterInputClass = 'min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm';

/** A GET form of filters: works without JavaScript, keeps filters in the URL (shareable). */
export async function FilterForm({ children }: { children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
      {children}
      <button type="submit" className={buttonClass('secondary')}>{t('filter')}</button>
    </form>
  );
}

export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 max-w-full flex-col">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      {children}
    </div>
  );
}

export function FilterSelect({ id, name, label, value, options, allLabel }: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  allLabel: string;
}) {
  return (
    <FilterField id={id} label={label}>
      <select id={id} name={name} defaultValue={value ?? ''} className={filterInputClass}>
        <option value="">{allLabel}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FilterField>
  );
}

/** Query keys that order a list without narrowing it (a page past the end counts as a filter). */
const NOT_FILTERS = new Set(['sort', 'dir']);

/**
 * The empty state of a filtered list: when a filter is set, "nothing matches" with a link that
 * clears the filters; otherwise `children`, the list's own empty state (what to do next).
 */
export async function FilteredEmptyState({ query, path, children }: { query: Record<string, string | undefined>; path: string; children: ReactNode }) {
  const filtered = Object.entries(query).some(([key, value]) => !NOT_FILTERS.has(key) && value);
  if (!filtered) return <>{children}</>;
  const t = await getTranslations('common');
  return (
    <EmptyState action={<Link href={path} className="text-rose-800 underline">{t('clearFilters')}</Link>}>{t('noMatch')}</EmptyState>
  );
}
