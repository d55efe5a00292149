import type { StoreApi, UseBoundStore } from 'zustand';
import type { ListViewState } from '../stores/list-view';
import { Dropdown } from './dropdown';
import { Icon } from './icon';

interface Props<F, S extends string> {
  store: UseBoundStore<StoreApi<ListViewState<F, S>>>;
  /** Every column the table can show, in their default order. */
  all: ReadonlyArray<{ key: string; label: string }>;
  defaults: string[];
  /** The column that names the row, always shown. */
  fixed: string;
}

/** Show, hide and reorder a list's columns. */
export function ColumnChooser<F, S extends string>({ store, all, defaults, fixed }: Props<F, S>) {
  const { columns, setColumns } = store();
  const move = (key: string, by: number) => {
    const i = columns.indexOf(key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= columns.length) return;
    const next = [...columns];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setColumns(next);
  };
  const ordered = [...columns, ...all.map((c) => c.key).filter((k) => !columns.includes(k))];
  return (
    <Dropdown
      align="right"
      testId="column-chooser"
      label={
        <>
          <Icon name="columns" size={14} />
          Columns
        </>
      }
    >
      {() => (
        <div className="menu-list" role="group" aria-label="Columns">
          {ordered.map((key) => {
            const col = all.find((c) => c.key === key);
            if (!col) return null;
            const shown = columns.includes(key);
            return (
              <div key={key} className="menu-item">
                <label className="check" style={{ flex: 1 }}>
                  <input
                    type="checkbox"
                    checked={shown}
                    disabled={key === fixed}
                    onChange={(e) =>
                      setColumns(e.target.checked ? [...columns, key] : columns.filter((k) => k !== key))
                    }
                  />
                  {col.label}
                </label>
                {shown && (
                  <>
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={`Move ${col.label} left`}
                      onClick={() => move(key, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={`Move ${col.label} right`}
                      onClick={() => move(key, 1)}
                    >
                      ↓
                    </button>
                  </>
                )}
              </div>
            );
          })}
          <div className="menu-sep" />
          <button type="button" className="menu-item" onClick={() => setColumns(defaults)}>
            Reset columns
          </button>
        </div>
      )}
    </Dropdown>
  );
}
