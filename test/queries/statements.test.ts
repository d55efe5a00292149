/** The per-connection statement cache the screen queries share. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedStatement } from '../../db/queries/statements';

let db: Database.Database | undefined;
afterEach(() => db?.close());

describe('cachedStatement', () => {
  it('prepares a SQL text once per connection, raw and object forms apart', () => {
    db = new Database(':memory:');
    const a = cachedStatement(db, 'SELECT 1 AS one');
    expect(cachedStatement(db, 'SELECT 1 AS one')).toBe(a);
    const raw = cachedStatement(db, 'SELECT 1 AS one', { raw: true });
    expect(raw).not.toBe(a);
    expect(a.get()).toEqual({ one: 1 });
    expect(raw.get()).toEqual([1]);
    const other = new Database(':memory:');
    try {
      expect(cachedStatement(other, 'SELECT 1 AS one')).not.toBe(a);
    } finally {
      other.close();
    }
  });

  it('keeps at most 256 statements, dropping the least recently used', () => {
    db = new Database(':memory:');
    const first = cachedStatement(db, 'SELECT 0');
    const second = cachedStatement(db, 'SELECT 1');
    for (let i = 2; i < 256; i++) cachedStatement(db, `SELECT ${i}`);
    expect(cachedStatement(db, 'SELECT 0')).toBe(first); // used again: now the most recent
    cachedStatement(db, 'SELECT 256'); // one past the bound: drops 'SELECT 1'
    expect(cachedStatement(db, 'SELECT 0')).toBe(first);
    expect(cachedStatement(db, 'SELECT 1')).not.toBe(second);
  });

  it('a cached statement sees schema changes', () => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (a INTEGER)');
    db.exec('INSERT INTO t VALUES (1)');
    expect(cachedStatement(db, 'SELECT * FROM t').all()).toEqual([{ a: 1 }]);
    db.exec('ALTER TABLE t ADD COLUMN b TEXT');
    expect(cachedStatement(db, 'SELECT * FROM t').all()).toEqual([{ a: 1, b: null }]);
  });
});
