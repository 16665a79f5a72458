import vi from './messages/vi.json';
import en from './messages/en.json';
import type { Locale } from './config';

export type Messages = typeof vi;
export const catalogues: Record<Locale, Messages> = { vi, en };
