/** The import wizard's larger steps: the file picker, the preview of stored rows and the report. */
import { useState } from 'react';
import type { ImportRun, WizardMapping } from '../../../shared/api/files';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind } from '../../../shared/import/fields';
import { call } from '../api/client';
import { messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { prepareAndSave } from '../lib/files';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Icon } from './icon';
import { ImportProgress, InvalidRows, RunCounts } from './import-run';

export const KIND_LABEL: Record<ImportKind, string> = {
  clients: 'Clients',
  leads: 'Leads',
  contacts: 'Contacts',
  notes: 'Notes',
  policies: 'Policies',
};

export function FileStep({
  kind,
  onKind,
  file,
  onFile,
  sent,
  fileError,
}: {
  kind: ImportKind;
  onKind(k: ImportKind): void;
  file: File | null;
  onFile(f: File | null): void;
  sent: number | null;
  fileError: string | null;
}) {
  const [over, setOver] = useState(false);
  return (
    <section aria-label="What to import" className="wizard-file">
      <Field
        label="Import"
        kind="select"
        value={kind}
        onChange={(v) => onKind(v as ImportKind)}
        options={IMPORT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
      />
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          onFile(e.dataTransfer.files[0] ?? null);
        }}
      >
        <Icon name="upload" size={20} />
        <label htmlFor="import-file">CSV or Excel file (drop it here, or pick it)</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.tsv,.txt,.xlsx"
          aria-invalid={fileError ? true : undefined}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
        {file && (
          <span className="muted small">
            {file.name}, {formatBytes(file.size)}
            {sent !== null && sent < file.size && ` — sending ${Math.floor((sent / Math.max(file.size, 1)) * 100)}%`}
          </span>
        )}
        {fileError && (
          <span className="field-error" role="alert">
            {fileError}
          </span>
        )}
      </div>
    </section>
  );
}

export function PreviewStep({
  uploadId,
  kind,
  mapping,
}: {
  uploadId: string;
  kind: ImportKind;
  mapping: WizardMapping;
}) {
  const preview = useQuery('imports.preview', { upload_id: uploadId, kind, mapping, limit: 10 });
  const fields = IMPORT_FIELDS[kind];
  if (preview.error)
    return (
      <p className="field-error" role="alert">
        {messageOf(preview.error)}
      </p>
    );
  if (!preview.data) return null;
  const shown = preview.data.headers
    .map((h, i) => ({ h, i, field: mapping.columns[i] ?? null }))
    .filter((c) => c.field !== null);
  const label = (key: string | null) => fields.find((f) => f.key === key)?.label ?? key ?? '';
  return (
    <section aria-label="Preview">
      <p className="muted small">The first rows as they will be stored. A marked cell will not import as it is.</p>
      <div className="wizard-scroll">
        <table className="mini-table wizard-table" data-testid="preview-table">
          <thead>
            <tr>
              <th scope="col">Row</th>
              {shown.map((c) => (
                <th key={c.i} scope="col">
                  {label(c.field)}
                  <div className="muted small">{c.h}</div>
                </th>
              ))}
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {preview.data.rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                {shown.map((c) => {
                  const cell = r.cells[c.i]!;
                  return (
                    <td key={c.i} className={cell.error ? 'cell-error' : undefined}>
                      {cell.error ? (
                        <>
                          <span>{cell.raw}</span>
                          <div className="small">{cell.error}</div>
                        </>
                      ) : (
                        (cell.value ?? <span className="muted">—</span>)
                      )}
                    </td>
                  );
                })}
                <td className={r.issues.length ? 'cell-error' : undefined}>
                  {r.issues.map((i) => i.reason).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A finished (or stopped) run: its counts, its invalid rows, the report to download, and Undo. */
export function RunReport({
  run,
  title,
  withUndo,
  onResumed,
}: {
  run: ImportRun;
  title: string;
  withUndo?: boolean;
  onResumed?: () => void;
}) {
  const toast = useUi((s) => s.toast);
  const [confirming, setConfirming] = useState(false);
  const [undoing, setUndoing] = useState(false);
  if (run.status === 'running') return <ImportProgress run={run} />;
  const undo = async () => {
    setUndoing(true);
    const res = await call('imports.undo', { run_id: run.run_id });
    setUndoing(false);
    setConfirming(false);
    if (!res.ok) toast('error', `Undo failed: ${messageOf(res.error)}`);
    else toast('ok', `Import undone: ${res.value.deleted.toLocaleString()} records removed`);
  };
  const stopped =
    run.status === 'cancelled'
      ? 'Stopped: the rows up to here were imported. Resume goes on from the next row.'
      : run.status === 'undone'
        ? 'Undone: what this import created was removed.'
        : run.status === 'failed'
          ? `Failed: ${run.error ?? ''}`
          : null;
  return (
    <section aria-label="Report" data-testid="import-report">
      <h3 className="wizard-title">{title}</h3>
      {stopped && (
        <p role="status" className="muted">
          {stopped}
        </p>
      )}
      <RunCounts run={run} />
      <div className="wizard-row">
        <button
          type="button"
          className="btn"
          disabled={run.invalid === 0}
          onClick={() =>
            void prepareAndSave(() => call('imports.report', { run_id: run.run_id })).then(
              (res) => !res.ok && toast('error', messageOf(res.error)),
            )
          }
        >
          <Icon name="download" size={14} /> Download report (CSV)
        </button>
        {onResumed && run.import_id && (run.status === 'cancelled' || run.status === 'failed') && (
          <button
            type="button"
            className="btn"
            onClick={() =>
              void call('imports.resume', { run_id: run.run_id }).then((res) =>
                res.ok ? onResumed() : toast('error', `Resume failed: ${messageOf(res.error)}`),
              )
            }
          >
            Resume import
          </button>
        )}
        {withUndo && run.import_id && run.status !== 'undone' && (
          <>
            {!confirming ? (
              <button type="button" className="btn danger" onClick={() => setConfirming(true)}>
                Undo import
              </button>
            ) : (
              <span className="wizard-confirm" role="group" aria-label="Confirm undo">
                <span>Remove the {run.created.toLocaleString()} records this import created?</span>
                <button type="button" className="btn danger" disabled={undoing} onClick={() => void undo()} autoFocus>
                  {undoing ? 'Undoing…' : 'Yes, undo the import'}
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  Keep it
                </button>
              </span>
            )}
          </>
        )}
      </div>
      {run.invalid > 0 && <InvalidRows runId={run.run_id} />}
    </section>
  );
}

/** "Import 1 row", "Import 3,001 rows": what the dry run found valid. */
export function importLabel(run: ImportRun | undefined) {
  if (!run) return 'Import';
  const n = run.rows - run.invalid - run.skipped;
  return `Import ${n.toLocaleString()} row${n === 1 ? '' : 's'}`;
}

function formatBytes(n: number) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
