import { create } from 'zustand';
import type { PipelineSort } from '../../../shared/api/inputs';
import { loadJson, saveJson } from './persisted';

export interface LeadFilters {
  status_ids: string[];
  insurance_type_ids: string[];
  owner_ids: string[];
  text: string;
  include_converted: boolean;
}

export interface LeadView {
  filters: LeadFilters;
  sort: PipelineSort;
  dir: 'asc' | 'desc';
  columns: string[];
}

export interface SavedView extends LeadView {
  name: string;
}

export const DEFAULT_COLUMNS = [
  'name',
  'status',
  'type',
  'owner',
  'premium',
  'priority',
  'next_follow_up_at',
  'last_contacted_at',
  'updated_at',
];
export const EMPTY_FILTERS: LeadFilters = {
  status_ids: [],
  insurance_type_ids: [],
  owner_ids: [],
  text: '',
  include_converted: false,
};
const DEFAULT_VIEW: LeadView = { filters: EMPTY_FILTERS, sort: 'updated_at', dir: 'desc', columns: DEFAULT_COLUMNS };

interface LeadsViewState extends LeadView {
  saved: SavedView[];
  setFilters(patch: Partial<LeadFilters>): void;
  sortBy(sort: PipelineSort): void;
  setColumns(columns: string[]): void;
  saveAs(name: string): void;
  apply(view: LeadView): void;
  remove(name: string): void;
  reset(): void;
}

const pick = (s: LeadView): LeadView => ({ filters: s.filters, sort: s.sort, dir: s.dir, columns: s.columns });

/** The Leads screen's filters, sort and columns (remembered), and the saved views (localStorage). */
export const useLeadsView = create<LeadsViewState>((set, get) => {
  const persist = () => saveJson('leads-view', pick(get()));
  return {
    ...DEFAULT_VIEW,
    ...loadJson<Partial<LeadView>>('leads-view', {}),
    saved: loadJson<SavedView[]>('saved-views', []),
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      persist();
    },
    sortBy(sort) {
      const s = get();
      set(
        s.sort === sort
          ? { dir: s.dir === 'asc' ? 'desc' : 'asc' }
          : { sort, dir: sort === 'last_name' ? 'asc' : 'desc' },
      );
      persist();
    },
    setColumns(columns) {
      set({ columns });
      persist();
    },
    saveAs(name) {
      const saved = [...get().saved.filter((v) => v.name !== name), { name, ...pick(get()) }];
      set({ saved });
      saveJson('saved-views', saved);
    },
    apply(view) {
      set(pick(view));
      persist();
    },
    remove(name) {
      const saved = get().saved.filter((v) => v.name !== name);
      set({ saved });
      saveJson('saved-views', saved);
    },
    reset() {
      set(DEFAULT_VIEW);
      persist();
    },
  };
});
