import { useEffect, useState } from 'react';
import { bridge, call } from '../api/client';
import { useForm } from '../lib/use-form';
import { useUi } from '../stores/ui';
import { Field } from './field';

interface Provider {
  name: string;
  kind: 'openai' | 'azure' | 'local';
  baseURL: string;
  model: string;
}

const DEFAULT_URL: Record<string, string> = {
  openai: 'https://api.openai.com/v1',
  azure: 'https://RESOURCE.openai.azure.com/openai/v1/',
  local: 'http://127.0.0.1:11434/v1',
};

/** The AI provider (kept in the replica's local settings) and its key (kept by the shell, encrypted). */
export function AiSettings() {
  const form = useForm({ kind: 'off', baseURL: '', model: '', key: '' });
  const [usage, setUsage] = useState<string | null>(null);
  const [hasKey, setHasKey] = useState<boolean | null>(null);
  const v = form.values;

  useEffect(() => {
    void call('ai.settings.get', {}).then((res) => {
      if (!res.ok) return;
      const s = res.value as { remote?: Provider | null; local?: Provider | null; usage?: unknown };
      const p = s.remote ?? s.local;
      if (p) form.reset({ kind: s.remote ? s.remote.kind : 'local', baseURL: p.baseURL, model: p.model, key: '' });
      if (s.usage && typeof s.usage === 'object')
        setUsage(JSON.stringify(s.usage).replace(/[{}"]/g, '').replace(/,/g, ' · ').replace(/:/g, ': '));
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
        call(
          'ai.settings.save',
          v.kind === 'local'
            ? { local: provider, remote: null, preferLocal: true }
            : { remote: provider, local: null, preferLocal: false },
        ),
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
  return (
    <form className="card settings-card" onSubmit={save} noValidate aria-label="AI assistant">
      <h2>AI assistant</h2>
      <p className="muted">
        Summaries, next steps and drafts. Names and contact details are redacted before anything leaves this device.
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
      {usage && <p className="muted small">Usage: {usage}</p>}
      {form.formError && <div className="form-error">{form.formError}</div>}
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={form.busy}>
          Save AI settings
        </button>
      </div>
    </form>
  );
}
