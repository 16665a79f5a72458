'use client';

import { useTranslations } from 'next-intl';
import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { Button } from './button';

type FormAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;
/** The outcome, with the field errors no field of this form shows (their messages go in the summary). */
type FormResult = ActionResult & { unshown?: string[] };

const FormState = createContext<ActionResult | null>(null);

/** Marks a control that shows its own error (TextField, SelectField, DateField): ActionForm does not repeat it. */
export const SHOWS_ERROR = { 'data-shows-error': '' } as const;

/** The error the last submission reported for one field, if any. */
export function useFieldError(name: string): string | undefined {
  const state = useContext(FormState);
  return state && !state.ok ? state.error.fields[name] : undefined;
}

/**
 * A form posting to a server action (useActionState): shows the outcome in a live region and
 * hands each field its own error. An error is said once (issue 21 §7): at the field it names,
 * which is marked (aria-invalid, red border) and focused, with one short line in the live region
 * saying how many fields to correct; only errors no field of the form shows are written out there.
 * `resetOnSuccess` clears the inputs after a successful create.
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
  const t = useTranslations('errors');
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (previous: FormResult | null, data: FormData): Promise<FormResult> => {
    const result = await action(previous, data);
    if (result.ok) return result;
    // Which named fields this form shows the error of: the others are said in the summary.
    const shows = (name: string) => {
      const control = formRef.current?.elements.namedItem(name);
      const controls = control instanceof RadioNodeList ? [...control] : control ? [control] : [];
      return controls.some((c) => c instanceof HTMLElement && c.hasAttribute('data-shows-error'));
    };
    return { ...result, unshown: Object.keys(result.error.fields).filter((name) => !shows(name)) };
  }, null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
    // The first field in error takes the focus (its message is read with it, aria-describedby).
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, resetOnSuccess]);
  const errorText = (result: Extract<FormResult, { ok: false }>) => {
    const shown = Object.keys(result.error.fields).length - (result.unshown?.length ?? 0);
    if (shown === 0) return result.error.message;
    const others = [...new Set((result.unshown ?? []).map((name) => result.error.fields[name]))];
    return [t('fixFields', { count: shown }), ...others].join(' ');
  };
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
            {state && !state.ok && <span className="text-red-700" data-testid="form-error">{errorText(state)}</span>}
          </p>
        </div>
      </form>
    </FormState.Provider>
  );
}
