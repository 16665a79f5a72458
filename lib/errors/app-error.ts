import type { z } from 'zod';
import { cleanInput } from '@/lib/text/clean-text';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION'
  | 'RATE_LIMITED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** The database was too busy to finish the request in time; nothing was saved, send it again. */
  | 'UNAVAILABLE';

/** A message from the catalogue (lib/i18n/messages), with its parameters. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * The one error type services throw. Messages are catalogue keys, translated at the edge (route
 * handler or server action) into the user's language; `fields` names the inputs at fault.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: Record<string, Message> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('NOT_FOUND', 'errors.notFound');
export const forbidden = () => new AppError('FORBIDDEN', 'errors.forbidden');

/**
 * An idempotency key sent again with a different request (another amount, date, target or sheet):
 * 422 naming the key, never the first request's answer as if this one had been posted.
 */
export const idempotencyMismatch = (key: string) =>
  new AppError('VALIDATION', 'errors.idempotencyMismatch', { key }, { idempotencyKey: { key: 'errors.idempotencyMismatch', params: { key } } });

/**
 * Parses input with a zod schema, or throws a VALIDATION AppError naming every field at fault. Every
 * text is cleaned first (lib/text/clean-text: no invisible or direction-changing characters, NFC).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(cleanInput(input));
  if (result.success) return result.data;
  const fields: Record<string, Message> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    if (fields[field]) continue;
    fields[field] = issueMessage(issue, String(issue.path.at(-1) ?? field));
  }
  throw new AppError('VALIDATION', 'errors.validation', { count: Object.keys(fields).length }, fields);
}

/** A message that is a catalogue key ("module.key"), not one of zod's own English sentences. */
const CATALOGUE_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/;

function issueMessage(issue: z.core.$ZodIssue, field: string): Message {
  // Schemas name their own message with a catalogue key ("validation.xxx", "breaches.time"); otherwise a generic one.
  if (CATALOGUE_KEY.test(issue.message)) {
    const own = issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined;
    return { key: issue.message, params: { ...own, field } };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined ? 'validation.required' : 'validation.invalid', params: { field } };
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? { key: 'validation.required', params: { field } }
        : { key: 'validation.tooSmall', params: { field, min: String(issue.minimum) } };
    case 'too_big':
      return { key: 'validation.tooBig', params: { field, max: String(issue.maximum) } };
    default:
      return { key: 'validation.invalid', params: { field } };
  }
}
