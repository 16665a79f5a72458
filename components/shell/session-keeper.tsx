'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Renews the session on every page the user opens, so it expires after 2 hours of inactivity
 * (and at the latest 12 hours after sign-in: lib/auth/next-auth.ts); sends the user to sign-in
 * once the server says it has expired. Without a connection nothing is checked: an officer filling a sheet offline stays on it.
 */
export function SessionKeeper() {
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    if (!navigator.onLine) return;
    fetch('/api/auth/session', { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<{ user?: unknown }>) : null))
      .then((session) => {
        if (session && !session.user) router.replace('/login');
      })
      .catch(() => undefined); // the connection dropped: try again on the next page
  }, [pathname, router]);
  return null;
}
