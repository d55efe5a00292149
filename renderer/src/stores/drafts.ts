import { create } from 'zustand';
import { loadJson, saveJson } from './persisted';

/**
 * Text typed into composers and forms, kept per record until it is saved, so a failed save,
 * a navigation or a reload never loses it.
 */
interface DraftState {
  drafts: Record<string, Record<string, unknown>>;
  get<T extends Record<string, unknown>>(key: string, initial: T): T;
  put(key: string, value: Record<string, unknown>): void;
  clear(key: string): void;
}

export const useDrafts = create<DraftState>((set, get) => ({
  drafts: loadJson('drafts', {}),
  get: (key, initial) => ({ ...initial, ...(get().drafts[key] ?? {}) }) as typeof initial,
  put(key, value) {
    const drafts = { ...get().drafts, [key]: value };
    set({ drafts });
    saveJson('drafts', drafts);
  },
  clear(key) {
    const drafts = { ...get().drafts };
    delete drafts[key];
    set({ drafts });
    saveJson('drafts', drafts);
  },
}));
