/**
 * The indexer shares the main process with every screen's command, so the partition's upkeep
 * must do a bounded amount of work between turns of the event loop, whatever the book's size:
 * counting and sampling a range of seqs per statement, placing a page of chunks per turn, and
 * warming the first pass a bounded page at a time. Counted in awaited pauses (not wall-clock
 * time), on a book of 120k chunks written straight into the tables (small random vectors, no
 * embedding), so that the bounds show without timing on a busy machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitIndex, warmBitIndex } from '../../db/queries/semantic-bits';
import {
  countChunks,
  placeBacklog,
  readyVersion,
  trainPartition,
  PLACE_PAGE,
  SEQ_RANGE,
} from '../../db/queries/semantic-lists';
import { ensureVectorTables, quantizeBinary, vectorBlob } from '../../db/sqlite/vectors';
import { makeReplica, type Replica } from '../ai/fixtures';

const MODEL = 'synthetic';
const CHUNKS = 120_000;
const DIMS = 16;
const LISTS = 16;

let rep: Replica;

/** A deterministic unit vector per chunk (xorshift), spread around a few directions so lists form. */
function vectorOf(i: number): Float32Array {
  let state = (i * 2654435761) >>> 0 || 1;
  const v = new Float32Array(DIMS);
  let norm = 0;
  for (let d = 0; d < DIMS; d++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    v[d] = (state >>> 0) / 2 ** 32 - 0.5 + (d === i % DIMS ? 1 : 0);
    norm += v[d]! * v[d]!;
  }
  for (let d = 0; d < DIMS; d++) v[d]! /= Math.sqrt(norm);
  return v;
}

/** A pause that counts its calls. */
function counter() {
  const c = { pauses: 0, pause: async () => void c.pauses++ };
  return c;
}

beforeAll(() => {
  rep = makeReplica();
  ensureVectorTables(rep.db);
  const insert = rep.db.prepare(
    `INSERT INTO semantic_chunks (chunk_id, source_table, source_id, kind, ordinal, result_kind, result_id, lead_id, client_id, text, model, bits, vec)
     VALUES (?, 'lead_notes', ?, 'note', 0, 'note', ?, NULL, NULL, '', ?, ?, ?)`,
  );
  rep.db.transaction(() => {
    for (let i = 0; i < CHUNKS; i++) {
      const v = vectorOf(i);
      insert.run(`c${i}`, `n${i}`, `n${i}`, MODEL, quantizeBinary(v), vectorBlob(v));
    }
  })();
}, 120_000);
afterAll(() => rep.close());

describe('the partition’s upkeep, in bounded turns', () => {
  it('counts the chunks a range of seqs per statement', async () => {
    const c = counter();
    expect(await countChunks(rep.db, MODEL, Math.ceil(DIMS / 8), c.pause)).toBe(CHUNKS);
    expect(c.pauses).toBeGreaterThanOrEqual(Math.ceil(CHUNKS / SEQ_RANGE) - 1);
  });

  it('trains with a pause between the ranges it counts and samples, and places a page per pause', async () => {
    const train = counter();
    const version = await trainPartition(rep.db, MODEL, LISTS, train.pause);
    expect(version).toBeGreaterThan(0);
    // Counting and sampling: a statement per range of seqs each (k-means of this small sample needs none).
    expect(train.pauses).toBeGreaterThanOrEqual(2 * Math.ceil(CHUNKS / SEQ_RANGE) - 2);
    let placed = 0;
    const place = async () => {
      placed++;
      return true;
    };
    expect(await placeBacklog(rep.db, MODEL, version, place)).toBe(true);
    expect(placed).toBeGreaterThanOrEqual(Math.floor(CHUNKS / PLACE_PAGE) - 1);
    expect(readyVersion(rep.db, MODEL)).toBe(version);
  }, 60_000);

  it('warms the first pass no more than the rows asked for per call', () => {
    expect(warmBitIndex(rep.db, MODEL, 300)).toBe(false);
    expect(bitIndex(rep.db, MODEL, false).length).toBeLessThanOrEqual(300);
    let calls = 1;
    while (!warmBitIndex(rep.db, MODEL, 30_000)) calls++;
    expect(calls).toBeGreaterThanOrEqual(Math.floor(CHUNKS / 30_000));
    expect(bitIndex(rep.db, MODEL, false).length).toBe(CHUNKS);
  });
});
