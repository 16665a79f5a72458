import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LocaleSwitch } from '@/components/shell/locale-switch';
import { currentActor } from '@/lib/auth/session';

export async function generateMetadata() {
  const t = await getTranslations('auth');
  return { title: t('signInTitle') };
}

export default async function LoginPage() {
  // Only a session that still passes the same checks as every page goes home (no redirect loop).
  if (await currentActor()) redirect('/');
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <p className="text-sm font-medium uppercase tracking-wide text-rose-700">{t('app.union')}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">{t('app.name')}</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="mb-4 text-lg font-semibold">{t('auth.signInTitle')}</h2>
          <SignInForm />
        </div>
        <div className="flex justify-center">
          <LocaleSwitch />
        </div>
      </div>
    </main>
  );
}
