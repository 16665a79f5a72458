'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

const inputClass =
  'block w-full min-h-10 rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-rose-700 focus:outline-none focus:ring-2 focus:ring-rose-200';

export function SignInForm() {
  const t = useTranslations('auth');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    const code = result?.error ?? '';
    const delayed = /^delayed:(\d+):(seconds|minutes)$/.exec(code);
    if (delayed) setError(t('delayed', { count: Number(delayed[1]), unit: delayed[2] }));
    else if (code.startsWith('locked:')) setError(t('locked', { minutes: Number(code.slice(7)) || 15 }));
    else if (code === 'deactivated') setError(t('deactivated'));
    else setError(t('invalid'));
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="space-y-1">
        <label htmlFor="username" className="block text-sm font-medium">
          {t('username')}
        </label>
        <input id="username" name="username" autoComplete="username" required autoFocus className={inputClass} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sign-in-error' : undefined} />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">
          {t('password')}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sign-in-error' : undefined} />
      </div>
      {error && (
        <p id="sign-in-error" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending ? t('signingIn') : t('signIn')}
      </Button>
    </form>
  );
}
