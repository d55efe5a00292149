import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState } from 'react';
import { Icon } from './icon';

export interface Column<T> {
  key: string;
  label: string;
  width: number;
  align?: 'left' | 'right';
  /** Extra class on every cell of the column (lets render return plain text: fewer DOM nodes per row). */
  className?: string;
  /** The server sort this header toggles, when the column is sortable. */
  sort?: string;
  render(row: T): React.ReactNode;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  onOpen(row: T): void;
  sort?: { key: string; dir: 'asc' | 'desc' };
  onSort?(key: string): void;
  /** Called when the last rows come into view (load the next page). */
  onEnd?(): void;
  label: string;
  footer?: React.ReactNode;
}

const ROW = 32;

interface RowProps<T> {
  row: T;
  index: number;
  columns: Column<T>[];
  active: boolean;
  top: number;
  onOpen(row: T): void;
}

const Row = memo(function Row<T>({ row, index, columns, active, top, onOpen }: RowProps<T>) {
  return (
    <div
      className={`vt-row${active ? ' active' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(row)}
    >
      {columns.map((c) => (
        <div
          key={c.key}
          role="cell"
          className={`vt-cell${c.align === 'right' ? ' right' : ''}${c.className ? ` ${c.className}` : ''}`}
        >
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <T>(p: RowProps<T>) => React.ReactElement;

/**
 * Rows `first … first+count-1` in a fixed order of slots (index modulo the pool size), each keyed
 * by its slot. The pool is a little more than the rows in view and only grows, so scrolling hands
 * the slots that left the view to the rows that enter it: React patches their text instead of
 * unmounting rows and mounting new ones, and no DOM node moves. A row's place on screen comes
 * from its transform, its place for assistive tech from aria-rowindex (the header is row 1).
 */
function slots(first: number, count: number, pool: number): Array<{ index: number; slot: number }> {
  const out: Array<{ index: number; slot: number }> = [];
  for (let index = first; index < first + count; index++) out.push({ index, slot: index % pool });
  return out.sort((a, b) => a.slot - b.slot);
}

/**
 * A dense table with a sticky header and virtual rows: only the rows in view are in the DOM,
 * so 100k leads scroll like 100. Keyboard: ↑/↓ move, Enter opens, Home/End jump.
 */
export function VirtualTable<T>({ rows, columns, onOpen, sort, onSort, onEnd, label, footer }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 6,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const poolRef = useRef(0);
  poolRef.current = Math.max(poolRef.current, items.length + 2);
  const pool = poolRef.current;
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const template = columns.map((c) => `${c.width}px`).join(' ') + ' minmax(0, 1fr)';
  const width = columns.reduce((s, c) => s + c.width, 0);

  useEffect(() => {
    if (onEnd && rows.length > 0 && last >= rows.length - 20) onEnd();
  }, [last, rows.length, onEnd]);

  const onKey = (e: React.KeyboardEvent) => {
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Enter' && rows[active]) return onOpen(rows[active]!);
    else return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  return (
    <div
      className="vt"
      ref={scrollRef}
      tabIndex={0}
      onKeyDown={onKey}
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      style={{ '--cols': template } as React.CSSProperties}
      data-testid="virtual-table"
    >
      <div className="vt-head" role="row" aria-rowindex={1} style={{ minWidth: width }}>
        {columns.map((c) => {
          const sorted = sort && c.sort === sort.key;
          const content = (
            <>
              <span>{c.label}</span>
              {sorted && <Icon name="chevron-down" size={12} className={sort.dir === 'asc' ? 'flip' : undefined} />}
            </>
          );
          return (
            <div
              key={c.key}
              role="columnheader"
              aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              className={`vt-cell head${c.align === 'right' ? ' right' : ''}`}
            >
              {c.sort && onSort ? (
                <button type="button" className="vt-sort" onClick={() => onSort(c.sort!)}>
                  {content}
                </button>
              ) : (
                content
              )}
            </div>
          );
        })}
      </div>
      <div className="vt-body" style={{ height: virtualizer.getTotalSize(), minWidth: width }}>
        {slots(first, Math.min(pool, rows.length - first), pool).map(({ index, slot }) => (
          <Row
            key={slot}
            index={index}
            row={rows[index]!}
            columns={columns}
            active={index === active}
            top={index * ROW}
            onOpen={onOpen}
          />
        ))}
      </div>
      {footer && <div className="vt-foot">{footer}</div>}
    </div>
  );
}
