/**
 * Migration 0006 drops the contentless free-text index and refills it from the rows search_map
 * points at. The refilled index must answer exactly what the insert and update triggers built:
 * the same documents, under the same rowids, for every term and prefix; with the same bm25 scores
 * too, unless rows were deleted since (a contentless_delete index keeps a deleted document's
 * length in its averages; the refill counts only live documents).
 */
import { describe, expect, it } from 'vitest';
import { seedViaMutations } from '../../db/sqlite/bulk-load';
import { MIGRATIONS } from '../../db/sqlite/migrations.bundle';
import type { ReplicaDb } from '../../db/sqlite/open';
import { splitStatements } from '../../db/split-statements';
import { mutate, useApp } from '../queries/support';

const plain = useApp();
const edited = useApp();

type Answer = Array<[number, number]>;

/** Every term and every prefix of it: the matching rowids and their bm25 scores. */
function answers(db: ReplicaDb): Map<string, Answer> {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.text_terms USING fts5vocab(main, search_text, 'row')`);
  const terms = (db.prepare('SELECT term FROM temp.text_terms').pluck().all() as string[]).filter((t) =>
    /^[\p{L}\p{N}]+$/u.test(t),
  );
  const queries = new Set(
    terms.flatMap((t) => [`"${t}"`, `"${t.slice(0, 1)}"*`, `"${t.slice(0, 4)}"*`, `"${t.slice(0, 9)}"*`]),
  );
  const stmt = db
    .prepare('SELECT rowid, bm25(search_text) FROM search_text WHERE search_text MATCH ? ORDER BY rowid')
    .raw(true);
  return new Map([...queries].map((q) => [q, stmt.all(q) as Answer]));
}

async function seed(ctx: typeof plain, edits: boolean) {
  const db = ctx.app.db;
  await seedViaMutations(db, { leads: 25, seed: 5, now: Date.parse('2026-06-01T12:00:00Z') });
  const leads = db.prepare('SELECT id FROM leads ORDER BY rowid LIMIT 9').pluck().all() as string[];
  for (const [i, lead_id] of leads.entries()) {
    await mutate(ctx.app, 'createTicket', {
      lead_id,
      subject: `Certificate ${i}`,
      description: `Landlord needs proof of coverage, item ${i}.`,
    });
  }
  const kinds = db
    .prepare(`SELECT DISTINCT kind FROM search_map WHERE kind IN ('note', 'communication', 'ticket')`)
    .pluck()
    .all();
  expect(kinds.sort()).toEqual(['communication', 'note', 'ticket']);
  if (edits) {
    // Soft deletes and edits go through the update triggers; the refill must agree with them too.
    db.exec(`UPDATE lead_notes SET deleted_at = '2026-06-02T00:00:00Z' WHERE rowid % 5 = 0`);
    db.exec(`UPDATE lead_communications SET body = 'zephyrine ' || coalesce(body, '') WHERE rowid % 4 = 0`);
    db.exec(`UPDATE support_tickets SET deleted_at = '2026-06-02T00:00:00Z' WHERE rowid % 3 = 0`);
  }
  return db;
}

function migrate(db: ReplicaDb) {
  const migration = MIGRATIONS.find((m) => m.tag === '0006_search_text_prefixes')!;
  db.transaction(() => {
    for (const stmt of splitStatements(migration.sql)) db.exec(stmt);
  })();
}

const rowids = (a: Answer) => a.map(([rowid]) => rowid);

describe('0006_search_text_prefixes', () => {
  it('refills the free-text index with what the triggers had indexed, scores included', async () => {
    const db = await seed(plain, false);
    const before = answers(db);
    migrate(db);
    const after = answers(db);
    expect(after.size).toBe(before.size);
    for (const [q, rows] of before) expect(after.get(q), q).toEqual(rows);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'search_text'`).pluck().get()).toContain(
      "prefix='1 2 3 4 5 6 7 8'",
    );
    expect(db.prepare(`SELECT v FROM search_text_config WHERE k = 'hashsize'`).pluck().get()).toBe(1048576);
  });

  it('after edits and soft deletes, refills the same live documents', async () => {
    const db = await seed(edited, true);
    const before = answers(db);
    expect(before.get('"zephyrine"')!.length).toBeGreaterThan(0);
    migrate(db);
    const after = answers(db);
    expect(after.size).toBe(before.size);
    for (const [q, rows] of before) expect(rowids(after.get(q)!), q).toEqual(rowids(rows));
  });
});
