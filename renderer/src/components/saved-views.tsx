import { useState } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { ListViewState } from '../stores/list-view';
import { Dropdown } from './dropdown';
import { Icon } from './icon';

/** Saved combinations of a list's filters, sort and columns, kept on this device. */
export function SavedViews<F, S extends string>({ store }: { store: UseBoundStore<StoreApi<ListViewState<F, S>>> }) {
  const { saved, apply, remove, saveAs, reset } = store();
  const [name, setName] = useState('');
  return (
    <Dropdown label="Views" testId="saved-views">
      {(close) => (
        <div className="menu-list" role="group" aria-label="Saved views">
          {saved.length === 0 && <div className="menu-note">No saved views yet. Set filters, then save them here.</div>}
          {saved.map((v) => (
            <div key={v.name} className="menu-item">
              <button
                type="button"
                className="btn ghost small"
                style={{ flex: 1, justifyContent: 'flex-start' }}
                onClick={() => {
                  apply(v);
                  close();
                }}
              >
                {v.name}
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={`Delete view ${v.name}`}
                onClick={() => remove(v.name)}
              >
                <Icon name="trash" size={13} />
              </button>
            </div>
          ))}
          <div className="menu-sep" />
          <form
            className="row"
            style={{ padding: '4px 4px' }}
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              saveAs(name.trim());
              setName('');
              close();
            }}
          >
            <input
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Name this view"
              aria-label="View name"
            />
            <button type="submit" className="btn small" disabled={!name.trim()}>
              Save
            </button>
          </form>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              reset();
              close();
            }}
          >
            Reset to default
          </button>
        </div>
      )}
    </Dropdown>
  );
}
