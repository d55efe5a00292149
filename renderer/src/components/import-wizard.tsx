import { useEffect, useMemo, useState } from 'react';
import type { ImportRun, InspectResult, WizardMapping } from '../../../shared/api/files';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind } from '../../../shared/import/fields';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { prepareAndSave, uploadFile } from '../lib/files';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Icon } from './icon';
import { Modal } from './modal';
import { ImportProgress, InvalidRows, RunCounts } from './import-run';

const KIND_LABEL: Record<ImportKind, string> = {
  clients: 'Clients',
  leads: 'Leads',
  contacts: 'Contacts',
  notes: 'Notes',
  policies: 'Policies',
};
const DATE_ORDER_LABEL: Record<NonNullable<WizardMapping['dateOrder']>, string> = {
  MDY: 'Month/day/year (12/31/2026)',
  DMY: 'Day/month/year (31/12/2026)',
  YMD: 'Year-month-day (2026-12-31)',
};
const ON_DUPLICATE_LABEL = {
  skip: 'Skip the row (keep the record as it is)',
  update: 'Update the existing record',
  create: 'Create a new record anyway',
} as const;
type OnDuplicate = keyof typeof ON_DUPLICATE_LABEL;

const STEPS = ['File', 'Columns', 'Options', 'Preview', 'Dry run', 'Import', 'Report'] as const;
type Step = (typeof STEPS)[number];

/**
 * The import wizard: pick the kind and the file, map its columns (suggested from the headers,
 * saved by name), options, a preview of the first rows as they will be stored, a dry run that
 * validates every row and stores nothing, the import with its progress, and the report with
 * Undo. The run's progress comes from the job's state, which the change feed pushes.
 */
