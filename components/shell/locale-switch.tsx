import { getLocale, getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions';
import { LOCALES } from '@/lib/i18n/config';

/** Vietnamese / English switch; works without JavaScript (a form per language). */
export async function LocaleSwitch() {
  const locale = await getLocale();
  const t = await getTranslations('shell');
  return (
    <div role="group" aria-label={t('language')} className="flex gap-1 text-sm">
      {LOCALES.map((value) => (
        <form key={value} action={setLocale}>
          <input type="hidden" name="locale" value={value} />
          <button
            type="submit"
            aria-pressed={locale === value}
            className="whitespace-nowrap rounded px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-800 aria-pressed:text-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-rose-700"
          >
            {t(`locale.${value}`)}
          </button>
        </form>
      ))}
    </div>
  );
}
