import { create } from 'zustand';
import { DEDUP_KINDS, type DedupKind } from '../../../shared/api/dedup';

export type Route =
  | { name: 'today' }
  | { name: 'work' }
  | { name: 'leads'; view: 'table' | 'board' }
  | { name: 'lead'; id: string }
  | { name: 'clients' }
  | { name: 'client'; id: string }
  | { name: 'contacts' }
  | { name: 'tickets' }
  | { name: 'campaigns' }
  | { name: 'campaign'; id: string }
  | { name: 'trash' }
  | { name: 'dashboard' }
  | { name: 'renewals' }
  | { name: 'policies' }
  | { name: 'policy'; id: string }
  | { name: 'xdates' }
  | { name: 'settings' }
  | { name: 'duplicates'; kind: DedupKind }
  | { name: 'merge'; kind: DedupKind; survivor: string; merged: string };

const isDedupKind = (k: string | undefined): k is DedupKind => (DEDUP_KINDS as readonly string[]).includes(k ?? '');

export function parseHash(hash: string): Route {
  const [a = '', b, c, d] = hash.replace(/^#\/?/, '').split(/[/?]/);
  switch (a) {
    case 'duplicates':
      return { name: 'duplicates', kind: isDedupKind(b) ? b : 'clients' };
    case 'merge':
      if (isDedupKind(b) && c && d) return { name: 'merge', kind: b, survivor: c, merged: d };
      return { name: 'duplicates', kind: 'clients' };
    case 'leads':
      if (b === 'board') return { name: 'leads', view: 'board' };
      return b ? { name: 'lead', id: b } : { name: 'leads', view: 'table' };
    case 'clients':
      return b ? { name: 'client', id: b } : { name: 'clients' };
    case 'campaigns':
      return b ? { name: 'campaign', id: b } : { name: 'campaigns' };
    case 'policies':
      return b ? { name: 'policy', id: b } : { name: 'policies' };
    case 'contacts':
    case 'tickets':
    case 'trash':
    case 'dashboard':
    case 'renewals':
    case 'xdates':
    case 'settings':
    case 'today':
    case 'work':
      return { name: a };
    default:
      return { name: 'today' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'leads':
      return route.view === 'board' ? '#/leads/board' : '#/leads';
    case 'lead':
      return `#/leads/${route.id}`;
    case 'client':
      return `#/clients/${route.id}`;
    case 'campaign':
      return `#/campaigns/${route.id}`;
    case 'policy':
      return `#/policies/${route.id}`;
    case 'duplicates':
      return `#/duplicates/${route.kind}`;
    case 'merge':
      return `#/merge/${route.kind}/${route.survivor}/${route.merged}`;
    default:
      return `#/${route.name}`;
  }
}

/** Hash routing: works the same from the app protocol in Electron and from the web host. */
export const useRouter = create<{ route: Route }>(() => ({ route: parseHash(location.hash) }));

window.addEventListener('hashchange', () => useRouter.setState({ route: parseHash(location.hash) }));

export function navigate(route: Route) {
  const href = hrefOf(route);
  if (location.hash !== href) location.hash = href;
}