export function ImportWizard({
  initialKind,
  initialRunId,
  onClose,
}: {
  initialKind?: ImportKind;
  /** A stored import (from Settings): the wizard opens on its report. */
  initialRunId?: string;
  onClose(): void;
}) {
  const toast = useUi((s) => s.toast);
  const [step, setStep] = useState<Step>(initialRunId ? 'Report' : 'File');
  const [kind, setKind] = useState<ImportKind>(initialKind ?? 'leads');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [info, setInfo] = useState<InspectResult | null>(null);
  const [columns, setColumns] = useState<(string | null)[]>([]);
  const [dateOrder, setDateOrder] = useState<NonNullable<WizardMapping['dateOrder']>>('MDY');
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const [mappingName, setMappingName] = useState('');
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(initialRunId ?? null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const mapping: WizardMapping = useMemo(() => ({ columns, dateOrder }), [columns, dateOrder]);
  const fields = IMPORT_FIELDS[kind];
  const saved = useQuery('imports.mappings', step === 'Columns' ? { kind } : null);

  const fail = (e: AppErrorShape) => {
    setError(e);
    setBusy(false);
  };

  /** Sends the file up (again when the kind changed nothing but the suggestion) and reads its headers. */
  const readFile = async () => {
    if (!file) return fail({ code: 'invalid_input', message: 'Pick a file to import.', field: 'file' });
    setError(null);
    setBusy(true);
    let id = uploadId;
    if (!id) {
      setSent(0);
      const up = await uploadFile(file, setSent);
      if (!up.ok) return fail(up.error);
      id = up.value.upload_id;
      setUploadId(id);
    }
    const res = await call('imports.inspect', { upload_id: id, kind });
    if (!res.ok) return fail(res.error);
    setInfo(res.value);
    setColumns(res.value.suggested);
    setBusy(false);
    setStep('Columns');
  };

  const saveMapping = async () => {
    const name = mappingName.trim();
    if (!name) return fail({ code: 'invalid_input', message: 'Name the mapping to save it.', field: 'mapping_name' });
    const res = await call('imports.saveMapping', { name, kind, mapping });
    if (!res.ok) return fail(res.error);
    setError(null);
    toast('ok', `Saved the mapping “${name}”`);
  };

  const useSaved = (name: string) => {
    const m = saved.data?.find((s) => s.name === name);
    if (!m || !info) return;
    if (m.mapping.columns.length !== info.headers.length) {
      fail({
        code: 'invalid_input',
        message: `“${name}” maps ${m.mapping.columns.length} columns; this file has ${info.headers.length}.`,
      });
      return;
    }
    setError(null);
    setColumns(m.mapping.columns);
    if (m.mapping.dateOrder) setDateOrder(m.mapping.dateOrder);
    setMappingName(name);
  };

  const start = async (dry: boolean) => {
    if (!uploadId) return;
    setBusy(true);
    setError(null);
    const res = await call('imports.start', {
      upload_id: uploadId,
      kind,
      mapping,
      on_duplicate: onDuplicate,
      dry_run: dry,
    });
    setBusy(false);
    if (!res.ok) return fail(res.error);
    if (dry) setDryRunId(res.value.run_id);
    else setRunId(res.value.run_id);
    setStep(dry ? 'Dry run' : 'Import');
  };

  const dry = useQuery('imports.run', dryRunId ? { run_id: dryRunId } : null);
  const run = useQuery('imports.run', runId ? { run_id: runId } : null);
  // The import's end moves the wizard on to its report.
  useEffect(() => {
    if (step === 'Import' && run.data && run.data.status !== 'running') setStep('Report');
  }, [step, run.data]);

  const mapped = columns.filter((c) => c !== null).length;
  const footer = (
    <>
      {error && (
        <span className="muted wizard-error" role="alert">
          {messageOf(error)}
        </span>
      )}
      {step === 'File' && (
        <button type="button" className="btn primary" disabled={busy || !file} onClick={() => void readFile()}>
          {busy ? 'Reading…' : 'Next: columns'}
        </button>
      )}
      {step === 'Columns' && (
        <>
          <button type="button" className="btn" onClick={() => setStep('File')}>
            Back
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={mapped === 0}
            onClick={() => {
              setError(null);
              setStep('Options');
            }}
          >
            Next: options
          </button>
        </>
      )}
      {step === 'Options' && (
        <>
          <button type="button" className="btn" onClick={() => setStep('Columns')}>
            Back
          </button>
          <button type="button" className="btn primary" onClick={() => setStep('Preview')}>
            Next: preview
          </button>
        </>
      )}
      {step === 'Preview' && (
        <>
          <button type="button" className="btn" onClick={() => setStep('Options')}>
            Back
          </button>
          <button type="button" className="btn primary" disabled={busy} onClick={() => void start(true)}>
            Dry run
          </button>
        </>
      )}
      {step === 'Dry run' && (
        <>
          <button type="button" className="btn" onClick={() => setStep('Preview')}>
            Back
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={busy || dry.data?.status !== 'done'}
            onClick={() => void start(false)}
          >
            {importLabel(dry.data)}
          </button>
        </>
      )}
      {step === 'Import' && run.data && (
        <button
          type="button"
          className="btn"
          disabled={run.data.status !== 'running'}
          onClick={() => void call('imports.cancel', { run_id: run.data!.run_id })}
        >
          Cancel import
        </button>
      )}
      {step === 'Report' && (
        <button type="button" className="btn primary" onClick={onClose}>
          Done
        </button>
      )}
    </>
  );

  return (
    <Modal
      title={`Import ${KIND_LABEL[run.data?.kind ?? kind].toLowerCase()}`}
      onClose={onClose}
      width={980}
      footer={footer}
    >
      <ol className="wizard-steps" aria-label="Import steps">
        {STEPS.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'current' : undefined}>
            {s}
          </li>
        ))}
      </ol>
      {step === 'File' && (
        <FileStep
          kind={kind}
          onKind={(k) => {
            setKind(k);
            setInfo(null);
          }}
          file={file}
          onFile={(f) => {
            setFile(f);
            setUploadId(null);
            setSent(null);
            setError(null);
          }}
          sent={sent}
          fileError={
            error?.field === 'file' || error?.field === 'name' || error?.field === 'data' ? error.message : null
          }
        />
      )}
      {step === 'Columns' && info && (
        <section aria-label="Column mapping">
          <p className="muted small">
            {info.name}: {info.headers.length} columns. Each column fills the field picked for it; “Leave out” skips it.
          </p>
          <div className="wizard-row">
            <Field
              label="Use a saved mapping"
              kind="select"
              value=""
              onChange={useSaved}
              options={[
                { value: '', label: saved.data?.length ? 'Pick one…' : 'None saved yet' },
                ...(saved.data ?? []).map((s) => ({ value: s.name, label: s.name })),
              ]}
            />
            <Field
              label="Save this mapping as"
              value={mappingName}
              onChange={setMappingName}
              name="mapping_name"
              error={error?.field === 'mapping_name' ? error.message : null}
            />
            <button type="button" className="btn wizard-row-btn" onClick={() => void saveMapping()}>
              Save mapping
            </button>
          </div>
          <table className="mini-table wizard-table" data-testid="mapping-table">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Field</th>
              </tr>
            </thead>
            <tbody>
              {info.headers.map((h, i) => (
                <tr key={`${h}-${i}`}>
                  <td>{h || <span className="muted">(no header)</span>}</td>
                  <td>
                    <select
                      className="small-select"
                      aria-label={`Field for column ${h || i + 1}`}
                      value={columns[i] ?? ''}
                      onChange={(e) => {
                        const next = [...columns];
                        const v = e.target.value || null;
                        // A field fills one column: picking it here leaves it out where it was.
                        if (v) next.forEach((c, j) => c === v && (next[j] = null));
                        next[i] = v;
                        setColumns(next);
                      }}
                    >
                      <option value="">— Leave out —</option>
                      {fields.map((f) => (
                        <option key={f.key} value={f.key}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {step === 'Options' && (
        <section aria-label="Import options" className="form-grid">
          <Field
            label="Dates in the file are written"
            kind="select"
            value={dateOrder}
            onChange={(v) => setDateOrder(v as typeof dateOrder)}
            options={Object.entries(DATE_ORDER_LABEL).map(([value, label]) => ({ value, label }))}
          />
          <Field
            label="When a row matches an existing record"
            kind="select"
            value={onDuplicate}
            onChange={(v) => setOnDuplicate(v as OnDuplicate)}
            options={Object.entries(ON_DUPLICATE_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </section>
      )}
      {step === 'Preview' && uploadId && <PreviewStep uploadId={uploadId} kind={kind} mapping={mapping} />}
      {step === 'Dry run' && dry.data && <RunReport run={dry.data} title="Dry run: nothing was stored" />}
      {(step === 'Import' || step === 'Report') && run.data && (
        <>
          {/* The report keeps the final count and rate: a small file finishes before a person can read them. */}
          {(step === 'Import' || run.data.status !== 'running') && <ImportProgress run={run.data} />}
          {step === 'Report' && (
            <RunReport
              run={run.data}
              title={run.data.status === 'done' ? 'Import finished' : 'Import'}
              withUndo
              onResumed={() => setStep('Import')}
            />
          )}
        </>
      )}
    </Modal>
  );
}

function FileStep({
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

function PreviewStep({ uploadId, kind, mapping }: { uploadId: string; kind: ImportKind; mapping: WizardMapping }) {
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
function RunReport({
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
function importLabel(run: ImportRun | undefined) {
  if (!run) return 'Import';
  const n = run.rows - run.invalid - run.skipped;
  return `Import ${n.toLocaleString()} row${n === 1 ? '' : 's'}`;
}

function formatBytes(n: number) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
