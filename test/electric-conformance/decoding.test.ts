/**
 * Pure parts of the dev Electric: the test_decoding parser, the where-clause
 * subset and offsets (no database needed).
 */
import { describe, expect, it } from 'vitest';
import { parseDecodingLine, TransactionAssembler } from '../../server/dev-shape-server/decoding';
import { compareOffsets, formatOffset, parseOffset } from '../../server/dev-shape-server/offsets';
import type { ColumnMeta, TableMeta } from '../../server/dev-shape-server/tables';
import { bindWhere, parseWhere, WhereError } from '../../server/dev-shape-server/where';

describe('test_decoding parser', () => {
  it('parses an insert with quoted, escaped, null, numeric, boolean and array values', () => {
    const line =
      "table public.leads: INSERT: id[uuid]:'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' note[text]:'it''s \"q\" \\ x\nnext' " +
      'n[integer]:-5 f[double precision]:1.5e-07 b[boolean]:true gone[text]:null arr[character varying[]]:\'{a,"b c",NULL}\' ' +
      "\"Odd Col\"[text]:'x' bits[bit varying]:B'101'";
    expect(parseDecodingLine(line)).toEqual({
      kind: 'change',
      table: { schema: 'public', name: 'leads' },
      op: 'insert',
      oldRow: null,
      newRow: {
        id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        note: 'it\'s "q" \\ x\nnext',
        n: '-5',
        f: '1.5e-07',
        b: 'true',
        gone: null,
        arr: '{a,"b c",NULL}',
        'Odd Col': 'x',
        bits: '101',
      },
    });
  });

  it('splits old-key / new-tuple sections and fills unchanged TOAST values from the old row', () => {
    const line =
      'table app."My Table": UPDATE: old-key: id[integer]:1 body[text]:\'long\' n[integer]:2 new-tuple: id[integer]:1 body[text]:unchanged-toast-datum n[integer]:3 note[text]:null';
    expect(parseDecodingLine(line)).toEqual({
      kind: 'change',
      table: { schema: 'app', name: 'My Table' },
      op: 'update',
      oldRow: { id: '1', body: 'long', n: '2' },
      newRow: { id: '1', body: 'long', n: '3', note: null },
    });
  });

  it('parses deletes, updates without an old tuple, truncates and ignores other lines', () => {
    expect(parseDecodingLine("table public.t: DELETE: id[integer]:7 s[text]:'a b'")).toMatchObject({
      op: 'delete',
      oldRow: { id: '7', s: 'a b' },
      newRow: null,
    });
    expect(parseDecodingLine('table public.t: UPDATE: id[integer]:7 n[integer]:1')).toMatchObject({
      op: 'update',
      oldRow: null,
      newRow: { id: '7', n: '1' },
    });
    expect(parseDecodingLine('table public.t: DELETE: (no-tuple-data)')).toMatchObject({ op: 'delete', oldRow: {} });
    expect(parseDecodingLine('table public.a, public."B": TRUNCATE: cascade')).toEqual({
      kind: 'truncate',
      tables: [
        { schema: 'public', name: 'a' },
        { schema: 'public', name: 'B' },
      ],
    });
    expect(parseDecodingLine('message: transactional: 1 prefix: x, sz: 1 content:y')).toMatchObject({ kind: 'other' });
  });

  it('assembles transactions with the commit LSN and even op positions', () => {
    const assembler = new TransactionAssembler();
    expect(assembler.push({ lsn: 100n, xid: 9, data: 'BEGIN 9' })).toBeNull();
    assembler.push({ lsn: 101n, xid: 9, data: "table public.a: INSERT: id[integer]:1 s[text]:'x'" });
    assembler.push({ lsn: 102n, xid: 9, data: 'table public.b, public.c: TRUNCATE: (no-flags)' });
    const tx = assembler.push({ lsn: 150n, xid: 9, data: 'COMMIT 9' });
    expect(tx).toMatchObject({ xid: 9, lsn: 150n });
    expect(tx!.changes.map((c) => [c.table.name, c.op, c.opPosition, c.lsn])).toEqual([
      ['a', 'insert', 0, 150n],
      ['b', 'truncate', 2, 150n],
      ['c', 'truncate', 4, 150n],
    ]);
  });
});

function column(name: string, type: string, extra: Partial<ColumnMeta> = {}): ColumnMeta {
  return { name, type, dims: 0, notNull: false, typmod: -1, typtype: 'b', ...extra };
}

const columns = [
  column('id', 'uuid', { notNull: true }),
  column('owner_id', 'uuid'),
  column('team_id', 'uuid'),
  column('status', 'text'),
  column('priority', 'int4'),
  column('active', 'bool'),
  column('score', 'float8'),
  column('Mixed', 'text'),
  column('created_at', 'timestamptz'),
  column('tags', 'text', { dims: 1 }),
];
const meta: TableMeta = {
  schema: 'public',
  name: 'things',
  columns,
  byName: new Map(columns.map((c) => [c.name, c])),
  pk: ['id'],
  replicaIdentityFull: true,
};

