import type { ChangeEvent } from '../../../shared/api/changes';
import { bridge } from './client';

/**
 * Listens to the replica's change feed: pushed over IPC by the Electron shell, or as server-sent
 * events from the web host. `onGap` is called when the stream reconnects after a drop, since
 * events may have been missed meanwhile. Returns the function that stops listening.
 */
export function listenForChanges(onChange: (event: ChangeEvent) => void, onGap: () => void): () => void {
  if (bridge) return bridge.onChange(onChange);
  const source = new EventSource('/api/changes');
  let opened = false;
  source.onopen = () => {
    if (opened) onGap();
    opened = true;
  };
  source.onmessage = (m: MessageEvent<string>) => onChange(JSON.parse(m.data) as ChangeEvent);
  return () => source.close();
}
