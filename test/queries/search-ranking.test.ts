/**
 * How search picks and orders its results: the newest matches of each index, ranked by bm25, with
 * common phrases left out of the count (db/queries/search-window.ts), and which words are
 * prefixes (db/queries/fts.ts). Checked against a plain reference query on a fixed corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ftsPhrases, ftsQuery } from '../../db/queries/fts';
import { searchAll } from '../../db/queries/search';
import { textMatchPhrase } from '../../db/queries/search-terms';
import type { SearchIndex } from '../../db/queries/search-window';
import type { ReplicaDb } from '../../db/sqlite/open';
import { createLead, mutate, useApp } from './support';

const ctx = useApp();
const WORDS = ['policy', 'zanzibar', 'quorum', 'quote', 'quoted', 'renewal', 'the', 'umbrella', 'garage', 'deductible'];

beforeAll(async () => {
  const names = [
    ['Zanzibar', 'Quinn'],
    ['Theo', 'Policastro'],
    ['Quentin', 'Garagiola'],
    ['Uma', 'Brella'],
    ['Rene', 'Walsh'],
  ];
  const leads: string[] = [];
  for (const [first_name, last_name] of names) leads.push((await createLead(ctx.app, { first_name, last_name })).id);
  // A fixed corpus where term frequency and document length vary, so bm25 has something to rank.
  for (let i = 0; i < 60; i++) {
    const words = Array.from({ length: 3 + (i % 7) }, (_, k) => WORDS[(i * 3 + k * (1 + (i % 4))) % WORDS.length]);
    await mutate(ctx.app, 'addNote', {
      lead_id: leads[i % leads.length],
      body: `Policy note ${i}: ${words.join(' ')}.`,
    });
  }
  await mutate(ctx.app, 'addNote', { lead_id: leads[0], body: 'The supercalifragilistic policy, quoted.' });
});

/** The ranking as it was: bm25 over the whole query within each index's newest `window` matches. */
function reference(db: ReplicaDb, text: string, limit: number, window: number) {
  const match = ftsQuery(text);
  if (!match) return [];
  const hits = (fts: SearchIndex) =>
    (
      db
        .prepare(
          `SELECT m.kind, m.ref_id AS id, h.score FROM (SELECT rowid, bm25(${fts}) AS score FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid DESC LIMIT ?) h JOIN search_map m ON m.rowid = h.rowid`,
        )
        .all(match, window) as Array<{ kind: string; id: string; score: number }>
    ).sort((a, b) => a.score - b.score);
  return [...hits('search_names'), ...hits('search_text')].slice(0, limit).map(({ kind, id }) => ({ kind, id }));
}

const found = (text: string, limit: number, window = 200, common = 5000) =>
  searchAll(ctx.app.db, text, limit, { window, common }).map(({ kind, id }) => ({ kind, id }));

const QUERIES = [
  ...WORDS,
  ...WORDS.map((w) => w.slice(0, 2)),
  ...WORDS.map((w) => w.slice(0, 4)),
  'policy zanzibar',
  'the quo',
  'quote umbrella ga',
  'q',
  'z',
  'zan qu',
];

describe('search ranking', () => {
  it('with no common phrase, is bm25 within the newest matches, as before', () => {
    for (const text of QUERIES) {
      for (const [limit, window] of [
        [20, 200],
        [100, 200],
        [5, 12],
        [50, 7],
      ] as const) {
        const want = reference(ctx.app.db, text, limit, window);
        expect(found(text, limit, window), `${text} limit ${limit} window ${window}`).toEqual(want);
      }
    }
    expect(reference(ctx.app.db, 'policy', 100, 200).length).toBeGreaterThan(20);
  });

  it('a query of common phrases only lists the newest matches first', () => {
    const db = ctx.app.db;
    const newest = (match: string) =>
      db
        .prepare(
          `SELECT m.kind, m.ref_id AS id FROM search_text s JOIN search_map m ON m.rowid = s.rowid WHERE search_text MATCH ? ORDER BY s.rowid DESC`,
        )
        .all(match);
    const policy = newest('"policy"*');
    expect(policy.length).toBeGreaterThan(10);
    expect(found('policy', 100, 12, 3)).toEqual(policy.slice(0, 12));
    expect(found('policy the', 100, 200, 3)).toEqual(newest('"policy"* "the"*'));
    // A lone phrase in fewer documents than the window is cheap to count: bm25 ranks it.
    expect(found('policy', 100, 200, 3)).toEqual(reference(db, 'policy', 100, 200));
    expect(found('policy', 100, 200, 3)).not.toEqual(policy);
  });

  it('common phrases are left out of bm25 when the query has a rarer one', () => {
    const db = ctx.app.db;
    const both = db
      .prepare(`SELECT rowid FROM search_text WHERE search_text MATCH '"policy"* "supercal"*' ORDER BY rowid DESC`)
      .pluck()
      .all() as number[];
    expect(both).toHaveLength(1);
    // "zanzibar" is in some notes, "policy" in all: with common = the zanzibar count, only zanzibar's bm25 orders them.
    const inBoth = db
      .prepare(`SELECT rowid FROM search_text WHERE search_text MATCH '"policy"* "zanzibar"*' ORDER BY rowid DESC`)
      .pluck()
      .all() as number[];
    const zanzibar = db
      .prepare(`SELECT rowid, bm25(search_text) AS score FROM search_text WHERE search_text MATCH '"zanzibar"*'`)
      .all() as Array<{ rowid: number; score: number }>;
    const policies = db
      .prepare(`SELECT count(*) FROM search_text WHERE search_text MATCH '"policy"*'`)
      .pluck()
      .get() as number;
    expect(policies).toBeGreaterThan(zanzibar.length);
    const score = new Map(zanzibar.map((z) => [z.rowid, z.score]));
    const want = inBoth
      .map((rowid, i) => ({ rowid, i }))
      .sort((a, b) => score.get(a.rowid)! - score.get(b.rowid)! || a.i - b.i);
    const refs = db.prepare('SELECT ref_id FROM search_map WHERE rowid = ?').pluck();
    const texts = found('policy zanzibar', 100, 200, zanzibar.length).filter((r) => r.kind === 'note');
    expect(inBoth.length).toBeGreaterThan(3);
    expect(texts.map((r) => r.id)).toEqual(want.map((w) => refs.get(w.rowid)));
    // The same documents as the plain query, only ordered differently.
    expect(texts.map((r) => r.id).sort()).toEqual(
      reference(db, 'policy zanzibar', 100, 200)
        .filter((r) => r.kind === 'note')
        .map((r) => r.id)
        .sort(),
    );
  });

  it('names fill the limit before free text is read', () => {
    const names = found('quinn', 1);
    expect(names).toEqual([{ kind: 'lead', id: expect.any(String) }]);
    expect(found('zan', 1)).toEqual(reference(ctx.app.db, 'zan', 1, 200));
    expect(found('zan', 1)[0]!.kind).toBe('lead');
  });
});

