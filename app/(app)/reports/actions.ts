'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { formatShare } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { bankShareOfFigure, recordBankPortfolio, type BankFigureInput } from '@/lib/reports';

export async function bankFigureAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('reports.share');
  return runAction(async (actor) => {
    const figure = await recordBankPortfolio(actor, formFields(form) as unknown as BankFigureInput);
    revalidatePath('/reports');
    // The union's share this figure gives, next to the figure just entered (issue 21 §7).
    const share = await bankShareOfFigure(figure);
    const month = `${figure.month.slice(5)}/${figure.month.slice(0, 4)}`;
    return share && share.ratio !== null
      ? t('savedShare', { month, bank: formatVnd(share.bankOutstanding), share: formatShare(share.ratio), union: formatVnd(share.unionOutstanding) })
      : t('saved');
  });
}
