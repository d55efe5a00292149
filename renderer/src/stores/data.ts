import { create } from 'zustand';

/** Bumped after every successful mutation: open queries re-run against the changed replica. */
export const useData = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}));
