import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneAgency } from '../../bench/clone-agency';
import { bulkLoadDirect } from '../../db/sqlite/bulk-load';
import { derivedSuspended } from '../../db/sqlite/derived';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';

let dir: string;
let source: ReplicaDb;
let clone: ReplicaDb;
const FACTOR = 3;
const count = (db: ReplicaDb, sql: string) => db.prepare(sql).pluck().get() as number;

/** Each derived table's rows, and what the search indexes hold, as one comparable picture. */
function derivedCounts(db: ReplicaDb) {
  const tables = ['lead_list_items', 'lead_vehicles', 'lead_tags', 'search_map', 'search_keys', 'today_ranks'];
  return {
    ...Object.fromEntries(tables.map((t) => [t, count(db, `SELECT count(*) FROM "${t}"`)])),
    rollup_live: count(db, 'SELECT coalesce(sum(n), 0) FROM rollup_lead_cells'),
    notes_with_quote: count(db, `SELECT count(*) FROM search_text_match WHERE search_text_match MATCH 'quote'`),
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-clone-'));
  const file = path.join(dir, 'source.db');
  const db = openReplica(file);
  await bulkLoadDirect(db, { leads: 120, seed: 5, threads: 1 });
  db.close();
  await cloneAgency(file, path.join(dir, 'clone.db'), FACTOR);
  source = openReplica(file, { readonly: true });
  clone = openReplica(path.join(dir, 'clone.db'), { readonly: true });
}, 120_000);

afterAll(() => {
  source?.close();
  clone?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the growth bench cloning an agency', () => {
  it('holds every book row FACTOR times, each copy with ids of its own and its references kept', () => {
    for (const table of ['leads', 'clients', 'contacts', 'policies', 'lead_notes', 'timeline_events', 'record_changes'])
      expect(count(clone, `SELECT count(*) FROM "${table}"`), table).toBe(
        FACTOR * count(source, `SELECT count(*) FROM "${table}"`),
      );
    expect(count(clone, 'SELECT count(DISTINCT id) FROM lead_notes')).toBe(
      count(clone, 'SELECT count(*) FROM lead_notes'),
    );
    expect(clone.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // Shared rows are not copied: each agent owns FACTOR times the leads.
    expect(count(clone, 'SELECT count(*) FROM users')).toBe(count(source, 'SELECT count(*) FROM users'));
    // A copy's note belongs to the same copy's lead: copies are appended after the originals, in order.
    const copyOf = (table: string) => {
      const last = count(source, `SELECT max(rowid) FROM "${table}"`);
      const size = count(source, `SELECT count(*) FROM "${table}"`);
      return (rowid: number) => (rowid <= last ? 0 : 1 + Math.floor((rowid - last - 1) / size));
    };
    const [noteCopy, leadCopy] = [copyOf('lead_notes'), copyOf('leads')];
    const pairs = clone
      .prepare('SELECT n.rowid AS note, l.rowid AS lead FROM lead_notes n JOIN leads l ON l.id = n.lead_id')
      .all() as Array<{ note: number; lead: number }>;
    expect(pairs.length).toBe(count(clone, 'SELECT count(*) FROM lead_notes WHERE lead_id IS NOT NULL'));
    expect(new Set(pairs.map((p) => noteCopy(p.note))).size).toBe(FACTOR);
    expect(pairs.filter((p) => noteCopy(p.note) !== leadCopy(p.lead))).toEqual([]);
  });

  it('rebuilds the derived state over the copies: FACTOR times the source, and its triggers back', () => {
    const before = derivedCounts(source);
    const after = derivedCounts(clone);
    for (const [k, v] of Object.entries(before)) expect(after[k as keyof typeof after], k).toBe(FACTOR * v);
    expect(derivedSuspended(clone)).toBe(false);
    expect(count(clone, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'`)).toBe(
      count(source, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'`),
    );
  });
});
