/**
 * Parser for the text output of Postgres' `test_decoding` plugin, as returned
 * by `pg_logical_slot_get_changes(slot, NULL, n, 'include-xids', '1',
 * 'skip-empty-xacts', '1')`:
 *
 *   BEGIN 755
 *   table public.t: INSERT: id[uuid]:'…' n[integer]:5 note[text]:null
 *   table public.t: UPDATE: old-key: id[uuid]:'…' … new-tuple: id[uuid]:'…' …
 *   table public.t: DELETE: id[uuid]:'…' …
 *   table public.a, public.b: TRUNCATE: (no-flags)
 *   COMMIT 755
 *
 * Strings are single-quoted with '' escapes (newlines and backslashes are
 * literal); numbers, booleans, `null` and `unchanged-toast-datum` are bare.
 * The old tuple (REPLICA IDENTITY FULL) leaves NULL columns out, so a column
 * missing from `oldRow` is NULL.
 */

export type Row = Record<string, string | null>;

export interface TableName {
  schema: string;
  name: string;
}

export type ChangeOp = 'insert' | 'update' | 'delete' | 'truncate';

/** One entry of the global change log. */
export interface LoggedChange {
  /** Commit LSN of the transaction (all changes of a transaction share it). */
  lsn: bigint;
  /** 32-bit transaction id, as `pg_current_xact_id()::xid` shows it. */
  xid: number;
  table: TableName;
  op: ChangeOp;
  oldRow: Row | null;
  newRow: Row | null;
  /** Position of the change within its transaction (0, 2, 4, …: odd numbers are left for key changes). */
  opPosition: number;
}

export interface LoggedTransaction {
  /** Position in the global log (monotonic, survives trimming). */
  seq: number;
  xid: number;
  lsn: bigint;
  changes: LoggedChange[];
}

export type ParsedLine =
  | { kind: 'begin'; xid: number }
  | { kind: 'commit'; xid: number }
  | { kind: 'change'; table: TableName; op: Exclude<ChangeOp, 'truncate'>; oldRow: Row | null; newRow: Row | null }
  | { kind: 'truncate'; tables: TableName[] }
  | { kind: 'other'; text: string };

const TOAST = Symbol('unchanged-toast-datum');
type RawRow = Record<string, string | null | typeof TOAST>;

/** Reads table names in the (rare) line headers the fast path does not cover. */
class Cursor {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}
  startsWith(s: string) {
    return this.text.startsWith(s, this.pos);
  }
  expect(s: string) {
    if (!this.startsWith(s))
      throw new Error(`test_decoding: expected "${s}" at ${this.pos} in ${this.text.slice(0, 200)}`);
    this.pos += s.length;
  }
  /** Reads `quote`…`quote` with doubled-quote escapes; the cursor must be on the opening quote. */
  quoted(quote: string): string {
    this.expect(quote);
    let out = '';
    for (;;) {
      const end = this.text.indexOf(quote, this.pos);
      if (end < 0) throw new Error('test_decoding: unterminated quoted value');
      out += this.text.slice(this.pos, end);
      this.pos = end + 1;
      if (this.text[this.pos] !== quote) return out;
      out += quote;
      this.pos++;
    }
  }
  /** Reads a run matched by a sticky regex (possibly empty). */
  run(re: RegExp): string {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    const text = m ? m[0] : '';
    this.pos += text.length;
    return text;
  }
}

