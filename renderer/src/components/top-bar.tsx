import { bridge } from '../api/client';
import { useUi } from '../stores/ui';
import { Icon } from './icon';
import { SyncIndicator } from './sync-indicator';
import { Kbd } from './values';

const mod =
  (bridge?.platform ?? navigator.platform).toLowerCase().startsWith('mac') || bridge?.platform === 'darwin'
    ? '⌘'
    : 'Ctrl';

export function TopBar() {
  const set = useUi((s) => s.set);
  return (
    <header className="topbar">
      <button type="button" className="search-btn" onClick={() => set({ palette: true })} data-testid="open-search">
        <Icon name="search" size={14} />
        <span>Search or jump to…</span>
        <Kbd>{mod} K</Kbd>
      </button>
      <div className="spacer" />
      <SyncIndicator />
      <button type="button" className="btn primary" onClick={() => set({ newLead: true })} title="New lead (N)">
        <Icon name="plus" size={14} />
        New lead
      </button>
    </header>
  );
}
