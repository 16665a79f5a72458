import { AppError } from '@/lib/errors';

/** The AppError a service call fails with, reduced to what a user sees: code, message key, fields. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, key: error.messageKey, fields: Object.keys(error.fields), params: error.params };
    throw error;
  }
  throw new Error('expected a failure');
}
