import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LeadListItem } from '../../../shared/api/types';
import type { Row } from '../../../shared/model/catalogue';
import { mutate, messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { money } from '../lib/format';
import { filtersToQuery } from '../screens/leads';
import { useLeadsView } from '../stores/leads-view';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { ConvertDialog } from './convert-dialog';
import { Icon } from './icon';
import { LostReasonDialog } from './lost-reason-dialog';
import { TypeLabel } from './pills';
import { FollowUpDue, Money } from './values';

type Status = Row<'lead_statuses'>;
type Moves = Record<string, { from: string; to: string; item: LeadListItem }>;

interface CardActions {
  onMove(item: LeadListItem, by: number): void;
  onDrag(item: LeadListItem): void;
}

function Card({ item, onMove, onDrag }: { item: LeadListItem } & CardActions) {
  return (
    <div
      className="kcard"
      draggable
      tabIndex={0}
      data-lead-id={item.id}
      aria-label={`${item.name}: press [ or ] to move, Enter to open`}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/x-lead-id', item.id);
        e.dataTransfer.effectAllowed = 'move';
        onDrag(item);
      }}
      onClick={() => navigate({ name: 'lead', id: item.id })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') navigate({ name: 'lead', id: item.id });
        else if (e.key === '[' || e.key === ']') onMove(item, e.key === ']' ? 1 : -1);
      }}
    >
      <div className="kcard-name">{item.name}</div>
      <div className="kcard-meta">
        <TypeLabel id={item.insurance_type_id} />
        <Money value={item.quoted_premium} />
      </div>
      <div className="kcard-meta muted small">
        <span>{item.owner_name ?? ''}</span>
        <span>
          <Icon name="clock" size={11} /> <FollowUpDue at={item.next_follow_up_at} empty="no follow-up" />
        </span>
      </div>
    </div>
  );
}

function Column({
  status,
  stats,
  moves,
  onDropLead,
  onSettled,
  ...actions
}: {
  status: Status;
  stats?: { count: number; premium: number };
  moves: Moves;
  onDropLead(id: string, to: Status): void;
  /** The replica now shows the move (the card left the column it came from): the overlay goes. */
  onSettled(id: string): void;
} & CardActions) {
  const filters = useLeadsView((s) => s.filters);
  const { data } = useQuery('leads.list', {
    ...filtersToQuery(filters),
    status_ids: [status.id],
    include_converted: status.category === 'won',
    limit: 40,
    sort: 'priority',
    dir: 'asc',
  });
  const [over, setOver] = useState(false);
  const items = useMemo(() => {
    const base = (data?.items ?? []).filter((i) => !moves[i.id] || moves[i.id]!.to === status.id);
    const incoming = Object.values(moves)
      .filter((m) => m.to === status.id && !base.some((b) => b.id === m.item.id))
      .map((m) => m.item);
    return [...incoming, ...base];
  }, [data, moves, status.id]);
  useEffect(() => {
    if (!data) return;
    for (const [id, m] of Object.entries(moves))
      if (m.from === status.id && m.to !== status.id && !data.items.some((i) => i.id === id)) onSettled(id);
  }, [data, moves, status.id, onSettled]);
  const total = stats?.count ?? items.length;
  return (
    <section
      className={`kcol${over ? ' over' : ''}`}
      aria-label={status.name}
      data-status-id={status.id}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData('text/x-lead-id');
        if (id) onDropLead(id, status);
      }}
    >
      <header className="kcol-head" style={{ '--c': status.color ?? '#64748b' } as React.CSSProperties}>
        <span className="kcol-bar" />
        <Icon name={status.icon ?? ''} size={13} />
        <span className="kcol-name">{status.name}</span>
        <span className="kcol-count">{total}</span>
        <span className="spacer" />
        <span className="muted small num">{money(stats?.premium ?? 0, { compact: true })}</span>
      </header>
      <div className="kcol-body">
        {items.map((i) => (
          <Card key={i.id} item={i} {...actions} />
        ))}
        {items.length === 0 && <div className="kcol-empty">Drag a lead here</div>}
        {total > items.length && (
          <div className="kcol-more muted small">+ {total - items.length} more in the table</div>
        )}
      </div>
    </section>
  );
}

