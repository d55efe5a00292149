import { navigate, useRouter, type Route } from '../stores/router';
import { Icon } from './icon';
import { Kbd } from './values';

const ITEMS: Array<{ label: string; icon: string; route: Route; match: Route['name'][]; key: string }> = [
  { label: 'Today', icon: 'today', route: { name: 'today' }, match: ['today'], key: 'T' },
  { label: 'My work', icon: 'today', route: { name: 'work' }, match: ['work'], key: 'W' },
  { label: 'Leads', icon: 'leads', route: { name: 'leads', view: 'table' }, match: ['leads', 'lead'], key: 'L' },
  { label: 'Clients', icon: 'clients', route: { name: 'clients' }, match: ['clients', 'client'], key: 'C' },
  { label: 'Policies', icon: 'file', route: { name: 'policies' }, match: ['policies', 'policy'], key: 'P' },
  { label: 'Renewals', icon: 'clock', route: { name: 'renewals' }, match: ['renewals'], key: 'R' },
  { label: 'X-dates', icon: 'event', route: { name: 'xdates' }, match: ['xdates'], key: 'X' },
  { label: 'Contacts', icon: 'contacts', route: { name: 'contacts' }, match: ['contacts'], key: 'O' },
  { label: 'Tickets', icon: 'tickets', route: { name: 'tickets' }, match: ['tickets'], key: 'K' },
  { label: 'Campaigns', icon: 'campaigns', route: { name: 'campaigns' }, match: ['campaigns'], key: 'M' },
  { label: 'Dashboard', icon: 'dashboard', route: { name: 'dashboard' }, match: ['dashboard'], key: 'D' },
];

export const NAV_ITEMS = ITEMS;

export function Sidebar() {
  const current = useRouter((s) => s.route.name);
  const item = (it: (typeof ITEMS)[number]) => (
    <a
      key={it.label}
      href={it.route.name === 'leads' ? '#/leads' : `#/${it.route.name}`}
      className={`nav-item${it.match.includes(current) ? ' active' : ''}`}
      aria-current={it.match.includes(current) ? 'page' : undefined}
      title={`${it.label} (G then ${it.key})`}
      onClick={(e) => {
        e.preventDefault();
        navigate(it.route);
      }}
    >
      <Icon name={it.icon} />
      <span>{it.label}</span>
    </a>
  );
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark">F</span>
        <span>Fieldline</span>
      </div>
      <div className="nav-list">{ITEMS.map(item)}</div>
      <div className="nav-foot">
        {item({ label: 'Settings', icon: 'settings', route: { name: 'settings' }, match: ['settings'], key: 'S' })}
        <div className="nav-hint">
          <Kbd>?</Kbd> shortcuts
        </div>
      </div>
    </nav>
  );
}