const BARE_IDENTIFIER = /[^.:,[ "]+/y;
const OPERATION = /[^:]*/y;
const SIMPLE_HEADER = /^table ([^.:," ]+)\.([^.:," ]+): (INSERT|UPDATE|DELETE):/;

function identifier(c: Cursor): string {
  if (c.startsWith('"')) return c.quoted('"');
  const id = c.run(BARE_IDENTIFIER);
  if (!id) throw new Error(`test_decoding: expected an identifier at ${c.pos}`);
  return id;
}

function qualifiedName(c: Cursor): TableName {
  const first = identifier(c);
  if (!c.startsWith('.')) return { schema: 'public', name: first };
  c.pos++;
  return { schema: first, name: identifier(c) };
}

/**
 * One tuple item with its leading spaces: a section marker, or
 * `name[type]:value` where name is bare or "quoted", the type runs to the
 * first `]:` (types like `text[]` contain brackets), and the value is
 * 'quoted', B'bits' or a bare token.
 */
const TUPLE_ITEM =
  / *(?:(old-key:|new-tuple:|\(no-tuple-data\))|(?:"((?:[^"]|"")*)"|([^[ ]+))\[.*?\]:(?:'([^']*(?:''[^']*)*)'|B'([01]*)'|([^ ]*)))/y;

/** Parses the tuple part of a change line, from `pos`. */
function tuples(text: string, pos: number): { old: RawRow | null; new: RawRow | null } {
  let old: RawRow | null = null;
  let current: RawRow = {};
  let sawMarker = false;
  TUPLE_ITEM.lastIndex = pos;
  while (TUPLE_ITEM.lastIndex < text.length) {
    const at = TUPLE_ITEM.lastIndex;
    const m = TUPLE_ITEM.exec(text);
    if (!m) {
      if (text.slice(at).trim() === '') break;
      throw new Error(`test_decoding: cannot parse tuple at ${at}: ${text.slice(at, at + 80)}`);
    }
    if (m[1] !== undefined) {
      if (m[1] === 'old-key:') old = current = {};
      else if (m[1] === 'new-tuple:') current = {};
      sawMarker ||= m[1] !== '(no-tuple-data)';
      continue;
    }
    const name = m[2] !== undefined ? m[2].replaceAll('""', '"') : m[3]!;
    if (m[4] !== undefined) current[name] = m[4].includes("''") ? m[4].replaceAll("''", "'") : m[4];
    else if (m[5] !== undefined) current[name] = m[5];
    else current[name] = m[6] === 'null' ? null : m[6] === 'unchanged-toast-datum' ? TOAST : m[6]!;
  }
  if (sawMarker && current !== old) return { old, new: current };
  return { old: null, new: current };
}

/** Unchanged TOASTed columns take the old row's value (REPLICA IDENTITY FULL has it) or are left out. */
function resolveToast(row: RawRow, old: Row | null): Row {
  if (!Object.values(row).includes(TOAST)) return row as Row;
  const out: Row = {};
  for (const [key, v] of Object.entries(row)) {
    if (v !== TOAST) out[key] = v;
    else if (old && key in old) out[key] = old[key] ?? null;
  }
  return out;
}

function plainRow(row: RawRow | null): Row | null {
  return row ? resolveToast(row, null) : null;
}

export function parseDecodingLine(data: string): ParsedLine {
  const txMatch = /^(BEGIN|COMMIT) (\d+)/.exec(data);
  if (txMatch) return { kind: txMatch[1] === 'BEGIN' ? 'begin' : 'commit', xid: Number(txMatch[2]) };
  if (!data.startsWith('table ')) return { kind: 'other', text: data };

  let tables: TableName[];
  let op: string;
  let pos: number;
  const simple = SIMPLE_HEADER.exec(data);
  if (simple) {
    // Fast path: unquoted schema.table, one table.
    tables = [{ schema: simple[1]!, name: simple[2]! }];
    op = simple[3]!;
    pos = simple[0].length;
  } else {
    const c = new Cursor(data, 'table '.length);
    tables = [qualifiedName(c)];
    while (c.startsWith(', ')) {
      c.pos += 2;
      tables.push(qualifiedName(c));
    }
    c.expect(': ');
    op = c.run(OPERATION);
    c.expect(':');
    pos = c.pos;
  }
  if (op === 'TRUNCATE') return { kind: 'truncate', tables };

  const table = tables[0]!;
  const parsed = tuples(data, pos);
  switch (op) {
    case 'INSERT':
      return { kind: 'change', table, op: 'insert', oldRow: null, newRow: plainRow(parsed.new) };
    case 'DELETE':
      // A delete prints the old tuple (key or full row) without a marker.
      return { kind: 'change', table, op: 'delete', oldRow: plainRow(parsed.old ?? parsed.new), newRow: null };
    case 'UPDATE': {
      const oldRow = plainRow(parsed.old);
      return {
        kind: 'change',
        table,
        op: 'update',
        oldRow,
        newRow: parsed.new ? resolveToast(parsed.new, oldRow) : null,
      };
    }
    default:
      return { kind: 'other', text: data };
  }
}

/** Row of `SELECT lsn, xid, data FROM pg_logical_slot_get_changes(…)` with the LSN as a number. */
export interface DecodingRow {
  lsn: bigint;
  xid: number;
  data: string;
}

/**
 * Groups decoded lines into committed transactions. Changes are held until
 * the COMMIT line so every change carries the commit LSN (commit order is the
 * order Electric's log uses). State survives between polls.
 */
export class TransactionAssembler {
  #xid: number | null = null;
  #changes: LoggedChange[] = [];

  /** Returns the finished transaction on COMMIT (without `seq`), otherwise null. */
  push(row: DecodingRow): Omit<LoggedTransaction, 'seq'> | null {
    const line = parseDecodingLine(row.data);
    switch (line.kind) {
      case 'begin':
        this.#xid = line.xid;
        this.#changes = [];
        return null;
      case 'change':
      case 'truncate': {
        const opPosition = this.#changes.length * 2;
        // lsn becomes the commit LSN once COMMIT arrives.
        if (line.kind === 'change') {
          const { table, op, oldRow, newRow } = line;
          this.#changes.push({ lsn: 0n, xid: row.xid, table, op, oldRow, newRow, opPosition });
        } else {
          for (const [i, table] of line.tables.entries()) {
            this.#changes.push({
              lsn: 0n,
              xid: row.xid,
              table,
              op: 'truncate',
              oldRow: null,
              newRow: null,
              opPosition: opPosition + i * 2,
            });
          }
        }
        return null;
      }
      case 'commit': {
        const xid = this.#xid ?? line.xid;
        const changes = this.#changes;
        for (const change of changes) {
          change.lsn = row.lsn;
          change.xid = xid;
        }
        this.#xid = null;
        this.#changes = [];
        return { xid, lsn: row.lsn, changes };
      }
      default:
        return null;
    }
  }
}