const U1 = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
const U2 = 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a22';

describe('where-clause subset', () => {
  const bind = (where: string, params: Record<string, string> = {}) => bindWhere(parseWhere(where), meta, params);

  it('evaluates = $n on canonical values (uuid case, integers, booleans, floats)', () => {
    expect(bind('owner_id = $1', { 1: U1.toUpperCase() }).matches({ owner_id: U1 })).toBe(true);
    expect(bind('owner_id = $1', { 1: U1 }).matches({ owner_id: U2 })).toBe(false);
    expect(bind('owner_id = $1', { 1: U1 }).matches({ owner_id: null })).toBe(false);
    expect(bind('priority = $1', { 1: '007' }).matches({ priority: '7' })).toBe(true);
    expect(bind('active = true').matches({ active: 'true' })).toBe(true);
    expect(bind('$1 = active', { 1: 'f' }).matches({ active: 'false' })).toBe(true);
    expect(bind('score = 0.5').matches({ score: '0.50' })).toBe(true);
    expect(bind("\"Mixed\" = 'it''s'").matches({ Mixed: "it's" })).toBe(true);
  });

  it("handles the gateway's team scope", () => {
    const where = bind('(owner_id = $1 OR team_id = $2)', { 1: U1, 2: U2 });
    expect(where.matches({ owner_id: U2, team_id: U2 })).toBe(true);
    expect(where.matches({ owner_id: U1, team_id: null })).toBe(true);
    expect(where.matches({ owner_id: U2, team_id: null })).toBe(false);
    expect(where.sql).toBe('("owner_id" = $1 OR "team_id" = $2)');
  });

  it('combines IN, IS [NOT] NULL, AND over OR and parentheses', () => {
    const where = bind(
      'status IN ($1, $2) AND owner_id IS NOT NULL OR status IS NULL AND (priority = 1 OR priority = 2)',
      {
        1: 'open',
        2: 'won',
      },
    );
    expect(where.matches({ status: 'won', owner_id: U1 })).toBe(true);
    expect(where.matches({ status: 'won', owner_id: null })).toBe(false);
    expect(where.matches({ status: null, priority: '2' })).toBe(true);
    expect(where.matches({ status: null, priority: '3' })).toBe(false);
    expect(where.sql).toBe(
      '(("status" IN ($1, $2) AND "owner_id" IS NOT NULL) OR ("status" IS NULL AND ("priority" = $3 OR "priority" = $4)))',
    );
    expect(where.values).toEqual(['open', 'won', '1', '2']);
  });

  it.each([
    ["status LIKE 'a%'"],
    ['status <> $1'],
    ['NOT status = $1'],
    ['lower(status) = $1'],
    ['status = $1::text'],
    ['status = owner_id'],
    ['$1 = $2'],
    ['status IN ()'],
    ['status ='],
    ['status = $1 AND'],
    ['active'],
  ])('rejects %s', (where) => {
    expect(() => bind(where, { 1: 'a', 2: 'b' })).toThrow(WhereError);
  });

  it('rejects unknown columns, missing params, invalid values and unsupported column types', () => {
    expect(() => bind('nope = $1', { 1: 'a' })).toThrow(/unknown column/);
    expect(() => bind('status = $2', { 1: 'a' })).toThrow(/\$2/);
    expect(() => bind('owner_id = $1', { 1: 'not-a-uuid' })).toThrow(/invalid uuid/);
    expect(() => bind('priority = 1.5x')).toThrow(WhereError);
    expect(() => bind('status = 5')).toThrow(/does not match/);
    expect(() => bind('created_at = $1', { 1: '2024-01-01' })).toThrow(/not supported/);
    expect(() => bind('tags = $1', { 1: '{a}' })).toThrow(/not supported/);
    expect(bind('tags IS NULL').matches({ tags: null })).toBe(true);
  });
});

describe('offsets', () => {
  it('parses, formats and orders offsets as (tx, op) tuples', () => {
    const sorted = ['-1', '0_0', '0_9999', '0_inf', '24454808_0', '24454808_2', '24454808_10', '24455000_0'];
    const parsed = sorted.map((s) => parseOffset(s)!);
    expect(parsed.map(formatOffset)).toEqual(sorted);
    const shuffled = [...parsed].reverse().sort(compareOffsets);
    expect(shuffled.map(formatOffset)).toEqual(sorted);
    for (const bad of ['', 'now', '1', '1_', '_1', 'a_1', '1_2_3', '-2']) expect(parseOffset(bad)).toBeNull();
  });
});
