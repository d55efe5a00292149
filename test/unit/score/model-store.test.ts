/**
 * A stored model is parsed once per connection while its stored text stays the same (Today loads
 * the lead model on every read), and a model saved in its place, by any means, is the one loaded next.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReplica, type ReplicaDb } from '../../../db/sqlite/open';
import { loadModel, saveModel } from '../../../electron/main/score/model-store';

let dir: string;
let db: ReplicaDb;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const model = (trained_at: string, weights: number[]) => ({ version: 1, kind: 'lead-conversion', trained_at, weights });
type M = ReturnType<typeof model>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-model-store-'));
  db = openReplica(path.join(dir, 'replica.db'));
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadModel', () => {
  it('parses a stored model once, and loads whatever is stored in its place next', () => {
    expect(loadModel<M>(db, 'score.test', 'lead-conversion')).toBeNull();
    saveModel(db, 'score.test', model('a', [1, 2]), NOW);
    const first = loadModel<M>(db, 'score.test', 'lead-conversion')!;
    expect(first.weights).toEqual([1, 2]);
    expect(loadModel<M>(db, 'score.test', 'lead-conversion')).toBe(first);
    // Another kind asked for under the same key is still no model.
    expect(loadModel(db, 'score.test', 'policy-retention')).toBeNull();

    // Same trained_at, other weights (as a model written by another version of the app could be).
    saveModel(db, 'score.test', model('a', [3, 4]), NOW);
    expect(loadModel<M>(db, 'score.test', 'lead-conversion')!.weights).toEqual([3, 4]);
    // Written behind the app's back, without saveModel.
    db.prepare('UPDATE local_settings SET value = ? WHERE key = ?').run(JSON.stringify(model('b', [5])), 'score.test');
    expect(loadModel<M>(db, 'score.test', 'lead-conversion')!.trained_at).toBe('b');
    db.prepare('UPDATE local_settings SET value = ? WHERE key = ?').run('{not json', 'score.test');
    expect(loadModel<M>(db, 'score.test', 'lead-conversion')).toBeNull();
    db.prepare('DELETE FROM local_settings WHERE key = ?').run('score.test');
    expect(loadModel<M>(db, 'score.test', 'lead-conversion')).toBeNull();
  });

  it('keeps each connection its own', () => {
    saveModel(db, 'score.test', model('c', [7]), NOW);
    const other = openReplica(path.join(dir, 'replica.db'));
    try {
      const mine = loadModel<M>(db, 'score.test', 'lead-conversion')!;
      const theirs = loadModel<M>(other, 'score.test', 'lead-conversion')!;
      expect(theirs).toEqual(mine);
      expect(theirs).not.toBe(mine);
    } finally {
      other.close();
    }
  });
});
