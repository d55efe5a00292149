import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { loadJson, saveJson } from './persisted';

/** What a list screen remembers and a saved view holds: its filters, sort and shown columns. */
export interface ListView<F, S extends string> {
  filters: F;
  sort: S;
  dir: 'asc' | 'desc';
  columns: string[];
}

export type SavedListView<F, S extends string> = ListView<F, S> & { name: string };

export interface ListViewState<F, S extends string> extends ListView<F, S> {
  saved: SavedListView<F, S>[];
  setFilters(patch: Partial<F>): void;
  /** A click on a column header: the same column flips direction, another starts at its own. */
  sortBy(sort: S): void;
  setColumns(columns: string[]): void;
  saveAs(name: string): void;
  apply(view: ListView<F, S>): void;
  remove(name: string): void;
  reset(): void;
}

/** Any list's view store, as the saved-views menu and column chooser use it. */
export type ListViewStore = UseBoundStore<StoreApi<ListViewState<unknown, string>>>;

interface Options<F, S extends string> {
  /** localStorage keys: the current view, and the saved views. */
  key: string;
  savedKey: string;
  defaults: ListView<F, S>;
  /** The direction a sort starts in (names ascending, dates and amounts newest/largest first). */
  firstDir(sort: S): 'asc' | 'desc';
}

/**
 * A list screen's view (filters, sort, columns), remembered on this device, and its saved views:
 * named copies of a view to pick again. The Leads and Policies lists each make one.
 */
export function createListView<F, S extends string>(o: Options<F, S>) {
  const pick = (s: ListView<F, S>): ListView<F, S> => ({
    filters: s.filters,
    sort: s.sort,
    dir: s.dir,
    columns: s.columns,
  });
  return create<ListViewState<F, S>>((set, get) => {
    const persist = () => saveJson(o.key, pick(get()));
    const stored = loadJson<Partial<ListView<F, S>>>(o.key, {});
    return {
      ...o.defaults,
      ...stored,
      // Filters added since a view was stored start at their defaults.
      filters: { ...o.defaults.filters, ...stored.filters },
      saved: loadJson<SavedListView<F, S>[]>(o.savedKey, []),
      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        persist();
      },
      sortBy(sort) {
        const s = get();
        set(s.sort === sort ? { dir: s.dir === 'asc' ? 'desc' : 'asc' } : { sort, dir: o.firstDir(sort) });
        persist();
      },
      setColumns(columns) {
        set({ columns });
        persist();
      },
      saveAs(name) {
        const saved = [...get().saved.filter((v) => v.name !== name), { name, ...pick(get()) }];
        set({ saved });
        saveJson(o.savedKey, saved);
      },
      apply(view) {
        const v = pick(view);
        set({ ...v, filters: { ...o.defaults.filters, ...v.filters } });
        persist();
      },
      remove(name) {
        const saved = get().saved.filter((v) => v.name !== name);
        set({ saved });
        saveJson(o.savedKey, saved);
      },
      reset() {
        set(o.defaults);
        persist();
      },
    };
  });
}
