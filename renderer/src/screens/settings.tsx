import { bridge } from '../api/client';
import { AiSettings } from '../components/ai-settings';
import { BookSettings } from '../components/book-settings';
import { ScoreSettings } from '../components/score-settings';
import { DemoAgencySettings } from '../components/demo-agency';
import { SyncSettings } from '../components/sync-settings';
import { ExportMenu, ImportButton } from '../components/export-menu';
import { RecentImports } from '../components/recent-imports';
import { Kbd } from '../components/values';
import { SHORTCUTS } from '../lib/shortcuts';
import { usePrefs, type ThemePref } from '../stores/prefs';
import { useUi } from '../stores/ui';

export function SettingsScreen() {
  const { theme, setTheme } = usePrefs();
  return (
    <div className="screen" data-screen="settings">
      <div className="screen-head">
        <h1>Settings</h1>
      </div>
      <div className="screen-body settings">
        <SyncSettings />
        <DemoAgencySettings />
        <BookSettings />
        <AiSettings />
        <ScoreSettings />
        <section className="card settings-card">
          <h2>Appearance</h2>
          <div className="segmented" role="group" aria-label="Theme">
            {(['system', 'light', 'dark'] as ThemePref[]).map((t) => (
              <button key={t} type="button" aria-pressed={theme === t} onClick={() => setTheme(t)}>
                {t === 'system' ? 'Follow the system' : t[0]!.toUpperCase() + t.slice(1)}
              </button>
            ))}
          </div>
        </section>
        <section className="card settings-card">
          <h2>Keyboard shortcuts</h2>
          <table className="shortcut-table">
            <tbody>
              {SHORTCUTS.slice(0, 8).map(([k, what]) => (
                <tr key={k}>
                  <td>
                    <Kbd>{k}</Kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="btn small" onClick={() => useUi.getState().set({ shortcuts: true })}>
            All shortcuts
          </button>
        </section>
        <section className="card settings-card" aria-label="Import and export">
          <h2>Import and export</h2>
          <p className="muted">
            Bring clients, leads, contacts and notes in from a CSV or Excel file, or take the whole book with you.
          </p>
          <div className="row">
            <ImportButton />
            <ExportMenu kind="book" label="Export the whole book" />
          </div>
          <RecentImports />
        </section>
        <section className="card settings-card" aria-label="Trash">
          <h2>Trash</h2>
          <p className="muted">Deleted leads, clients, contacts and tickets are kept and can be restored.</p>
          <a className="btn small" href="#/trash">
            Open the Trash
          </a>
        </section>
        <section className="card settings-card" aria-label="Possible duplicates">
          <h2>Possible duplicates</h2>
          <p className="muted">Leads, clients and contacts that may be the same person or business, to merge.</p>
          <a className="btn small" href="#/duplicates/clients">
            Review possible duplicates
          </a>
        </section>
        <section className="card settings-card">
          <h2>About</h2>
          <dl className="kv">
            <dt>Fieldline</dt>
            <dd>{bridge?.versions.app ?? 'browser preview'}</dd>
            {bridge && (
              <>
                <dt>Electron</dt>
                <dd>{bridge.versions.electron}</dd>
                <dt>Chromium</dt>
                <dd>{bridge.versions.chrome}</dd>
              </>
            )}
            <dt>Data</dt>
            <dd>Stored on this device; changes wait in an outbox until they reach the agency’s server.</dd>
          </dl>
        </section>
      </div>
    </div>
  );
}
