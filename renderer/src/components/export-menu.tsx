import { useState } from 'react';
import type { CommandInput } from '../../../shared/api/contract';
import type { ExportChoice } from '../../../shared/api/files';
import type { ImportKind } from '../../../shared/import/fields';
import { call } from '../api/client';
import { messageOf } from '../api/mutate';
import { prepareAndSave } from '../lib/files';
import { useUi } from '../stores/ui';
import { Dropdown } from './dropdown';
import { Icon } from './icon';

type ExportExtra = Omit<CommandInput<'exports.create'>, 'kind' | 'format'>;

/**
 * "Export" → CSV or Excel: the main process writes the file (streamed, any size) and the page
 * downloads it. `extra` carries what a view adds (the Leads view's filters and columns).
 */
export function ExportMenu({ kind, extra, label }: { kind: ExportChoice; extra?: ExportExtra; label?: string }) {
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    const res = await prepareAndSave(() => call('exports.create', { kind, format, ...extra }));
    setBusy(false);
    if (!res.ok) toast('error', `Export failed: ${messageOf(res.error)}`);
    else toast('ok', `Exported ${res.value.rows.toLocaleString()} rows to ${res.value.file_name}`);
  };
  return (
    <Dropdown
      label={
        <>
          <Icon name="download" size={14} /> {busy ? 'Exporting…' : (label ?? 'Export')}
        </>
      }
      align="right"
      testId={`export-${kind}`}
    >
      {(close) => (
        <div className="menu-list" role="group" aria-label="Export format">
          {(
            [
              ['csv', 'CSV (.csv)'],
              ['xlsx', 'Excel workbook (.xlsx)'],
            ] as const
          ).map(([format, text]) => (
            <button
              key={format}
              type="button"
              className="menu-item"
              disabled={busy}
              onClick={() => {
                close();
                void run(format);
              }}
            >
              {text}
            </button>
          ))}
        </div>
      )}
    </Dropdown>
  );
}

/** Opens the import wizard on a kind of record. */
export function ImportButton({ kind }: { kind?: ImportKind }) {
  return (
    <button
      type="button"
      className="btn"
      data-testid={`import-${kind ?? 'any'}`}
      onClick={() => useUi.getState().set({ importing: { kind } })}
    >
      <Icon name="upload" size={14} /> Import
    </button>
  );
}