/** The pipeline as columns by status. Dropping a card changes its status (converting when dropped on Won). */
export function KanbanBoard() {
  const statuses = useLookups((s) => s.lookups.statuses);
  const filters = useLeadsView((s) => s.filters);
  const { data: stats } = useQuery('leads.kanban', { ...filtersToQuery(filters), include_converted: true });
  const [moves, setMoves] = useState<Moves>({});
  const [converting, setConverting] = useState<string | null>(null);
  const [losing, setLosing] = useState<{ item: LeadListItem; to: Status } | null>(null);
  const byStatus = new Map((stats ?? []).map((s) => [s.status_id, s]));
  const dragged = useRef<LeadListItem | null>(null);
  const board = useRef<HTMLDivElement>(null);
  // A card moved by keyboard remounts in its new column; focus follows it there so [ and ] keep working.
  const refocus = useRef<string | null>(null);
  // It may remount more than once (moved at once, then again when the columns re-read the
  // replica), so focus follows it until the person focuses something else; it is put back only
  // when it fell to the page (the focused card was unmounted), never taken from another element.
  useLayoutEffect(() => {
    const id = refocus.current;
    if (!id) return;
    const card = board.current?.querySelector<HTMLElement>(`.kcard[data-lead-id="${id}"]`);
    const active = document.activeElement;
    if (card && active !== card && (active === null || active === document.body)) card.focus();
  });
  const onFocusIn = (e: React.FocusEvent) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('.kcard')?.dataset.leadId;
    if (id !== refocus.current) refocus.current = null;
  };
  const settle = useCallback(
    (id: string) =>
      setMoves((m) => {
        if (!m[id]) return m;
        const rest = { ...m };
        delete rest[id];
        return rest;
      }),
    [],
  );

  const move = async (item: LeadListItem, to: Status) => {
    if (item.status_id === to.id) return;
    if (to.category === 'won') return setConverting(item.id);
    if (to.category === 'lost') return setLosing({ item, to });
    setMoves((m) => ({ ...m, [item.id]: { from: item.status_id, to: to.id, item: { ...item, status_id: to.id } } }));
    const res = await mutate('changeLeadStatus', { lead_id: item.id, status_id: to.id });
    // On success the card stays where it was dropped until the columns have re-read the replica
    // (the change feed re-runs them; the source column then settles it), on failure it goes back.
    if (!res.ok) settle(item.id);
    if (!res.ok) useUi.getState().toast('error', `Could not move ${item.name}: ${messageOf(res.error)}`);
    else useUi.getState().toast('ok', `${item.name} moved to ${to.name}`);
  };

  const onDropLead = (id: string, to: Status) => {
    const item = dragged.current;
    dragged.current = null;
    if (item?.id === id) void move(item, to);
  };
  const onMove = (item: LeadListItem, by: number) => {
    const i = statuses.findIndex((s) => s.id === item.status_id);
    const to = statuses[i + by];
    if (!to) return;
    // Won and lost open a dialog first; focus follows the card once that is done.
    if (to.category === 'open') refocus.current = item.id;
    void move(item, to);
  };

  return (
    <div className="board" data-testid="kanban" ref={board} onFocus={onFocusIn}>
      {statuses.map((s) => (
        <Column
          key={s.id}
          status={s}
          stats={byStatus.get(s.id)}
          moves={moves}
          onDropLead={onDropLead}
          onSettled={settle}
          onMove={onMove}
          onDrag={(item) => (dragged.current = item)}
        />
      ))}
      {losing && (
        <LostReasonDialog
          lead={losing.item}
          status={losing.to}
          onClose={() => setLosing(null)}
          onDone={() => (refocus.current = losing.item.id)}
        />
      )}
      {converting && <ConvertDialog leadId={converting} onClose={() => setConverting(null)} />}
    </div>
  );
}
