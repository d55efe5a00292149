import { useId } from 'react';

interface Option {
  value: string;
  label: string;
}

interface FieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  kind?: 'text' | 'number' | 'date' | 'email' | 'tel' | 'url' | 'password' | 'textarea' | 'select' | 'datetime-local';
  options?: Option[];
  placeholder?: string;
  hint?: string;
  wide?: boolean;
  /** Columns to span in a form grid (a VIN needs two). */
  span?: 2 | 3;
  name?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  required?: boolean;
  autoComplete?: string;
}

/** A labelled input whose error (from the AppError's `field`) shows right under it. */
export function Field({
  label,
  value,
  onChange,
  error,
  kind = 'text',
  options,
  placeholder,
  hint,
  wide,
  span,
  name,
  autoFocus,
  disabled,
  required,
  autoComplete,
}: FieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  const common = {
    id,
    name,
    value,
    placeholder,
    autoFocus,
    disabled,
    autoComplete,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errId : undefined,
    'data-field': name,
  };
  let control: React.ReactNode;
  if (kind === 'textarea') control = <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />;
  else if (kind === 'select')
    control = (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {(options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  else
    control = (
      <input
        {...common}
        type={kind}
        inputMode={kind === 'number' ? 'decimal' : undefined}
        step={kind === 'number' ? 'any' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <div className={`field${wide ? ' wide' : ''}${span ? ` span${span}` : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req"> *</span>}
      </label>
      {control}
      {error ? (
        <div className="field-error" id={errId} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

export function Check({
  label,
  checked,
  onChange,
  name,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  name?: string;
}) {
  return (
    <label className="check">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
