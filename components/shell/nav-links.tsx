'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
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
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
