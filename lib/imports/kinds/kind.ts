import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import type { Tx } from '@/lib/db';
import type { Message } from '@/lib/errors';
import type { TableRow, TableSpec } from '../types';

/** A problem found in one row, before translation: `column` is a column key or null. */
export interface RowIssue {
  row: number;
  column: string | null;
  message: Message;
}

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * One register that can be imported and exported in the same columns. `validate` checks every row
 * (bulk lookups, no writes) and returns what to write; `apply` writes it inside the caller's
 * transaction. Rows refer to each other by natural keys (codes, CCCD), so a re-import of the
 * same file changes nothing.
 */
export interface ImportKind<Parsed> {
  name: ImportKindName;
  spec: TableSpec;
  permission: Permission;
  validate(actor: Actor, rows: TableRow[]): Promise<{ parsed: Parsed[]; issues: RowIssue[] }>;
  apply(actor: Actor, tx: Tx, parsed: Parsed[], progress: (done: number) => void): Promise<ApplyCounts>;
  exportRows(actor: Actor): AsyncIterable<Record<string, string>>;
  /** How many rows exportRows gives: a background export's progress is measured against it. */
  exportCount(actor: Actor): Promise<number>;
  /** The members whose data an export carries (recorded with the export: decision 025); none for registers naming no one. */
  exportMemberIds?(actor: Actor): Promise<string[]>;
  /** What a dry run shows beyond the counts (the reorganisation's preview per successor unit). */
  describe?(parsed: Parsed[]): unknown;
  /** Figures of what is (or, in a dry run, would be) written, beyond the counts: the repayments' split. */
  summarize?(parsed: Parsed[]): Record<string, string | number>;
}

export const IMPORT_KIND_NAMES = ['org-units', 'groups', 'members', 'loans', 'repayments', 'savings', 'reorganisation'] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];

/** Helpers for validators: a row issue on a column. */
export const issue = (row: number, column: string | null, key: string, params: Record<string, string | number> = {}): RowIssue => ({
  row,
  column,
  message: { key, params },
});

/** Runs `fn` over `items` in chunks (bounded statement sizes for bulk SQL). */
export async function inChunks<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}
