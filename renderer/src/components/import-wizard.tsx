import { useEffect, useMemo, useState } from 'react';
import type { InspectResult, WizardMapping } from '../../../shared/api/files';
import { IMPORT_FIELDS, type ImportKind } from '../../../shared/import/fields';
import type { AppErrorShape } from '../../../shared/errors';
import { call } from '../api/client';
import { messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { uploadFile } from '../lib/files';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Modal } from './modal';
import { ImportProgress } from './import-run';
import { FileStep, KIND_LABEL, PreviewStep, RunReport, importLabel } from './import-wizard-steps';

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
