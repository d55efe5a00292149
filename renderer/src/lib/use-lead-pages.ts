import { useCallback, useEffect, useRef, useState } from 'react';
import type { PipelineCursor, PipelineQuery } from '../../../shared/api/inputs';
import type { LeadListItem } from '../../../shared/api/types';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { COMMAND_READS } from '../../../shared/api/changes';
import { useTablesVersion } from '../stores/data';

const PAGE = 100;

/**
 * The Leads table's rows, page by page with the keyset cursor. A new query starts over; a
 * change to the replica re-reads, in one request, every row the user has asked for, including a
 * page still loading: that page's own answer is dropped by the re-read, and re-reading only the
 * rows already loaded shrank the table under a user scrolling towards the new page.
 */
export function useLeadPages(query: Omit<PipelineQuery, 'after' | 'limit'>) {
  const version = useTablesVersion(COMMAND_READS['leads.list']);
  const [state, setState] = useState<{
    items: LeadListItem[];
    next: PipelineCursor | null;
    done: boolean;
    error: AppErrorShape | null;
    loaded: boolean;
  }>({
    items: [],
    next: null,
    done: false,
    error: null,
    loaded: false,
  });
  const key = JSON.stringify(query);
  const seq = useRef(0);
  const busy = useRef(false);
  /** How many rows the user has asked for: the pages loaded, and the one loading. */
  const wanted = useRef(PAGE);
  const lastKey = useRef(key);

  useEffect(() => {
    const mine = ++seq.current;
    busy.current = true;
    if (lastKey.current !== key) wanted.current = PAGE;
    lastKey.current = key;
    const limit = Math.min(500, Math.max(PAGE, wanted.current));
    void call('leads.list', { ...(JSON.parse(key) as PipelineQuery), limit }).then((res) => {
      if (mine !== seq.current) return;
      busy.current = false;
      if (!res.ok) return setState((s) => ({ ...s, error: res.error, loaded: true }));
      setState({ items: res.value.items, next: res.value.next, done: !res.value.next, error: null, loaded: true });
    });
  }, [key, version]);

  const loadMore = useCallback(() => {
    if (busy.current || state.done || !state.next) return;
    busy.current = true;
    const mine = seq.current;
    wanted.current = state.items.length + PAGE;
    void call('leads.list', { ...(JSON.parse(key) as PipelineQuery), limit: PAGE, after: state.next }).then((res) => {
      busy.current = false;
      if (mine !== seq.current) return;
      if (!res.ok) return setState((s) => ({ ...s, error: res.error }));
      setState((s) => ({ ...s, items: [...s.items, ...res.value.items], next: res.value.next, done: !res.value.next }));
    });
  }, [key, state.done, state.next, state.items.length]);

  return { ...state, loadMore };
}
