import { Check, Field } from '../field';
import { Icon } from '../icon';
import { friendly, pathString, type FormNode, type PathKey, type Spec } from './spec';

interface Ctx {
  column: string;
  root: FormNode;
  errors: Record<string, string>;
  set(path: PathKey[], value: unknown): void;
}

function LeafInput({ spec, node, path, ctx }: { spec: Spec; node: FormNode; path: PathKey[]; ctx: Ctx }) {
  const full = pathString(ctx.column, [...path, spec.key]);
  const error = ctx.errors[full] ? friendly(ctx.errors[full]!) : null;
  const value = node[spec.key];
  const onChange = (v: unknown) => ctx.set([...path, spec.key], v);
  switch (spec.kind) {
    case 'bool':
      return <Check name={full} label={spec.label} checked={value === true} onChange={onChange} />;
    case 'multi': {
      const chosen = (value as string[]) ?? [];
      return (
        <fieldset className={`multi wide${error ? ' has-error' : ''}`}>
          <legend>{spec.label}</legend>
          {spec.options.map((o) => (
            <Check key={o.value} label={o.label} checked={chosen.includes(o.value)} onChange={(on) => onChange(on ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))} />
          ))}
          {error && <div className="field-error">{error}</div>}
        </fieldset>
      );
    }
    case 'select': {
      const options = typeof spec.options === 'function' ? spec.options(ctx.root) : spec.options;
      return <Field name={full} label={spec.label} kind="select" options={options} value={value as string} onChange={onChange} error={error} required={!spec.optional} />;
    }
    case 'text':
    case 'number':
    case 'int':
    case 'date':
      return (
        <Field
          span={spec.span}
          name={full}
          label={spec.label}
          required={!spec.optional}
          kind={spec.kind === 'date' ? 'date' : spec.kind === 'text' ? 'text' : 'number'}
          value={value as string}
          onChange={onChange}
          error={error}
          placeholder={spec.placeholder}
        />
      );
    default:
      return null;
  }
}

export function SpecFields({ fields, node, path, ctx }: { fields: Spec[]; node: FormNode; path: PathKey[]; ctx: Ctx }) {
  const leaves = fields.filter((f) => f.kind !== 'object' && f.kind !== 'list');
  const groups = fields.filter((f) => f.kind === 'object' || f.kind === 'list');
  return (
    <>
      {leaves.length > 0 && (
        <div className="form-grid four">
          {leaves.map((f) => (
            <LeafInput key={f.key} spec={f} node={node} path={path} ctx={ctx} />
          ))}
        </div>
      )}
      {groups.map((g) =>
        g.kind === 'object' ? (
          <div key={g.key} className="subgroup">
            <div className="subgroup-title">{g.label}</div>
            <SpecFields fields={g.fields} node={node[g.key] as FormNode} path={[...path, g.key]} ctx={ctx} />
          </div>
        ) : g.kind === 'list' ? (
          <ListEditor key={g.key} spec={g} items={(node[g.key] as FormNode[]) ?? []} path={[...path, g.key]} ctx={ctx} />
        ) : null,
      )}
    </>
  );
}

function ListEditor({ spec, items, path, ctx }: { spec: Extract<Spec, { kind: 'list' }>; items: FormNode[]; path: PathKey[]; ctx: Ctx }) {
  const listError = ctx.errors[pathString(ctx.column, path)];
  const blank = (): FormNode => {
    const n: FormNode = {};
    for (const f of spec.fields) n[f.key] = f.kind === 'bool' ? false : f.kind === 'multi' || f.kind === 'list' ? [] : f.kind === 'object' ? blankObject(f.fields) : '';
    return n;
  };
  return (
    <div className="list-editor" data-list={spec.key}>
      <div className="subgroup-head">
        <span className="subgroup-title">
          {spec.label} <span className="muted">({items.length})</span>
        </span>
        <button type="button" className="btn small" onClick={() => ctx.set(path, [...items, blank()])}>
          <Icon name="plus" size={12} /> Add {spec.item}
        </button>
      </div>
      {listError && <div className="field-error">{friendly(listError)}</div>}
      {items.length === 0 && <div className="muted small list-empty">No {spec.label.toLowerCase()} yet.</div>}
      {items.map((item, i) => (
        <div key={i} className="list-item" data-index={i}>
          <div className="list-item-head">
            <span className="muted small">
              {spec.item[0]!.toUpperCase() + spec.item.slice(1)} {i + 1}
            </span>
            <button type="button" className="icon-btn" aria-label={`Remove ${spec.item} ${i + 1}`} onClick={() => ctx.set(path, items.filter((_, j) => j !== i))}>
              <Icon name="trash" size={13} />
            </button>
          </div>
          <SpecFields fields={spec.fields} node={item} path={[...path, i]} ctx={ctx} />
        </div>
      ))}
    </div>
  );
}

function blankObject(fields: Spec[]): FormNode {
  const n: FormNode = {};
  for (const f of fields) n[f.key] = f.kind === 'bool' ? false : f.kind === 'object' ? blankObject(f.fields) : f.kind === 'list' || f.kind === 'multi' ? [] : '';
  return n;
}
