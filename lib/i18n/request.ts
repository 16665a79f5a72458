import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, TIME_ZONE, toLocale } from './config';
import { catalogues } from './messages';

// next-intl without locale routing: the language is a cookie set by the switch in the shell.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: catalogues[locale], timeZone: TIME_ZONE };
});
