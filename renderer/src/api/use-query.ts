import { useEffect, useRef, useState } from 'react';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api/contract';
import type { AppErrorShape } from '../../../shared/errors';
import { COMMAND_READS } from '../../../shared/api/changes';
import { useTablesVersion } from '../stores/data';
import { call } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: AppErrorShape | null;
  /** True until the first answer arrives (screens render nothing, not a spinner: it takes a frame). */
  loading: boolean;
  reload(): void;
}

/**
 * Runs a command and keeps its answer; re-runs when the input changes or a table it reads
 * changes in the replica (COMMAND_READS, told by the change feed).
 * The previous answer stays on screen while the next one is on its way, and an answer that
 * arrives after a newer request is dropped.
 */
export function useQuery<C extends CommandName>(
  command: C,
  input: CommandInput<C> | null,
): QueryState<CommandOutput<C>> {
  const version = useTablesVersion(COMMAND_READS[command]);
  const [state, setState] = useState<{ data?: CommandOutput<C>; error: AppErrorShape | null; loading: boolean }>({
    error: null,
    loading: true,
  });
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    void call(command, JSON.parse(key) as CommandInput<C>).then((res) => {
      if (mine !== seq.current) return;
      setState((prev) =>
        res.ok
          ? { data: res.value, error: null, loading: false }
          : { data: prev.data, error: res.error, loading: false },
      );
    });
  }, [command, key, version, nonce]);

  return { data: state.data, error: state.error, loading: state.loading, reload: () => setNonce((n) => n + 1) };
}
