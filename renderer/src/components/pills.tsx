import { useLookups } from '../stores/lookups';
import { Icon } from './icon';

/** A lead status in its lookup colour and icon. */
export function StatusPill({ id }: { id: string }) {
  const status = useLookups((s) => s.statusById.get(id));
  if (!status) return <span className="pill">…</span>;
  return (
    <span
      className="pill"
      style={{ '--c': status.color ?? '#64748b' } as React.CSSProperties}
      title={status.description ?? undefined}
    >
      <Icon name={status.icon ?? ''} size={12} />
      {status.name}
    </span>
  );
}

/** An insurance type as a small coloured label. */
export function TypeLabel({ id }: { id: string | null | undefined }) {
  const type = useLookups((s) => (id ? s.typeById.get(id) : undefined));
  if (!type) return <span className="muted">—</span>;
  return (
    <span className="type-label" title={type.name}>
      <span className="dot" style={{ background: type.color ?? '#64748b' }} />
      <span className="ellipsis">{type.name}</span>
    </span>
  );
}

export function UserName({ id }: { id: string | null | undefined }) {
  const user = useLookups((s) => (id ? s.userById.get(id) : undefined));
  return <span className={user ? undefined : 'muted'}>{user?.full_name ?? '—'}</span>;
}

export function Tag({ text, onRemove }: { text: string; onRemove?: () => void }) {
  return (
    <span className="tag">
      {text}
      {onRemove && (
        <button type="button" className="tag-x" aria-label={`Remove tag ${text}`} onClick={onRemove}>
          <Icon name="x" size={10} />
        </button>
      )}
    </span>
  );
}
