import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../../shared/api/contract';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { COMMAND_READS } from '../../../shared/api/changes';
import { useTablesVersion } from '../stores/data';

type ListCommand = 'clients.list' | 'contacts.list' | 'tickets.list' | 'campaigns.list' | 'policies.list';
type Item<C extends ListCommand> = CommandOutput<C>[number];
const PAGE = 200;

/** A simple list (offset paging) for the secondary screens, filtered by text. */
export function useList<C extends ListCommand>(
  command: C,
  filter: { text?: string; status?: string; sort?: string; dir?: 'asc' | 'desc' },
) {
  const version = useTablesVersion(COMMAND_READS[command]);
  const [state, setState] = useState<{ items: Item<C>[]; done: boolean; error: AppErrorShape | null; loaded: boolean }>(
    { items: [], done: false, error: null, loaded: false },
  );
  const key = JSON.stringify(filter);
  const seq = useRef(0);
  const busy = useRef(false);

  useEffect(() => {
    const mine = ++seq.current;
    busy.current = true;
    void call(command, { ...(JSON.parse(key) as object), limit: PAGE, offset: 0 } as never).then((res) => {
      if (mine !== seq.current) return;
      busy.current = false;
      if (!res.ok) return setState((s) => ({ ...s, error: res.error, loaded: true }));
      const items = res.value as Item<C>[];
      setState({ items, done: items.length < PAGE, error: null, loaded: true });
    });
  }, [command, key, version]);

  const loadMore = useCallback(() => {
    if (busy.current || state.done) return;
    busy.current = true;
    const mine = seq.current;
    void call(command, { ...(JSON.parse(key) as object), limit: PAGE, offset: state.items.length } as never).then(
      (res) => {
        busy.current = false;
        if (mine !== seq.current || !res.ok) return;
        const more = res.value as Item<C>[];
        setState((s) => ({ ...s, items: [...s.items, ...more], done: more.length < PAGE }));
      },
    );
  }, [command, key, state.done, state.items.length]);

  return { ...state, loadMore };
}

/** A filter input's value, applied after a pause in typing. */
export function useDebounced<T>(value: T, ms = 200): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
