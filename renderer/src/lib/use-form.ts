import { useCallback, useState } from 'react';
import type { AppErrorShape, Result } from '../../../shared/errors';
import { fieldOf, messageOf } from '../api/mutate';
import { useDrafts } from '../stores/drafts';

export type FormValues = Record<string, string | boolean>;

/**
 * Form state for a mutation: values (kept as typed, also as a draft when a key is given),
 * inline errors by field from the AppError, and a form-level error for the rest.
 * A failed save never clears or resets what was typed.
 */
export function useForm<T extends FormValues>(initial: T, draftKey?: string) {
  const [values, setValues] = useState<T>(() => (draftKey ? useDrafts.getState().get(draftKey, initial) : initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = useCallback(
    <K extends keyof T>(key: K, value: T[K]) => {
      setValues((prev) => {
        const next = { ...prev, [key]: value };
        if (draftKey) useDrafts.getState().put(draftKey, next);
        return next;
      });
      setErrors((prev) => {
        if (!(key in prev)) return prev;
        const rest = { ...prev };
        delete rest[key as string];
        return rest;
      });
    },
    [draftKey],
  );

  const showError = useCallback((error: AppErrorShape, prefixes?: string[]) => {
    const field = fieldOf(error, prefixes);
    if (field) setErrors({ [field]: messageOf(error) });
    else setFormError(error.message);
  }, []);

  async function submit<R>(run: () => Promise<Result<R>>, prefixes?: string[]): Promise<R | null> {
    setBusy(true);
    setFormError(null);
    setErrors({});
    const res = await run();
    setBusy(false);
    if (res.ok) {
      if (draftKey) useDrafts.getState().clear(draftKey);
      return res.value;
    }
    showError(res.error, prefixes);
    return null;
  }

  const reset = (next: T) => {
    setValues(next);
    setErrors({});
    setFormError(null);
    if (draftKey) useDrafts.getState().clear(draftKey);
  };

  return { values, set, errors, setErrors, formError, setFormError, busy, submit, reset, showError };
}

/** '' → null; otherwise a number, or NaN (which the mutation's schema reports on the field). */
export function numOrNull(s: string | boolean | undefined): number | null {
  if (typeof s !== 'string' || s.trim() === '') return null;
  return Number(s.replace(/[$,\s]/g, ''));
}

export function textOrNull(s: string | boolean | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

/** A datetime-local input's value as an ISO instant (or undefined when empty). */
export function localToIso(s: string): string | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
