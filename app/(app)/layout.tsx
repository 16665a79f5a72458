import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { requireActor } from '@/lib/auth/session';

// Every page inside needs a signed-in user; each page still checks its own permission.
export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
