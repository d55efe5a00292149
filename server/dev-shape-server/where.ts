/**
 * The where-clause subset the dev Electric understands — what the gateway's
 * scopes need, nothing more:
 *
 *   col = $n | col = 'text' | col = 42 | col = true   (either side may be the column)
 *   col IN ($1, $2, …)
 *   col IS NULL | col IS NOT NULL
 *   AND, OR, parentheses
 *
 * Columns are bare (folded to lower case) or "quoted" identifiers; `$n` takes
 * `params[n]`. Everything else (other operators, NOT, functions, casts, …) is
 * rejected with a WhereError (→ 400). A bound clause evaluates in JS on the
 * decoded text values and renders to SQL for the snapshot query, with every
 * value as a bind parameter; equality compares canonical forms per type
 * (uuid, integers, numeric/float, bool, text-like, enums). Without NOT, SQL's
 * NULL-is-unknown and "NULL compares false" select the same rows.
 */
import type { Row } from './decoding';
import { type ColumnMeta, quoteIdent, type TableMeta } from './tables';

export class WhereError extends Error {}

type Value =
  { kind: 'param'; index: number } | { kind: 'literal'; text: string; literal: 'string' | 'number' | 'bool' };

export type WhereExpr =
  | { kind: 'and' | 'or'; items: WhereExpr[] }
  | { kind: 'eq'; column: string; value: Value }
  | { kind: 'in'; column: string; values: Value[] }
  | { kind: 'null'; column: string; negated: boolean };

type Token =
  | { t: 'punct'; v: '(' | ')' | ',' | '=' }
  | { t: 'param'; v: number }
  | { t: 'string' | 'number'; v: string }
  | { t: 'word'; v: string; quoted: boolean };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s+|([(),=])|\$(\d+)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w.])|"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)/y;
  while (re.lastIndex < src.length) {
    const at = re.lastIndex;
    const m = re.exec(src);
    if (!m) throw new WhereError(`unsupported syntax at position ${at + 1}: "${src.slice(at, at + 20)}"`);
    if (m[1]) tokens.push({ t: 'punct', v: m[1] as '(' | ')' | ',' | '=' });
    else if (m[2]) tokens.push({ t: 'param', v: Number(m[2]) });
    else if (m[3] !== undefined) tokens.push({ t: 'string', v: m[3].replaceAll("''", "'") });
    else if (m[4]) tokens.push({ t: 'number', v: m[4] });
    else if (m[5]) tokens.push({ t: 'word', v: m[5].replaceAll('""', '"'), quoted: true });
    else if (m[6]) tokens.push({ t: 'word', v: m[6].toLowerCase(), quoted: false });
  }
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'is', 'not', 'null', 'true', 'false']);

export function parseWhere(src: string): WhereExpr {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const isKw = (kw: string, tok = peek()) => tok?.t === 'word' && !tok.quoted && tok.v === kw;
  const take = (kw: string) => {
    if (!isKw(kw)) throw new WhereError(`expected ${kw.toUpperCase()}`);
    i++;
  };
  const punct = (p: string) => {
    const tok = peek();
    if (tok?.t !== 'punct' || tok.v !== p) throw new WhereError(`expected "${p}"`);
    i++;
  };

  type Operand = { column: string } | { value: Value };
  const operand = (): Operand => {
    const tok = tokens[i++];
    if (!tok) throw new WhereError('unexpected end of where clause');
    if (tok.t === 'param') return { value: { kind: 'param', index: tok.v } };
    if (tok.t === 'string') return { value: { kind: 'literal', text: tok.v, literal: 'string' } };
    if (tok.t === 'number') return { value: { kind: 'literal', text: tok.v, literal: 'number' } };
    if (tok.t === 'word' && !tok.quoted && (tok.v === 'true' || tok.v === 'false')) {
      return { value: { kind: 'literal', text: tok.v, literal: 'bool' } };
    }
    if (tok.t === 'word' && (tok.quoted || !KEYWORDS.has(tok.v))) return { column: tok.v };
    throw new WhereError(`unexpected ${tok.t === 'punct' ? `"${tok.v}"` : tok.v}`);
  };
  const valueOf = (o: Operand): Value => {
    if ('value' in o) return o.value;
    throw new WhereError('only comparisons of a column with a value are supported');
  };

  const predicate = (): WhereExpr => {
    const left = operand();
    if (isKw('is')) {
      i++;
      const negated = isKw('not');
      if (negated) i++;
      take('null');
      if (!('column' in left)) throw new WhereError('IS NULL needs a column');
      return { kind: 'null', column: left.column, negated };
    }
    if (isKw('in')) {
      i++;
      if (!('column' in left)) throw new WhereError('IN needs a column on the left');
      punct('(');
      const values = [valueOf(operand())];
      while (peek()?.t === 'punct' && peek()?.v === ',') {
        i++;
        values.push(valueOf(operand()));
      }
      punct(')');
      return { kind: 'in', column: left.column, values };
    }
    punct('=');
    const right = operand();
    if ('column' in left && 'value' in right) return { kind: 'eq', column: left.column, value: right.value };
    if ('value' in left && 'column' in right) return { kind: 'eq', column: right.column, value: left.value };
    throw new WhereError('only comparisons of a column with a value are supported');
  };
  const primary = (): WhereExpr => {
    const tok = peek();
    if (tok?.t === 'punct' && tok.v === '(') {
      i++;
      const inner = or();
      punct(')');
      return inner;
    }
    return predicate();
  };
  const chain = (kind: 'and' | 'or', next: () => WhereExpr) => (): WhereExpr => {
    const items = [next()];
    while (isKw(kind)) {
      i++;
      items.push(next());
    }
    return items.length === 1 ? items[0]! : { kind, items };
  };
  const and = chain('and', primary);
  const or = chain('or', and);

  if (tokens.length === 0) throw new WhereError('empty where clause');
  const expr = or();
  if (i < tokens.length) throw new WhereError(`unexpected ${tokens[i]!.v} after the end of the expression`);
  return expr;
}

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', 'off', '0']);

