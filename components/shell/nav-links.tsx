'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
  /** What waits for the reader there, and how a screen reader says it. */
  waiting?: { count: number; label: string };
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        // The longest matching link is the current one (/loans/approvals, not /loans).
        const best = items.filter((i) => (i.href === '/' ? pathname === '/' : pathname === i.href || pathname.startsWith(`${i.href}/`))).sort((a, b) => b.href.length - a.href.length)[0];
        const current = best?.href === item.href;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? 'page' : undefined}
              className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-rose-50 hover:text-rose-800 aria-[current=page]:bg-rose-700 aria-[current=page]:text-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-rose-700"
            >
              {item.label}
              {item.waiting && item.waiting.count > 0 && (
                <>
                  <span aria-hidden="true" className="ml-2 inline-block min-w-6 rounded-full bg-amber-200 px-1.5 text-center text-xs font-semibold text-amber-950" data-testid={`waiting-${item.href}`}>
                    {item.waiting.count}
                  </span>
                  <span className="sr-only">{item.waiting.label}</span>
                </>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
