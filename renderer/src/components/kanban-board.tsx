import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LeadListItem } from '../../../shared/api/types';
import type { Row } from '../../../shared/model/catalogue';
import { mutate, messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { money } from '../lib/format';
import { filtersToQuery } from '../lib/lead-query';
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
/**
 * A card moved on this board, shown where it was put until the replica's answers show the move in
 * both columns: `left` once the column it came from no longer lists it, `arrived` once the column it
 * went to does. Settling on `left` alone would unmount the card (and drop its focus) whenever the
 * column it came from answers before the one it went to. Answers count only once the move is
 * `committed`: one read before then may still show the card where it was.
 */
interface Move {
  from: string;
  to: string;
  item: LeadListItem;
  /** Which move of this card it is, so a late answer to an earlier move cannot settle a later one. */
  seq: number;
  committed: boolean;
  left: boolean;
  arrived: boolean;
}
type Moves = Record<string, Move>;

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
  onSeen,
  keepFocus,
  ...actions
}: {
  status: Status;
  stats?: { count: number; premium: number };
  moves: Moves;
  onDropLead(id: string, to: Status): void;
  /** This column's answer shows its side of a move (the card left it, or arrived in it). */
  onSeen(id: string, side: 'left' | 'arrived'): void;
  /** Puts focus back on the card being moved by keyboard if it fell to the page. */
  keepFocus(): void;
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
    for (const [id, m] of Object.entries(moves)) {
      if (!m.committed) continue;
      const listed = data.items.some((i) => i.id === id);
      if (m.from === status.id && !m.left && !listed) onSeen(id, 'left');
      // A full column may rightly leave it out (past the limit, in the table): nothing more to wait for.
      if (m.to === status.id && !m.arrived && (listed || data.next !== null)) onSeen(id, 'arrived');
    }
  }, [data, moves, status.id, onSeen]);
  // This column re-renders alone when its own answer arrives; the card may have just mounted here,
  // or been moved to its sorted place (a moved DOM node loses focus), so focus is checked every time.
  useLayoutEffect(keepFocus);
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
  const moveSeq = useRef(0);
  // A card moved by keyboard remounts in its new column; focus follows it there so [ and ] keep working.
  const refocus = useRef<string | null>(null);
  // It may remount or be re-placed more than once (moved at once, then when its column re-reads
  // the replica), so focus follows it until the person focuses something else; each column checks
  // after each of its renders (the board's own renders re-render every column). It is put back only
  // when it fell to the page, never taken from another element.
  const keepFocus = useCallback(() => {
    const id = refocus.current;
    if (!id) return;
    const card = board.current?.querySelector<HTMLElement>(`.kcard[data-lead-id="${id}"]`);
    const active = document.activeElement;
    if (card && active !== card && (active === null || active === document.body)) card.focus();
  }, []);
  const onFocusIn = (e: React.FocusEvent) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('.kcard')?.dataset.leadId;
    if (id !== refocus.current) refocus.current = null;
  };
  const drop = (id: string, seq: number) =>
    setMoves((m) => {
      if (m[id]?.seq !== seq) return m;
      const rest = { ...m };
      delete rest[id];
      return rest;
    });
  const onSeen = useCallback(
    (id: string, side: 'left' | 'arrived') =>
      setMoves((m) => {
        const entry = m[id];
        if (!entry || entry[side]) return m;
        const next = { ...entry, [side]: true };
        if (next.left && next.arrived) {
          const rest = { ...m };
          delete rest[id];
          return rest;
        }
        return { ...m, [id]: next };
      }),
    [],
  );

  const move = async (item: LeadListItem, to: Status) => {
    if (item.status_id === to.id) return;
    if (to.category === 'won') return setConverting(item.id);
    if (to.category === 'lost') return setLosing({ item, to });
    const seq = ++moveSeq.current;
    const entry: Move = {
      from: item.status_id,
      to: to.id,
      item: { ...item, status_id: to.id },
      seq,
      committed: false,
      left: false,
      arrived: false,
    };
    setMoves((m) => ({ ...m, [item.id]: entry }));
    const res = await mutate('changeLeadStatus', { lead_id: item.id, status_id: to.id });
    // On success the card stays where it was dropped until both columns have re-read the replica
    // (the change feed re-runs them; see Move), on failure it goes back.
    if (!res.ok) {
      drop(item.id, seq);
      useUi.getState().toast('error', `Could not move ${item.name}: ${messageOf(res.error)}`);
      return;
    }
    setMoves((m) => (m[item.id]?.seq === seq ? { ...m, [item.id]: { ...m[item.id]!, committed: true } } : m));
    useUi.getState().toast('ok', `${item.name} moved to ${to.name}`);
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
          onSeen={onSeen}
          keepFocus={keepFocus}
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