/** Canonical form of a text value for equality on this column type; null = not a valid value. */
type Normalizer = (v: string) => string | null;

function normalizerFor(col: ColumnMeta): Normalizer | null {
  if (col.dims > 0) return null;
  if (col.typtype === 'e') return (v) => v;
  switch (col.type) {
    case 'text':
    case 'varchar':
    case 'name':
      return (v) => v;
    case 'bpchar':
      return (v) => v.replace(/ +$/, '');
    case 'uuid':
      return (v) => {
        const hex = v
          .trim()
          .replace(/^\{(.*)\}$/, '$1')
          .replaceAll('-', '')
          .toLowerCase();
        return /^[0-9a-f]{32}$/.test(hex) ? hex : null;
      };
    case 'int2':
    case 'int4':
    case 'int8':
      return (v) => (/^\s*[+-]?\d+\s*$/.test(v) ? BigInt(v.trim()).toString() : null);
    case 'numeric':
    case 'float4':
    case 'float8':
      return (v) => {
        const s = v.trim().toLowerCase();
        if (s === 'nan') return 'NaN';
        const n = Number(s);
        return s === '' || Number.isNaN(n) ? null : String(n);
      };
    case 'bool':
      return (v) => {
        const s = v.trim().toLowerCase();
        return TRUE_WORDS.has(s) ? 'true' : FALSE_WORDS.has(s) ? 'false' : null;
      };
    default:
      return null;
  }
}

export interface BoundWhere {
  matches(row: Row): boolean;
  /** SQL condition using $1… placeholders for `values`. */
  sql: string;
  values: string[];
}

/** Checks columns, types and params against the table; throws WhereError (→ 400). */
export function bindWhere(expr: WhereExpr, meta: TableMeta, params: Record<string, string>): BoundWhere {
  const values: string[] = [];
  const column = (name: string) => {
    const col = meta.byName.get(name);
    if (!col) throw new WhereError(`unknown column "${name}" in where clause`);
    return col;
  };
  const resolve = (col: ColumnMeta, normalize: Normalizer, value: Value) => {
    let text: string;
    if (value.kind === 'param') {
      const given = params[String(value.index)];
      if (given === undefined) throw new WhereError(`parameter $${value.index} has no value (params[${value.index}])`);
      text = given;
    } else {
      const numeric = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'].includes(col.type);
      if ((value.literal === 'number' && !numeric) || (value.literal === 'bool' && col.type !== 'bool')) {
        throw new WhereError(`literal ${value.text} does not match the type of "${col.name}" (${col.type})`);
      }
      text = value.text;
    }
    const canonical = normalize(text);
    if (canonical === null)
      throw new WhereError(`invalid ${col.type} value for "${col.name}": ${JSON.stringify(text)}`);
    values.push(text);
    return { canonical, placeholder: `$${values.length}` };
  };
  const comparable = (name: string) => {
    const col = column(name);
    const normalize = normalizerFor(col);
    if (!normalize)
      throw new WhereError(`comparisons on "${name}" (${col.type}${col.dims ? '[]' : ''}) are not supported`);
    return { col, normalize };
  };

  type Bound = { sql: string; test: (row: Row) => boolean };
  const bind = (e: WhereExpr): Bound => {
    switch (e.kind) {
      case 'and':
      case 'or': {
        const items = e.items.map(bind);
        const op = e.kind === 'and' ? ' AND ' : ' OR ';
        return {
          sql: `(${items.map((x) => x.sql).join(op)})`,
          test: e.kind === 'and' ? (row) => items.every((x) => x.test(row)) : (row) => items.some((x) => x.test(row)),
        };
      }
      case 'null': {
        column(e.column);
        const name = e.column;
        return {
          sql: `${quoteIdent(name)} IS ${e.negated ? 'NOT ' : ''}NULL`,
          test: (row) => (row[name] == null) !== e.negated,
        };
      }
      case 'eq':
      case 'in': {
        const { col, normalize } = comparable(e.column);
        const resolved = (e.kind === 'eq' ? [e.value] : e.values).map((v) => resolve(col, normalize, v));
        const wanted = new Set(resolved.map((r) => r.canonical));
        const name = col.name;
        const sql =
          e.kind === 'eq'
            ? `${quoteIdent(name)} = ${resolved[0]!.placeholder}`
            : `${quoteIdent(name)} IN (${resolved.map((r) => r.placeholder).join(', ')})`;
        return {
          sql,
          test: (row) => {
            const v = row[name];
            if (v == null) return false;
            const canonical = normalize(v);
            return canonical !== null && wanted.has(canonical);
          },
        };
      }
    }
  };
  const bound = bind(expr);
  return { sql: bound.sql, values, matches: bound.test };
}
