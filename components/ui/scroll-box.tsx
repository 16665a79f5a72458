import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its table is wider than a phone. It takes the keyboard focus,
 * so a keyboard user can scroll it with the arrow keys (WCAG 2.1.1), and shows where the focus is.
 */
export function ScrollBox({ children, className = 'overflow-x-auto' }: { children: ReactNode; className?: string }) {
  return (
    <div tabIndex={0} className={`${className} rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-700`}>
      {children}
    </div>
  );
}
