import { useRef, useState } from 'react';
import { useDismiss } from '../lib/use-dismiss';
import { Icon } from './icon';

/** A button with a popover under it; closes on Escape or a click outside. */
export function Dropdown({
  label,
  active,
  children,
  align = 'left',
  testId,
  small,
}: {
  label: React.ReactNode;
  active?: boolean;
  children: (close: () => void) => React.ReactNode;
  align?: 'left' | 'right';
  testId?: string;
  small?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(open, ref, () => setOpen(false));
  return (
    <div className="dropdown" ref={ref}>
      <button
        type="button"
        className={`btn${small ? ' small' : ''}${active ? ' active' : ''}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid={testId}
      >
        {label}
        <Icon name="chevron-down" size={12} />
      </button>
      {open && <div className={`popover menu ${align}`}>{children(() => setOpen(false))}</div>}
    </div>
  );
}

interface Option {
  value: string;
  label: string;
  color?: string | null;
}

/** Pick any number of options; the button says how many are picked. */
export function MultiSelect({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Option[];
  value: string[];
  onChange(v: string[]): void;
}) {
  const chosen = new Set(value);
  const summary =
    value.length === 0
      ? label
      : value.length === 1
        ? (options.find((o) => o.value === value[0])?.label ?? label)
        : `${label}: ${value.length}`;
  return (
    <Dropdown label={summary} active={value.length > 0}>
      {() => (
        <div className="menu-list" role="group" aria-label={label}>
          {options.map((o) => (
            <label key={o.value} className="menu-item check">
              <input
                type="checkbox"
                checked={chosen.has(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))}
              />
              {o.color && <span className="dot" style={{ background: o.color }} />}
              {o.label}
            </label>
          ))}
          {value.length > 0 && (
            <button type="button" className="btn small ghost" onClick={() => onChange([])}>
              Clear
            </button>
          )}
        </div>
      )}
    </Dropdown>
  );
}
