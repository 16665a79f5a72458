'use client';

import { useFieldError } from '@/components/ui/action-form';

/** The transfer form's error about open loans, shown beside the checkbox that resolves it. */
export function MoveLoansError() {
  const error = useFieldError('moveLoans');
  return error ? <p className="text-sm text-red-700">{error}</p> : null;
}
