import { useState } from 'react';
import { COVERAGE_COLUMNS, CURRENT_VERSION, validateCoverage, type CoverageColumn } from '../../../../shared/coverage';
import type { Row } from '../../../../shared/model/catalogue';
import { mutate } from '../../api/mutate';
import { useDrafts } from '../../stores/drafts';
import { useLookups } from '../../stores/lookups';
import { useUi } from '../../stores/ui';
import { fromDoc, setIn, toDoc, type FormNode } from './spec';
import { SpecFields } from './spec-form';
import { SPECS } from './specs';

function Editor({ lead, column }: { lead: Row<'leads'>; column: CoverageColumn }) {
  const spec = SPECS[column];
  const stored = lead[column] as unknown;
  const draftKey = `coverage:${lead.id}:${column}`;
  const [node, setNode] = useState<FormNode>(() => (useDrafts.getState().drafts[draftKey] as FormNode | undefined) ?? fromDoc(spec.fields, stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = !!useDrafts((s) => s.drafts[draftKey]);

  const set = (path: (string | number)[], value: unknown) => {
    setNode((prev) => {
      const next = setIn(prev, path, value);
      useDrafts.getState().put(draftKey, next as Record<string, unknown>);
      return next;
    });
    setErrors({});
  };

  const save = async () => {
    setFormError(null);
    const doc = toDoc(spec.fields, node);
    // The same validator the mutation runs: the error shows at once, without a round trip.
    const local = validateCoverage(column, CURRENT_VERSION[column], doc);
    if (!local.ok) return setErrors({ [local.error.path]: local.error.message });
    setBusy(true);
    const res = await mutate('setCoverage', { lead_id: lead.id, column, version: CURRENT_VERSION[column], doc });
    setBusy(false);
    if (!res.ok) {
      if (res.error.field) setErrors({ [res.error.field]: res.error.message.replace(`${res.error.field} `, '') });
      else setFormError(res.error.message);
      return;
    }
    useDrafts.getState().clear(draftKey);
    setErrors({});
    useUi.getState().toast('ok', `${spec.label} details saved`);
  };

  const discard = () => {
    useDrafts.getState().clear(draftKey);
    setNode(fromDoc(spec.fields, stored));
    setErrors({});
  };

  return (
    <div className="coverage-editor" data-column={column}>
      <SpecFields fields={spec.fields} node={node} path={[]} ctx={{ column, root: node, errors, set }} />
      {formError && <div className="form-error">{formError}</div>}
      <div className="form-actions">
        <span className="status">{dirty ? 'Unsaved changes (kept as a draft)' : stored ? 'Saved' : 'Nothing recorded yet'}</span>
        {dirty && (
          <button type="button" className="btn" onClick={discard}>
            Discard
          </button>
        )}
        <button type="button" className="btn primary" onClick={() => void save()} disabled={busy} data-testid={`save-${column}`}>
          Save {spec.label.toLowerCase()} details
        </button>
      </div>
    </div>
  );
}

/** The lead's coverage documents, checked by their JSON schemas; opens on the one its insurance type uses. */
export function CoverageCard({ lead }: { lead: Row<'leads'> }) {
  const preferred = useLookups((s) => s.typeById.get(lead.insurance_type_id)?.coverage_doc) as CoverageColumn | null | undefined;
  const [column, setColumn] = useState<CoverageColumn>(preferred ?? COVERAGE_COLUMNS.find((c) => lead[c]) ?? 'auto_data');
  return (
    <section className="card" aria-label="Coverage details">
      <div className="card-head">
        <h3>Coverage details</h3>
      </div>
      <div className="tabs" role="tablist">
        {COVERAGE_COLUMNS.map((c) => (
          <button key={c} type="button" role="tab" aria-selected={c === column} onClick={() => setColumn(c)}>
            {SPECS[c].label}
            {lead[c] ? ' •' : ''}
          </button>
        ))}
      </div>
      <Editor key={`${column}:${lead.updated_at}`} lead={lead} column={column} />
    </section>
  );
}
