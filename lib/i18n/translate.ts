import { createTranslator } from 'next-intl';
import type { AppError, Message } from '@/lib/errors';
import type { Locale } from './config';
import { catalogues } from './messages';

type Translator = (key: string, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translator {
  const t = createTranslator({ locale, messages: catalogues[locale] }) as unknown as Translator & {
    has: (key: string) => boolean;
  };
  return (key, params) => (t.has(key) ? t(key, params) : key);
}

/** Translates a catalogue message; a `field` parameter is replaced by the field's label. */
export function translateMessage(locale: Locale, message: Message): string {
  const t = translator(locale);
  const params = { ...message.params };
  if (typeof params.field === 'string') {
    const labelKey = `fields.${params.field}`;
    const label = t(labelKey);
    params.field = label === labelKey ? params.field : label;
  }
  return t(message.key, params);
}

export interface TranslatedError {
  code: AppError['code'];
  /** The message key: what a client tells apart without reading the message (e.g. sheets.alreadySaved). */
  key: string;
  message: string;
  fields: Record<string, string>;
}

export function translateError(locale: Locale, error: AppError): TranslatedError {
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([name, message]) => [name, translateMessage(locale, message)]),
  );
  const message = translateMessage(locale, { key: error.messageKey, params: error.params });
  // Each message once: a field's message that is the error's own, or another field's, is not repeated.
  const fieldList = [...new Set(Object.values(fields))].filter((m) => m !== message).join(' ');
  const explain = fieldList && (error.code === 'VALIDATION' || error.code === 'CONFLICT');
  return { code: error.code, key: error.messageKey, message: explain ? `${message} ${fieldList}` : message, fields };
}
