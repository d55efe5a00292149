/**
 * Validation of `GET /v1/shape` query parameters into a shape definition,
 * with Electric's error shapes: 401 `{message}` for a wrong secret, 400
 * `{message, errors: {param: [reason]}}` for everything else.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ShapeSpec } from './messages';
import { type LogOffset, parseOffset } from './offsets';
import type { ShapeDefinition } from './shape';
import type { ServedTables } from './served';
import { parseTableParam, type TableMeta } from './tables';
import { bindWhere, parseWhere, WhereError } from './where';

export interface ShapeRequest {
  definition: ShapeDefinition;
  offset: LogOffset | 'now';
  handle: string | null;
  live: boolean;
  cursor: string | null;
}

export type ParsedShapeRequest =
  | { ok: true; request: ShapeRequest }
  | { ok: false; status: 400 | 401; body: { message: string; errors?: Record<string, string[]> } };

export interface ParseContext {
  /** Every request must carry it (401 otherwise). */
  secret: string;
  table(name: { schema: string; name: string }): Promise<TableMeta | null>;
  served: ServedTables;
}

const UNSUPPORTED = [
  'live_sse',
  'experimental_live_sse',
  'subset__where',
  'subset__params',
  'subset__limit',
  'subset__offset',
  'subset__order_by',
];

/** Compared in constant time, so the answer's timing does not spell the secret out. */
function secretMatches(given: string | null, secret: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function onlyColumns(meta: TableMeta, served: ReadonlySet<string>): TableMeta {
  const columns = meta.columns.filter((c) => served.has(c.name));
  return { ...meta, columns, byName: new Map(columns.map((c) => [c.name, c])) };
}

/** `id,title,"Odd-Name"` → names (unquoted ones fold to lower case). */
function parseColumns(text: string): string[] | null {
  const names: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\s*(,|$)/y;
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (!m) return null;
    names.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.toLowerCase());
    if (!m[3]) break;
  }
  return names.length > 0 && re.lastIndex >= text.length ? names : null;
}

export async function parseShapeRequest(query: URLSearchParams, context: ParseContext): Promise<ParsedShapeRequest> {
  if (!secretMatches(query.get('secret') ?? query.get('api_secret'), context.secret)) {
    return { ok: false, status: 401, body: { message: 'Unauthorized - Invalid API secret' } };
  }
  const errors: Record<string, string[]> = {};
  const fail = (param: string, reason: string) => (errors[param] ??= []).push(reason);
  const invalid = (): ParsedShapeRequest => ({ ok: false, status: 400, body: { message: 'Invalid request', errors } });

  for (const name of UNSUPPORTED) {
    if (query.has(name) && query.get(name) !== 'false') fail(name, 'is not supported by the dev Electric server');
  }

  const offsetText = query.get('offset');
  let offset: LogOffset | 'now' | null = null;
  if (offsetText === null) fail('offset', "can't be blank");
  else if (offsetText === 'now') offset = 'now';
  else if (!(offset = parseOffset(offsetText))) fail('offset', 'has invalid format');

  const handle = query.get('handle') || null;
  const isStart = offsetText === '-1' || offsetText === 'now';
  if (offset && !isStart && !handle) fail('handle', "can't be blank when offset != -1");

  const liveText = query.get('live');
  if (liveText !== null && liveText !== 'true' && liveText !== 'false') fail('live', 'must be true or false');
  const live = liveText === 'true';
  if (live && offsetText === '-1') fail('live', "can't be true when offset == -1");

  const replica = query.get('replica') ?? 'default';
  if (replica !== 'default' && replica !== 'full') fail('replica', 'must be one of default, full');
  const log = query.get('log') ?? 'full';
  if (log !== 'full' && log !== 'changes_only') fail('log', 'must be one of full, changes_only');

  const params: Record<string, string> = {};
  for (const [key, value] of query) {
    const m = /^params\[(\d+)\]$/.exec(key);
    if (m) params[String(Number(m[1]))] = value;
  }

  const tableText = query.get('table');
  const tableName = tableText ? parseTableParam(tableText) : null;
  if (!tableText) fail('table', "can't be blank");
  else if (!tableName) fail('table', 'invalid table name');
  if (Object.keys(errors).length > 0 || !tableName || !offset) return invalid();

  const served = context.served.columns(tableName);
  if (!served) {
    fail(
      'table',
      `"${tableName.schema}"."${tableName.name}" is not a synced table; the development shape server serves only those`,
    );
    return invalid();
  }
  const meta = await context.table(tableName);
  if (!meta) {
    fail(
      'table',
      `Table "${tableName.schema}"."${tableName.name}" does not exist. If the table name contains capitals or special characters you must quote it.`,
    );
    return invalid();
  }
  if (meta.pk.length === 0) {
    fail('table', 'tables without a primary key are not supported by the dev Electric server');
    return invalid();
  }

  // Columns and where-clauses see the served columns only, so a column outside the catalogue
  // can neither be streamed nor probed through a filter.
  const visible = served === 'all' ? meta : onlyColumns(meta, served);
  let columns = visible.columns.map((c) => c.name);
  const columnsText = query.get('columns');
  if (columnsText !== null) {
    const requested = parseColumns(columnsText);
    const unknown = requested?.filter((c) => !visible.byName.has(c)) ?? [];
    if (!requested) fail('columns', 'invalid column list');
    else if (unknown.length > 0) fail('columns', `unknown columns: ${unknown.join(', ')}`);
    else if (!meta.pk.every((c) => requested.includes(c))) fail('columns', 'must include all primary key columns');
    else columns = columns.filter((c) => requested.includes(c));
  }

  const whereText = query.get('where');
  let where: ShapeSpec['where'] = null;
  if (whereText !== null && whereText.trim() !== '') {
    try {
      where = bindWhere(parseWhere(whereText), visible, params);
    } catch (error) {
      if (!(error instanceof WhereError)) throw error;
      fail('where', error.message);
    }
  }
  if (Object.keys(errors).length > 0) return invalid();

  const spec: ShapeSpec = { meta, columns, where, replica: replica as ShapeSpec['replica'] };
  const key = JSON.stringify([
    meta.schema,
    meta.name,
    whereText?.trim() ?? '',
    where ? Object.entries(params).sort(([a], [b]) => Number(a) - Number(b)) : [],
    columns,
    replica,
    log,
  ]);
  return {
    ok: true,
    request: {
      definition: { key, spec, changesOnly: log === 'changes_only' },
      offset,
      handle,
      live,
      cursor: query.get('cursor'),
    },
  };
}
