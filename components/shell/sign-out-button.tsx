'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('auth');
  return (
    <button
      type="button"
      onClick={() => {
        // The pages kept for offline use hold personal data: forget them (unsent sheets stay).
        navigator.serviceWorker?.controller?.postMessage('forget-pages');
        void signOut({ callbackUrl: '/login' });
      }}
      className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium text-slate-700 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-rose-700"
    >
      {t('signOut')}
    </button>
  );
}