describe('which words are prefixes', () => {
  it('the last word always; a finished word unless it is longer than the indexed prefixes', () => {
    expect(ftsPhrases('polic')).toEqual(['"polic"*']);
    expect(ftsPhrases('supercalifragilistic')).toEqual(['"supercalifragilistic"*']);
    expect(ftsPhrases('quoted polic')).toEqual(['"quoted"*', '"polic"*']);
    expect(ftsPhrases('supercalifragilistic polic')).toEqual(['"supercalifragilistic"', '"polic"*']);
    expect(ftsPhrases('abcdefgh abcdefghi x')).toEqual(['"abcdefgh"*', '"abcdefghi"', '"x"*']);
    expect(ftsPhrases('NEAR("deductibles" OR*')).toEqual(['"near"*', '"deductibles"', '"or"*']);
  });

  it('so a long finished word must match whole, while the word being typed may be a prefix', () => {
    const note = (text: string) => searchAll(ctx.app.db, text, 100).filter((r) => r.kind === 'note').length;
    expect(note('supercalifragi')).toBe(1);
    expect(note('supercalifragi policy')).toBe(0);
    expect(note('supercalifragilistic polic')).toBe(1);
    expect(note('polic supercalifragi')).toBe(1);
  });
});

describe('a long word being typed', () => {
  beforeAll(async () => {
    const lead = (await createLead(ctx.app, { first_name: 'Dee', last_name: 'Duckworth' })).id;
    for (const body of ['Deductibles compared.', 'Deductibility of the premium.', 'Déductible waived, quoted.'])
      await mutate(ctx.app, 'addNote', { lead_id: lead, body });
    // Thirteen words that share a 10-letter prefix: more than are expanded.
    const many = Array.from({ length: 13 }, (_, i) => `expansiona${String.fromCharCode(97 + i)}`);
    await mutate(ctx.app, 'addNote', { lead_id: lead, body: many.join(' ') });
  });

  it('is matched as the words it expands to: the same results as the plain prefix query', () => {
    const db = ctx.app.db;
    expect(textMatchPhrase(db, '"deductibl"*')).toBe('("deductible" OR "deductibles")');
    expect(textMatchPhrase(db, '"deductibili"*')).toBe('"deductibility"');
    expect(textMatchPhrase(db, '"deductiblez"*')).toBeNull();
    // Too many words, a short prefix, a finished word or one with diacritics: left as typed.
    expect(textMatchPhrase(db, '"expansiona"*')).toBe('"expansiona"*');
    expect(textMatchPhrase(db, '"deduct"*')).toBe('"deduct"*');
    expect(textMatchPhrase(db, '"deductible"')).toBe('"deductible"');
    expect(textMatchPhrase(db, '"déductibl"*')).toBe('"déductibl"*');
    for (const text of [
      'deductibl',
      'deductible',
      'deductibles',
      'policy deductibl',
      'quoted déductibl',
      'deductibi',
      'expansiona',
    ]) {
      for (const [limit, window] of [
        [20, 200],
        [5, 3],
      ] as const) {
        const want = reference(db, text, limit, window);
        expect(found(text, limit, window), `${text} limit ${limit} window ${window}`).toEqual(want);
      }
    }
    expect(found('deductibl', 100).filter((r) => r.kind === 'note').length).toBeGreaterThan(3);
    expect(found('expansiona', 100)).toHaveLength(1);
    expect(found('deductiblez', 100)).toEqual([]);
  });
});
