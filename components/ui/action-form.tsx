'use client';

import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { Button } from './button';

type FormAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const FormState = createContext<ActionResult | null>(null);

/** The error the last submission reported for one field, if any. */
export function useFieldError(name: string): string | undefined {
  const state = useContext(FormState);
  return state && !state.ok ? state.error.fields[name] : undefined;
}

/**
 * A form posting to a server action (useActionState): shows the outcome in a live region and
 * hands each field its own error. `resetOnSuccess` clears the inputs after a successful create.
 */
export function ActionForm({
  action,
  submitLabel,
  children,
  resetOnSuccess = false,
  variant = 'primary',
  className = 'space-y-3',
  confirm,
}: {
  action: FormAction;
  submitLabel: string;
  children?: ReactNode;
  resetOnSuccess?: boolean;
  variant?: 'primary' | 'secondary' | 'danger';
  className?: string;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <FormState.Provider value={state}>
      <form
        ref={formRef}
        action={formAction}
        className={className}
        noValidate
        onSubmit={(event) => {
          // Submitted here rather than by React's form action, which clears every field once the
          // action ends: after an error the user keeps what she typed and corrects the named field.
          event.preventDefault();
          if (confirm && !window.confirm(confirm)) return;
          const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
          startTransition(() => formAction(data));
        }}
      >
        {children}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant={variant} disabled={pending} aria-busy={pending}>
            {submitLabel}
          </Button>
          <p role="status" aria-live="polite" className="text-sm">
            {state?.ok && state.message && <span className="text-emerald-800">{state.message}</span>}
            {state && !state.ok && <span className="text-red-700">{state.error.message}</span>}
          </p>
        </div>
      </form>
    </FormState.Provider>
  );
}
