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
