import { create } from 'zustand';

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
  toasts: Toast[];
  set(patch: Partial<Pick<UiState, 'palette' | 'newLead' | 'shortcuts'>>): void;
  toast(kind: Toast['kind'], text: string, action?: Toast['action']): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useUi = create<UiState>((set, get) => ({
  palette: false,
  newLead: false,
  shortcuts: false,
  toasts: [],
  set: (patch) => set(patch),
  toast(kind, text, action) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, kind, text, action }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 5000);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));
