import { useState } from 'react';
import { exactTime, money, relativeTime } from '../lib/format';

/** A date as "in 2 days" / "3 hours ago", with the exact time on hover. */
export function RelTime({ at, empty = '—' }: { at: string | null | undefined; empty?: string }) {
  if (!at) return <span className="muted">{empty}</span>;
  // The exact time is formatted on hover: tables show thousands of these. Always set, never
  // cached on the node: a virtual table hands the same <time> element to other rows.
  return (
    <time
      dateTime={at}
      onMouseEnter={(e) => {
        e.currentTarget.title = exactTime(at);
      }}
    >
      {relativeTime(at)}
    </time>
  );
}

/**
 * When a follow-up is due: an overdue one is flagged in words ("Overdue") and in the danger
 * colour, so "7 years ago" cannot be read as "in 2 days" and colour is never the only cue.
 */
export function FollowUpDue({ at, empty }: { at: string | null | undefined; empty?: string }) {
  if (!at || new Date(at).getTime() >= Date.now()) return <RelTime at={at} empty={empty} />;
  return (
    <span className="due overdue" data-overdue="true">
      <span className="due-flag">Overdue</span> <RelTime at={at} />
    </span>
  );
}

const CLAMP_CHARS = 600;
const CLAMP_LINES = 8;

/** Where a long text is cut for its short form: after CLAMP_CHARS characters or CLAMP_LINES lines. */
function clampAt(text: string): number | null {
  let at = text.length > CLAMP_CHARS ? CLAMP_CHARS : text.length;
  let lines = 0;
  for (let i = 0; i < at; i++) if (text[i] === '\n' && ++lines === CLAMP_LINES) at = i;
  return at < text.length ? at : null;
}

/** A note or message body; a long one shows its start and a "Show more" toggle (a 10k-character note stays one screen). */
export function ClampedText({ text, className }: { text: string; className?: string }) {
  const [open, setOpen] = useState(false);
  const cut = clampAt(text);
  if (cut === null) return <div className={className}>{text}</div>;
  return (
    <div className={className}>
      {open ? text : `${text.slice(0, cut).trimEnd()}…`}
      <div>
        <button type="button" className="btn ghost small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : 'Show more'}
        </button>
      </div>
    </div>
  );
}

export function Money({ value, compact }: { value: number | null | undefined; compact?: boolean }) {
  return (
    <span className={value === null || value === undefined ? 'num muted' : 'num'}>{money(value, { compact })}</span>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="empty">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="banner error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Kbd({ children }: { children: React.ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
