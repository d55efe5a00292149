/**
 * Migration 0026 splits the free-text index: search_text_match (prefix indexes, no positions)
 * finds the matches, search_text (positions, no prefix indexes) ranks them. A replica from before
 * it (one search_text with prefix indexes, the 0001 triggers) must come out answering the same:
 * every term and prefix matches the same documents in both new tables as in the old one, with the
 * same bm25 scores (unless rows were deleted since: see search-rebuild.test.ts), and the triggers
 * must keep both tables from then on, as a fresh replica's do.
 */
import { describe, expect, it } from 'vitest';
import { seedViaMutations } from '../../db/sqlite/bulk-load';
import { MIGRATIONS } from '../../db/sqlite/migrations.bundle';
import { migrateReplica, type ReplicaDb } from '../../db/sqlite/open';
import { splitStatements } from '../../db/split-statements';
import { searchAll } from '../../db/queries/search';
import { mutate, useApp } from '../queries/support';

const plain = useApp();
const edited = useApp();
const fresh = useApp();

const TAG = '0026_search_text_ranking_split';
const TEXT_TRIGGER =
  /^CREATE TRIGGER `(?:lead_notes|lead_communications|support_tickets)_search_(?:insert|update|delete)`/;

type Answer = Array<[number, number]>;

const statements = (tag: string) => splitStatements(MIGRATIONS.find((m) => m.tag === tag)!.sql);

/** Puts a migrated replica back as it was before 0026: 0006's search_text and 0001's triggers. */
function asBefore(db: ReplicaDb) {
  db.transaction(() => {
    for (const name of triggerNames(db)) db.exec(`DROP TRIGGER \`${name}\``);
    db.exec('DROP TABLE search_text_match');
    for (const stmt of statements('0006_search_text_prefixes')) db.exec(stmt);
    for (const stmt of statements('0001_search_views_derived').filter((s) => TEXT_TRIGGER.test(s.trim())))
      db.exec(stmt);
    db.prepare('DELETE FROM schema_migrations WHERE tag = ?').run(TAG);
  })();
  expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'search_text'`).pluck().get()).toContain(
    "prefix='1 2 3 4 5 6 7 8'",
  );
}

function triggerNames(db: ReplicaDb): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_search_*' AND tbl_name IN ('lead_notes', 'lead_communications', 'support_tickets') ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}

const triggers = (db: ReplicaDb) =>
  db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_search_*' AND tbl_name IN ('lead_notes', 'lead_communications', 'support_tickets') ORDER BY name`,
    )
    .all();

