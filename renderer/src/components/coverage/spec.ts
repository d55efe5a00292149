/**
 * A small description of a coverage document's form: which keys get which input. The form
 * state mirrors the document with strings and booleans at the leaves; keys the form does not
 * show are carried through untouched (`__orig`), so editing never drops data.
 */
import { humanize } from '../../lib/format';

export type Option = { value: string; label: string };

export type Spec =
  | { kind: 'text' | 'number' | 'int' | 'date'; key: string; label: string; optional?: boolean; placeholder?: string; span?: 2 | 3 }
  | { kind: 'select'; key: string; label: string; optional?: boolean; numeric?: boolean; options: Option[] | ((root: FormNode) => Option[]) }
  | { kind: 'bool'; key: string; label: string }
  | { kind: 'multi'; key: string; label: string; options: Option[] }
  | { kind: 'object'; key: string; label: string; optional?: boolean; fields: Spec[] }
  | { kind: 'list'; key: string; label: string; item: string; fields: Spec[] };

export type Leaf = string | boolean | string[];
export interface FormNode {
  [key: string]: Leaf | FormNode | FormNode[] | undefined | Record<string, unknown>;
  __orig?: Record<string, unknown>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function fromDoc(fields: Spec[], doc: unknown): FormNode {
  const src = isObj(doc) ? doc : {};
  const node: FormNode = { __orig: src };
  for (const f of fields) {
    const v = src[f.key];
    switch (f.kind) {
      case 'bool':
        node[f.key] = v === true;
        break;
      case 'multi':
        node[f.key] = Array.isArray(v) ? v.map(String) : [];
        break;
      case 'object':
        node[f.key] = fromDoc(f.fields, v);
        break;
      case 'list':
        node[f.key] = Array.isArray(v) ? v.map((item) => fromDoc(f.fields, item)) : [];
        break;
      default:
        node[f.key] = v === undefined || v === null ? '' : String(v);
    }
  }
  return node;
}

function isBlank(node: FormNode, fields: Spec[]): boolean {
  return fields.every((f) => {
    const v = node[f.key];
    if (f.kind === 'object') return isBlank(v as FormNode, f.fields);
    if (f.kind === 'list' || f.kind === 'multi') return (v as unknown[]).length === 0;
    if (f.kind === 'bool') return v !== true;
    return v === '';
  });
}

/** Form state → document. Empty optional inputs are left out; bad numbers stay NaN for the schema to name. */
export function toDoc(fields: Spec[], node: FormNode): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(node.__orig ?? {}) };
  for (const f of fields) {
    const v = node[f.key];
    delete out[f.key];
    switch (f.kind) {
      case 'bool':
        if (v === true || (node.__orig && f.key in node.__orig)) out[f.key] = v === true;
        break;
      case 'multi':
        out[f.key] = v;
        break;
      case 'object': {
        const child = v as FormNode;
        if (!(f.optional && isBlank(child, f.fields))) out[f.key] = toDoc(f.fields, child);
        break;
      }
      case 'list':
        out[f.key] = (v as FormNode[]).map((item) => toDoc(f.fields, item));
        break;
      default: {
        const s = (v as string).trim();
        if (s === '') {
          if (!f.optional) out[f.key] = f.kind === 'text' || f.kind === 'date' || f.kind === 'select' ? '' : undefined;
          if (out[f.key] === undefined) delete out[f.key];
        } else if (f.kind === 'number' || f.kind === 'int' || (f.kind === 'select' && f.numeric)) out[f.key] = Number(s.replace(/[$,\s]/g, ''));
        else out[f.key] = s;
      }
    }
  }
  return out;
}

export type PathKey = string | number;

export function setIn(node: FormNode, path: PathKey[], value: unknown): FormNode {
  const [head, ...rest] = path;
  if (head === undefined) return value as FormNode;
  if (Array.isArray(node)) {
    const copy = [...(node as FormNode[])];
    copy[head as number] = setIn(copy[head as number]!, rest, value);
    return copy as unknown as FormNode;
  }
  return { ...node, [head]: setIn(node[head] as FormNode, rest, value) };
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
/** The path as the coverage validator writes it: `auto_data.vehicles[0].vin`. */
export function pathString(column: string, path: PathKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : IDENT.test(k) ? `${acc}.${k}` : `${acc}[${JSON.stringify(k)}]`), column);
}

/** zod's wording, said the way a form says it. */
export function friendly(message: string): string {
  if (/received undefined|>=1 character/.test(message)) return 'Required';
  if (/expected number, received NaN/.test(message)) return 'Must be a number';
  return message.replace(/^Invalid input: /, '');
}

export const opts = (values: readonly string[], label = humanize): Option[] =>
  values.map((v) => ({ value: v, label: label(v) }));
