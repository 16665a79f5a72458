import viCore from './messages/vi/core.json';
import viImports from './messages/vi/imports.json';
import enCore from './messages/en/core.json';
import enImports from './messages/en/imports.json';
import type { Locale } from './config';

// One catalogue per language, assembled from one file per module so modules evolve separately.
// Each module file holds the keys under its own top-level name (e.g. imports.json → "imports").
const vi = { ...viCore, imports: viImports };
const en = { ...enCore, imports: enImports };

export type Messages = typeof vi;
export const catalogues: Record<Locale, Messages> = { vi, en: en as Messages };
