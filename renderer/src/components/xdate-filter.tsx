import { RENEWAL_WINDOWS } from '../../../shared/book/terms';
import type { XDateWindow } from '../stores/leads-view';

const choice = (w: XDateWindow): string => (!w ? '' : 'days' in w ? String(w.days) : 'custom');

/**
 * The Leads filter on X-date (the prospect's current policy expiration): the next 30, 60 or 90
 * days from today, or a custom range of dates (either end may be left open).
 */
export function XDateFilter({ value, onChange }: { value: XDateWindow; onChange(w: XDateWindow): void }) {
  const custom = value && !('days' in value) ? value : null;
  return (
    <span className="row">
      <select
        className="input"
        aria-label="X-date"
        value={choice(value)}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === '' ? null : v === 'custom' ? { from: '', to: '' } : { days: Number(v) });
        }}
      >
        <option value="">Any X-date</option>
        {RENEWAL_WINDOWS.map((d) => (
          <option key={d} value={d}>
            X-date in the next {d} days
          </option>
        ))}
        <option value="custom">X-date between…</option>
      </select>
      {custom && (
        <>
          <input
            type="date"
            className="input"
            aria-label="X-date from"
            value={custom.from}
            onChange={(e) => onChange({ ...custom, from: e.target.value })}
          />
          <input
            type="date"
            className="input"
            aria-label="X-date to"
            value={custom.to}
            min={custom.from || undefined}
            onChange={(e) => onChange({ ...custom, to: e.target.value })}
          />
        </>
      )}
    </span>
  );
}