/** Every term of the text index and prefixes of it, as FTS5 queries. */
function queries(db: ReplicaDb): string[] {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.split_terms USING fts5vocab(main, search_text, 'row')`);
  const terms = (db.prepare('SELECT term FROM temp.split_terms').pluck().all() as string[]).filter((t) =>
    /^[\p{L}\p{N}]+$/u.test(t),
  );
  db.exec('DROP TABLE temp.split_terms');
  return [
    ...new Set(terms.flatMap((t) => [`"${t}"`, `"${t.slice(0, 1)}"*`, `"${t.slice(0, 4)}"*`, `"${t.slice(0, 9)}"*`])),
  ];
}

function scored(db: ReplicaDb, qs: string[]): Map<string, Answer> {
  const stmt = db
    .prepare('SELECT rowid, bm25(search_text) FROM search_text WHERE search_text MATCH ? ORDER BY rowid')
    .raw(true);
  return new Map(qs.map((q) => [q, stmt.all(q) as Answer]));
}

function matched(db: ReplicaDb, qs: string[]): Map<string, number[]> {
  const stmt = db.prepare('SELECT rowid FROM search_text_match WHERE search_text_match MATCH ? ORDER BY rowid').pluck();
  return new Map(qs.map((q) => [q, stmt.all(q) as number[]]));
}

async function seed(ctx: typeof plain) {
  const db = ctx.app.db;
  await seedViaMutations(db, { leads: 25, seed: 7, now: Date.parse('2026-06-01T12:00:00Z') });
  const leads = db.prepare('SELECT id FROM leads ORDER BY rowid LIMIT 6').pluck().all() as string[];
  for (const [i, lead_id] of leads.entries()) {
    await mutate(ctx.app, 'createTicket', {
      lead_id,
      subject: `Certificate ${i}`,
      description: `Landlord needs proof of coverage, item ${i}.`,
    });
  }
  return db;
}

const rowids = (a: Answer) => a.map(([rowid]) => rowid);

describe(TAG, () => {
  it('converts a replica from before it: the same matches in both tables, the same scores', async () => {
    const db = await seed(plain);
    asBefore(db);
    const qs = queries(db);
    expect(qs.length).toBeGreaterThan(100);
    const before = scored(db, qs);
    expect(migrateReplica(db)).toEqual([TAG]);
    const after = scored(db, qs);
    const found = matched(db, qs);
    for (const q of qs) {
      expect(after.get(q), q).toEqual(before.get(q));
      expect(found.get(q), q).toEqual(rowids(before.get(q)!));
    }
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'search_text'`).pluck().get()).not.toContain(
      'prefix',
    );
    for (const t of ['search_text', 'search_text_match']) {
      expect(db.prepare(`SELECT v FROM ${t}_config WHERE k = 'hashsize'`).pluck().get()).toBe(1048576);
    }
  });

  it('after edits and soft deletes made by the old triggers, finds the same live documents', async () => {
    const db = await seed(edited);
    asBefore(db);
    db.exec(`UPDATE lead_notes SET deleted_at = '2026-06-02T00:00:00Z' WHERE rowid % 5 = 0`);
    db.exec(`UPDATE lead_communications SET body = 'zephyrine ' || coalesce(body, '') WHERE rowid % 4 = 0`);
    db.exec(`UPDATE support_tickets SET deleted_at = '2026-06-02T00:00:00Z' WHERE rowid % 3 = 0`);
    const qs = queries(db);
    const before = scored(db, qs);
    expect(before.get('"zephyrine"')!.length).toBeGreaterThan(0);
    migrateReplica(db);
    const after = scored(db, qs);
    const found = matched(db, qs);
    for (const q of qs) {
      expect(rowids(after.get(q)!), q).toEqual(rowids(before.get(q)!));
      expect(found.get(q), q).toEqual(rowids(before.get(q)!));
    }
  });

  it('keeps both tables with the triggers a fresh replica has, and search finds what they hold', async () => {
    const db = edited.app.db;
    expect(triggers(db)).toEqual(triggers(fresh.app.db));
    expect(triggers(db)).toHaveLength(9);
    const lead_id = db.prepare('SELECT id FROM leads ORDER BY rowid LIMIT 1').pluck().get() as string;
    const note = await mutate<{ id: string }>(edited.app, 'addNote', {
      lead_id,
      body: 'Quixotically detailed umbrella quote.',
    });
    const noteId = note.id;
    const hits = (text: string) => searchAll(db, text, 20).map((r) => r.id);
    expect(hits('quixotic')).toEqual([noteId]);
    expect(hits('quixotically umbrel')).toEqual([noteId]);
    const rowid = db.prepare('SELECT rowid FROM search_map WHERE ref_id = ?').pluck().get(noteId) as number;
    expect(matched(db, ['"quixotically"']).get('"quixotically"')).toEqual([rowid]);
    expect(rowids(scored(db, ['"quixotically"']).get('"quixotically"')!)).toEqual([rowid]);
    db.prepare('UPDATE lead_notes SET body = ? WHERE id = ?').run('Rewritten entirely.', noteId);
    expect(hits('quixotic')).toEqual([]);
    expect(hits('rewritten')).toContain(noteId);
    db.prepare(`UPDATE lead_notes SET deleted_at = '2026-06-03T00:00:00Z' WHERE id = ?`).run(noteId);
    expect(hits('rewritten')).not.toContain(noteId);
    for (const t of ['search_text', 'search_text_match']) {
      expect(db.prepare(`SELECT count(*) FROM ${t} WHERE ${t} MATCH '"rewritten"'`).pluck().get(), t).toBe(0);
    }
    db.prepare('DELETE FROM lead_notes WHERE id = ?').run(noteId);
    expect(db.prepare('SELECT count(*) FROM search_map WHERE ref_id = ?').pluck().get(noteId)).toBe(0);
  });
});
