import { create } from 'zustand';
import type { ImportKind } from '../../../shared/import/fields';

export interface Toast {
  id: number;
  kind: 'ok' | 'error';
  text: string;
  action?: { label: string; run(): void };
}

interface UiState {
  palette: boolean;
  newLead: boolean;
  shortcuts: boolean;
  /** The import wizard, open on a kind of record (from a list), on none picked yet, or on a stored import's report. */
  importing: { kind?: ImportKind; runId?: string } | null;
  toasts: Toast[];
  set(patch: Partial<Pick<UiState, 'palette' | 'newLead' | 'shortcuts' | 'importing'>>): void;
  toast(kind: Toast['kind'], text: string, action?: Toast['action']): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useUi = create<UiState>((set, get) => ({
  palette: false,
  newLead: false,
  shortcuts: false,
  importing: null,
  toasts: [],
  set: (patch) => set(patch),
  toast(kind, text, action) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, kind, text, action }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 5000);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));
