'use client';

import { getSession } from 'next-auth/react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Renews the session on every page the user opens, so it expires after 12 hours of inactivity
 * rather than 12 hours after sign-in; sends the user to sign-in once it has expired.
 */
export function SessionKeeper() {
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    getSession().then((session) => {
      if (!session) router.replace('/login');
    });
  }, [pathname, router]);
  return null;
}
