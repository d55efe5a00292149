import { afterEach, describe, expect, it } from 'vitest';
import { possibleDuplicates, scanDuplicates } from '../../electron/main/dedup/scan';
import { findDuplicates, jaroWinkler, soundex, type DedupRecord } from '../../shared/dedup/score';
import { createStore, replicaOf, seedPeople, type Store } from '../support/stores';

const rec = (id: string, v: Partial<DedupRecord>): DedupRecord => ({
  id,
  first_name: null,
  last_name: null,
  business_name: null,
  email: null,
  phone: null,
  date_of_birth: null,
  postal_code: null,
  line1: null,
  ...v,
});

describe('duplicate scoring', () => {
  it('measures names with Jaro-Winkler and Soundex', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect([soundex('Robert'), soundex('Rupert'), soundex('Smith'), soundex('Smyth'), soundex('Tymczak')]).toEqual([
      'R163',
      'R163',
      'S530',
      'S530',
      'T522',
    ]);
  });

  it('lists probable pairs with a score and the reasons, and not the unrelated', () => {
    const pairs = findDuplicates([
      rec('1', { first_name: 'Jon', last_name: 'Smith', email: 'JS@x.com', date_of_birth: '1980-01-02' }),
      rec('2', { first_name: 'John', last_name: 'Smyth', email: 'js@x.com' }),
      rec('3', {
        first_name: 'Ana',
        last_name: 'Silva',
        phone: '(217) 555-0101',
        postal_code: '62701',
        line1: '1 Main St',
      }),
      rec('4', {
        first_name: 'Anna',
        last_name: 'Silva',
        phone: '+1 217 555 0101',
        postal_code: '62701-1234',
        line1: '1 main st',
      }),
      rec('5', { first_name: 'Bo', last_name: 'Berg', date_of_birth: '1980-01-02' }),
      rec('6', { first_name: 'Jon', last_name: 'Smith', date_of_birth: '1980-01-02' }),
    ]);
    expect(pairs.map((p) => [p.a, p.b, p.reasons])).toEqual([
      ['3', '4', ['same phone', 'similar name (0.97)', 'same address']],
      ['1', '2', ['same email', 'similar name (0.92)']],
      ['1', '6', ['same name', 'same date of birth']],
    ]);
    expect(pairs.map((p) => p.score)).toEqual([1, 0.87, 0.7]);
  });
});

describe('duplicate scan of the replica', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('finds pairs, then rescans only what changed, and warns about a new lead like an existing one', async () => {
    store = await createStore('sqlite');
    const people = await seedPeople(store);
    const db = replicaOf(store);
    const mk = (first: string, last: string, email: string | null) =>
      store!.run(
        'createClient',
        { client_type: 'individual', first_name: first, last_name: last, email },
        people.agent,
      );
    const a = await mk('Ana', 'Silva', 'ana@x.com');
    const b = await mk('Anna', 'Silva', 'ana@x.com');
    await mk('Bo', 'Berg', 'bo@x.com');
    const first = scanDuplicates(db, 'clients');
    expect(first).toMatchObject({ records: 3, scanned: 3, incremental: false });
    expect(first.pairs.map((p) => [p.a, p.b].sort())).toEqual([[a.id, b.id].sort()]);
    const c = await mk('Bo', 'Berg', 'bo@x.com');
    const second = scanDuplicates(db, 'clients');
    expect(second).toMatchObject({ records: 4, scanned: 1, incremental: true });
    expect(second.pairs).toHaveLength(2);
    expect(second.pairs.some((p) => p.a === c.id || p.b === c.id)).toBe(true);
    const warn = possibleDuplicates(db, 'clients', {
      first_name: 'Ana',
      last_name: 'Silva',
      business_name: null,
      email: 'ANA@x.com',
      phone: null,
      date_of_birth: null,
      postal_code: null,
      line1: null,
    });
    expect(warn.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
  });
});
