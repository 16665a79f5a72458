'use client';

import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { SHOWS_ERROR, useFieldError } from './action-form';
import { DateInput } from './date-input';

const inputClass =
  'block w-full min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus:border-rose-700 focus:outline-none focus:ring-2 focus:ring-rose-200 aria-[invalid=true]:border-red-600';

function FieldShell({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, name, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: string }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...SHOWS_ERROR}
        {...props}
      />
    </FieldShell>
  );
}

/** A date field, dd/mm/yyyy whatever the browser's language (DateInput); `defaultValue` may be ISO. */
export function DateField({ label, name, hint, defaultValue, ...props }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'defaultValue'> & { label: string; name: string; hint?: string; defaultValue?: string }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <DateInput
        id={id}
        name={name}
        defaultValue={defaultValue}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...SHOWS_ERROR}
        {...props}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  options,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; options: { value: string; label: string }[] }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <FieldShell id={id} label={label} error={error}>
      <select id={id} name={name} className={inputClass} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...SHOWS_ERROR} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
