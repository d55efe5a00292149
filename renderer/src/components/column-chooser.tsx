import { LEAD_COLUMNS } from '../screens/lead-columns';
import { useLeadsView, DEFAULT_COLUMNS } from '../stores/leads-view';
import { Dropdown } from './dropdown';
import { Icon } from './icon';

/** Show, hide and reorder the Leads table's columns. */
export function ColumnChooser() {
  const { columns, setColumns } = useLeadsView();
  const move = (key: string, by: number) => {
    const i = columns.indexOf(key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= columns.length) return;
    const next = [...columns];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setColumns(next);
  };
  const ordered = [...columns, ...LEAD_COLUMNS.map((c) => c.key).filter((k) => !columns.includes(k))];
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
            const col = LEAD_COLUMNS.find((c) => c.key === key)!;
            const shown = columns.includes(key);
            return (
              <div key={key} className="menu-item">
                <label className="check" style={{ flex: 1 }}>
                  <input
                    type="checkbox"
                    checked={shown}
                    disabled={key === 'name'}
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
          <button type="button" className="menu-item" onClick={() => setColumns(DEFAULT_COLUMNS)}>
            Reset columns
          </button>
        </div>
      )}
    </Dropdown>
  );
}
