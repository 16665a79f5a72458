'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** Shown when a page fails unexpectedly: a plain sentence in the user's language, and a retry. */
export default function PageError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 text-center">
      <p className="text-red-900">{t('pageFailed')}</p>
      <Button className="mt-4" onClick={reset}>{t('retry')}</Button>
    </div>
  );
}
