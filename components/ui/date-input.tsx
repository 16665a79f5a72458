'use client';

import { useTranslations } from 'next-intl';
import type { InputHTMLAttributes } from 'react';
import { displayDate } from '@/lib/calendar/date-only';

/**
 * A calendar date typed and shown dd/mm/yyyy whatever the browser's language (issue 21 §7): the
 * browser's own date picker shows mm/dd/yyyy to an English-language browser. The field keeps its
 * name and posts what it shows; the server reads dd/mm/yyyy (and ISO, which API clients send) and
 * refuses a day that does not exist naming the field. An ISO default value is shown dd/mm/yyyy, and
 * leaving the field tidies "2/3/2026" or "02032026" into "02/03/2026".
 */
export function DateInput({ defaultValue, onBlur, ...props }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'defaultValue'> & { name: string; defaultValue?: string }) {
  const t = useTranslations('common');
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('datePlaceholder')}
      maxLength={10}
      size={10}
      defaultValue={defaultValue ? displayDate(defaultValue) : defaultValue}
      onBlur={(event) => {
        const shown = displayDate(event.currentTarget.value);
        if (shown !== event.currentTarget.value) event.currentTarget.value = shown;
        onBlur?.(event);
      }}
      {...props}
    />
  );
}
