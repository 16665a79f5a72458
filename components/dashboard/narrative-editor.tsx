'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** The year-end text, editable; downloaded as Word (what is in the box, edits included) or printed/saved as PDF. */
export function NarrativeEditor({ title, initialText }: { title: string; initialText: string }) {
  const t = useTranslations('reports.year');
  const [text, setText] = useState(initialText);
  return (
    <form method="post" action="/api/v1/reports/narrative/docx" className="space-y-3">
      <input type="hidden" name="title" value={title} />
      <label htmlFor="narrative" className="no-print block text-sm font-medium text-slate-800">{t('edit')}</label>
      <textarea
        id="narrative"
        name="text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={18}
        className="no-print block w-full rounded-md border border-slate-300 p-3 text-sm leading-6 focus:border-rose-700 focus:outline-none focus:ring-2 focus:ring-rose-200"
      />
      <div className="hidden whitespace-pre-wrap text-[13pt] leading-7 print:block" data-testid="narrative-print">
        <h2 className="mb-3 text-center font-bold">{title}</h2>
        {text}
      </div>
      <div className="no-print flex flex-wrap gap-2">
        <Button type="submit">{t('downloadDocx')}</Button>
        <Button variant="secondary" onClick={() => window.print()}>{t('print')}</Button>
        <Button variant="secondary" onClick={() => setText(initialText)}>{t('reset')}</Button>
      </div>
    </form>
  );
}
