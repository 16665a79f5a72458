'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

export function PrintButton() {
  const t = useTranslations('sheets.page');
  return <Button variant="secondary" className="no-print" onClick={() => window.print()}>{t('print')}</Button>;
}
