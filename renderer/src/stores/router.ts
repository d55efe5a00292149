import { create } from 'zustand';

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
  | { name: 'settings' };

export function parseHash(hash: string): Route {
  const [a = '', b] = hash.replace(/^#\/?/, '').split(/[/?]/);
  switch (a) {
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
