import { useEffect, useState } from 'react';
import { Icon } from './icon';
import { EmptyState, ErrorBanner } from './values';
import { VirtualTable, type Column } from './virtual-table';
import type { AppErrorShape } from '../../../shared/errors';
import { count } from '../lib/format';

interface Props<T> {
  name: string;
  title: string;
  /** One of the things listed, for "1 ticket". */
  one: string;
  sub?: string;
  rows: T[];
  loaded: boolean;
  done: boolean;
  error: AppErrorShape | null;
  columns: Column<T>[];
  onOpen(r: T): void;
  onEnd(): void;
  filter: string;
  onFilter(text: string): void;
  empty: { title: string; body: string; action?: React.ReactNode };
  tools?: React.ReactNode;
  /** Controls at the right of the title (saved views, columns). */
  actions?: React.ReactNode;
  /** The server sort shown on the headers, and what a header click asks for. */
  sort?: { key: string; dir: 'asc' | 'desc' };
  onSort?(key: string): void;
}

/** The frame of the simpler list screens: title, filter, a dense virtual table, an empty state. */
export function ListScreen<T>(p: Props<T>) {
  const [text, setText] = useState(p.filter);
  // A saved view applied elsewhere sets the filter: the input follows it.
  useEffect(() => setText(p.filter), [p.filter]);
  return (
    <div className="screen fill" data-screen={p.name}>
      <div className="screen-head">
        <h1>{p.title}</h1>
        {p.sub && <span className="sub">{p.sub}</span>}
        {p.actions && (
          <>
            <div className="spacer" />
            {p.actions}
          </>
        )}
      </div>
      <div className="toolbar">
        <div className="filter-input">
          <Icon name="search" size={14} />
          <input
            data-filter-input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              p.onFilter(e.target.value);
            }}
            placeholder={`Filter ${p.title.toLowerCase()}…  ( / )`}
            aria-label={`Filter ${p.title.toLowerCase()}`}
          />
        </div>
        {p.tools}
      </div>
      {p.error && !p.rows.length ? (
        <ErrorBanner message={`Could not load ${p.title.toLowerCase()}: ${p.error.message}`} />
      ) : p.loaded && p.rows.length === 0 ? (
        <EmptyState
          title={text ? `No ${p.title.toLowerCase()} match “${text}”` : p.empty.title}
          action={text ? undefined : p.empty.action}
        >
          {text ? 'Try fewer letters, or search everything with Ctrl+K.' : p.empty.body}
        </EmptyState>
      ) : (
        <VirtualTable
          label={p.title}
          rows={p.rows}
          columns={p.columns}
          onOpen={p.onOpen}
          onEnd={p.onEnd}
          sort={p.sort}
          onSort={p.onSort}
          footer={
            p.loaded
              ? `${count(p.rows.length)}${p.done ? '' : '+'} ${p.rows.length === 1 ? p.one : p.title.toLowerCase()}`
              : null
          }
        />
      )}
    </div>
  );
}
