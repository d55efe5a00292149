import { useEffect } from 'react';
import { navigate, type Route } from '../stores/router';
import { useUi } from '../stores/ui';

export const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl/⌘ K', 'Search and commands'],
  ['N', 'New lead'],
  ['G then T', 'Go to Today'],
  ['G then W', 'Go to My work (tasks)'],
  ['G then L', 'Go to Leads'],
  ['G then B', 'Go to the pipeline board'],
  ['G then C', 'Go to Clients'],
  ['G then O', 'Go to Contacts'],
  ['G then K', 'Go to Tickets'],
  ['G then M', 'Go to Campaigns'],
  ['G then D', 'Go to Dashboard'],
  ['G then S', 'Go to Settings'],
  ['/', 'Filter the current list'],
  ['↑ ↓ then ↵', 'Move through a list and open a row'],
  ['[ and ]', 'Move a focused board card to the previous or next status'],
  ['Alt+N / Alt+L', 'On a lead: write a note / log a call'],
  ['?', 'This list'],
];

const GO: Record<string, Route> = {
  t: { name: 'today' },
  w: { name: 'work' },
  l: { name: 'leads', view: 'table' },
  b: { name: 'leads', view: 'board' },
  c: { name: 'clients' },
  o: { name: 'contacts' },
  k: { name: 'tickets' },
  m: { name: 'campaigns' },
  d: { name: 'dashboard' },
  s: { name: 'settings' },
};

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** App-wide keys. Single letters act only outside text fields; Ctrl/⌘+K works everywhere. */
export function useGlobalShortcuts() {
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      const ui = useUi.getState();
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        ui.set({ palette: !ui.palette });
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || ui.palette || ui.newLead) return;
      if (document.querySelector('.modal')) return;
      const key = e.key.toLowerCase();
      if (pendingG && Date.now() - pendingG < 1200 && GO[key]) {
        pendingG = 0;
        e.preventDefault();
        navigate(GO[key]);
        return;
      }
      pendingG = 0;
      if (key === 'g') pendingG = Date.now();
      else if (key === 'n') {
        e.preventDefault();
        ui.set({ newLead: true });
      } else if (e.key === '?') ui.set({ shortcuts: true });
      else if (e.key === '/') {
        const filter = document.querySelector<HTMLInputElement>('[data-filter-input]');
        if (filter) {
          e.preventDefault();
          filter.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
