import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/** For pages: NOT_FOUND and FORBIDDEN from a service render the "not found" page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}
