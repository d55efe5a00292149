import { useEffect, useState } from 'react';
import { useQuery } from '../api/use-query';
import { REDACTION_KIND_NAMES, REDACTION_KINDS, type RedactionKind } from '../../../shared/ai/redact-patterns';
import type { AiSettings as StoredAiSettings } from '../../../shared/ai/settings';
import { bridge, call } from '../api/client';
import { useForm } from '../lib/use-form';
import { useUi } from '../stores/ui';
import { Field } from './field';

const DEFAULT_URL: Record<string, string> = {
  openai: 'https://api.openai.com/v1',
  azure: 'https://RESOURCE.openai.azure.com/openai/v1/',
  local: 'http://127.0.0.1:11434/v1',
};

/** The AI provider (kept in the replica's local settings) and its key (kept by the shell, encrypted). */
/** The semantic index as it stands: off and why, or chunks embedded, speed and time left (from the change feed). */
function SemanticIndexProgress() {
  const { data } = useQuery('semantic.status', {});
  if (!data) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <div className="semantic-progress muted small" role="status" aria-label="Semantic index" data-state={data.state}>
      <strong>Semantic index: </strong>
      {data.state === 'off' && (data.reason ?? 'off')}
      {data.state === 'error' && `stopped: ${data.reason ?? 'error'}`}
      {data.state === 'idle' && `up to date · ${n(data.chunks)} passages embedded with ${data.model}`}
      {data.state === 'indexing' && (
        <>
          indexing with {data.model} · {n(data.chunks)} passages done, {n(data.recordsLeft)} records left ·{' '}
          {n(data.perSecond)}/s
          {data.secondsLeft !== null && ` · about ${Math.max(1, Math.round(data.secondsLeft / 60))} min left`}
        </>
      )}
    </div>
  );
}

export function AiSettings() {
  const form = useForm({ kind: 'off', baseURL: '', model: '', key: '', embeddingModel: '' });
  const [usage, setUsage] = useState<string | null>(null);
  const [hasKey, setHasKey] = useState<boolean | null>(null);
  /** The stored settings, so a save keeps what this form does not show (budget, limits). */
  const [stored, setStored] = useState<Partial<StoredAiSettings>>({});
  const [redact, setRedact] = useState<ReadonlySet<RedactionKind>>(new Set(REDACTION_KINDS));
  /** Until the stored settings arrive the form shows nothing to change: a save then would write the defaults. */
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const v = form.values;

  useEffect(() => {
    void call('ai.settings.get', {}).then((res) => {
      if (!res.ok) return setLoadError(res.error.message);
      const { usage: used, ...s } = res.value;
      setStored(s);
      setRedact(new Set(s.redact));
      const p = s.remote ?? s.local;
      if (p)
        form.reset({
          kind: s.remote ? s.remote.kind : 'local',
          baseURL: p.baseURL,
          model: p.model,
          key: '',
          embeddingModel: s.embeddingModel ?? '',
        });
      const n = (x: number) => x.toLocaleString('en-US');
      setUsage(`${n(used.used)} tokens today${used.budget === null ? '' : ` of ${n(used.budget)}`}`);
      setLoaded(true);
    });
    void bridge?.secrets.has('ai_api_key').then(setHasKey);
    // Loads once; the form owns the values after that.
  }, []);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const provider =
      v.kind === 'off'
        ? null
        : { name: v.kind, kind: v.kind, baseURL: v.baseURL.trim() || DEFAULT_URL[v.kind], model: v.model.trim() };
    const ok = await form.submit(
      () =>
        call('ai.settings.save', {
          ...stored,
          ...(v.kind === 'local'
            ? { local: provider, remote: null, preferLocal: true }
            : { remote: provider, local: null, preferLocal: false }),
          redact: REDACTION_KINDS.filter((k) => redact.has(k)),
          embeddingModel: v.embeddingModel.trim() || null,
        }),
      ['remote.', 'local.'],
    );
    if (!ok) return;
    if (bridge && v.key) {
      const res = await bridge.secrets.set('ai_api_key', v.key);
      if (!res.ok) return form.setFormError(res.error.message);
      setHasKey(true);
      form.set('key', '');
    }
    useUi.getState().toast('ok', 'AI settings saved');
  };

  const off = v.kind === 'off';
  if (!loaded)
    return (
      <section className="card settings-card" aria-label="AI assistant" aria-busy="true">
        <h2>AI assistant</h2>
        <p className="muted small" role={loadError ? 'alert' : undefined}>
          {loadError ? `The AI settings could not be read: ${loadError}` : 'Loading the AI settings…'}
        </p>
      </section>
    );
  return (
    <form className="card settings-card" onSubmit={save} noValidate aria-label="AI assistant">
      <h2>AI assistant</h2>
      <p className="muted">
        Summaries, next steps and drafts. The identifiers ticked below are replaced by placeholders before anything
        leaves this device, and put back in the answer you see.
      </p>
      <div className="form-grid">
        <Field
          name="kind"
          label="Provider"
          kind="select"
          value={v.kind}
          onChange={(x) => form.set('kind', x)}
          options={[
            { value: 'off', label: 'Off (local rules only)' },
            { value: 'openai', label: 'OpenAI' },
            { value: 'azure', label: 'Azure OpenAI' },
            { value: 'local', label: 'Model server on this network' },
          ]}
        />
        <Field
          name="model"
          label="Model"
          value={v.model}
          onChange={(x) => form.set('model', x)}
          error={form.errors.model}
          placeholder="e.g. gpt-4o-mini"
          disabled={off}
        />
        <Field
          name="baseURL"
          label="Endpoint"
          value={v.baseURL}
          onChange={(x) => form.set('baseURL', x)}
          error={form.errors.baseURL}
          placeholder={off ? '' : DEFAULT_URL[v.kind]}
          disabled={off}
          wide
        />
        <Field
          name="embeddingModel"
          label="Embedding model (semantic search)"
          value={v.embeddingModel}
          onChange={(x) => form.set('embeddingModel', x)}
          error={form.errors.embeddingModel}
          placeholder="e.g. text-embedding-3-small"
          disabled={off}
        />
        {bridge ? (
          <Field
            name="key"
            label={`API key ${hasKey ? '(stored, encrypted)' : '(not set)'}`}
            value={v.key}
            onChange={(x) => form.set('key', x)}
            placeholder={hasKey ? 'Enter a new key to replace it' : 'Paste the key'}
            disabled={off || v.kind === 'local'}
            wide
          />
        ) : (
          <p className="wide muted small">
            The API key is kept only by the desktop app, encrypted by the system keychain; it cannot be entered in the
            browser preview.
          </p>
        )}
      </div>
      <fieldset className="redact-kinds" disabled={off}>
        <legend>Redact before sending</legend>
        {REDACTION_KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              name={`redact-${k}`}
              checked={redact.has(k)}
              onChange={(e) => {
                const next = new Set(redact);
                if (e.target.checked) next.add(k);
                else next.delete(k);
                setRedact(next);
              }}
            />
            {REDACTION_KIND_NAMES[k]}
          </label>
        ))}
      </fieldset>
      {usage && <p className="muted small">Usage: {usage}</p>}
      <SemanticIndexProgress />
      {form.formError && <div className="form-error">{form.formError}</div>}
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={form.busy}>
          Save AI settings
        </button>
      </div>
    </form>
  );
}
