/**
 * Every named mutation, fed bad input through the replica's ReplicaWriter: wrong types, missing
 * fields, 1 MB strings, unknown ids, null, arrays, "__proto__" keys. Each must be refused with an
 * AppError (invalid_input or not_found), never a crash, and leave the replica as it was (no
 * outbox entry, no row changed). Free text that looks like full-text query syntax is not bad
 * input: it must be stored verbatim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicaWriter } from '../../db/sqlite/writer';
import { AppError, type ErrorCode } from '../../shared/errors';
import { CARRIER_SEEDS, COMMUNICATION_TYPES, INSURANCE_TYPES, LEAD_STATUSES } from '../../shared/lookups';
import { TABLE_NAMES, type TableName } from '../../shared/model/catalogue';
import type { Actor } from '../../shared/mutations/define';
import { getMutation, MUTATION_NAMES } from '../../shared/mutations/registry';
import { createStore, replicaOf, seedPeople, USER_IDS, type People, type Store } from '../support/stores';
import { BASELINES } from './bad-input.fixtures';
import { buildWorld, WORLD } from './bad-input-world';
import { id } from './helpers';

type Path = Array<string | number>;
const FAR = '2030-01-01T00:00:00.000Z';
/** `<mutation> <path>` cases refused nowhere yet (see the `fails` test below). */
const MB = 'x'.repeat(1 << 20);
const KNOWN_IDS = new Set<string>([
  ...Object.values(WORLD),
  ...Object.values(USER_IDS),
  ...[...LEAD_STATUSES, ...INSURANCE_TYPES, ...COMMUNICATION_TYPES, ...CARRIER_SEEDS].map((x) => x.id),
]);

/** A JSON copy: no shared sub-objects (fixtures reuse them), just like input off the wire. */
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const show = (p: Path) =>
  p
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '') || '(root)';
function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}
function withValue(root: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = clone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
  return copy;
}
function without(root: Record<string, unknown>, path: Path): Record<string, unknown> {
  const copy = clone(root);
  delete (at(copy, path.slice(0, -1)) as Record<string | number, unknown>)[path[path.length - 1]!];
  return copy;
}

/** Every value's path in the input; free-form JSON is a leaf (anything is valid inside it). */
function paths(root: unknown, freeform: string[] = [], prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (prefix.length > 0) out.push(prefix);
  if (root === null || typeof root !== 'object' || freeform.includes(show(prefix))) return out;
  for (const [k, v] of Object.entries(root))
    out.push(...paths(v, freeform, [...prefix, Array.isArray(root) ? Number(k) : k]));
  return out;
}
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === 'string') return [42, true, {}, []];
  if (typeof value === 'number') return ['1', true, {}, Number.NaN];
  if (typeof value === 'boolean') return ['true', 1, {}];
  if (Array.isArray(value)) return ['x', 5, {}];
  return ['x', 5, []];
}

describe('bad input on the replica', () => {
  let store: Store;
  let people: People;
  let actor: Actor;
  let writer: ReplicaWriter;
  let pristine: Record<string, unknown>;

  async function fingerprint() {
    const out: Record<string, unknown> = {};
    for (const t of [...TABLE_NAMES, 'outbox', 'search_map', 'lead_tags'] as Array<TableName | string>) {
      out[t] = (
        await store.sql(
          `SELECT count(*) AS n ${TABLE_NAMES.includes(t as TableName) ? ', max(updated_at) AS last' : ''} FROM "${t}"`,
        )
      )[0];
    }
    return out;
  }

  async function expectRefused(
    name: string,
    input: unknown,
    who: keyof People,
    what: string,
    codes: ErrorCode[] = ['invalid_input', 'not_found'],
  ) {
    actor = people[who];
    let caught: unknown;
    try {
      await writer.mutate(name, input, { createdAt: FAR });
    } catch (err) {
      caught = err;
    }
    const label = `${name} with ${what}`;
    if (caught === undefined) expect.fail(`${label}: accepted`);
    if (!(caught instanceof AppError)) expect.fail(`${label}: ${String((caught as Error)?.stack ?? caught)}`);
    expect(codes, `${label}: ${caught.code} ${caught.message.slice(0, 200)}`).toContain(caught.code);
    expect(await fingerprint(), `${label}: changed the replica`).toEqual(pristine);
    return caught;
  }

  beforeAll(async () => {
    store = await createStore('sqlite');
    people = await seedPeople(store);
    await buildWorld(store, people);
    actor = people.agent;
    writer = new ReplicaWriter(replicaOf(store), () => actor);
    pristine = await fingerprint();
  }, 60_000);
  afterAll(() => store?.close());

  it('has a baseline for every named mutation', () => {
    expect(Object.keys(BASELINES).sort()).toEqual([...MUTATION_NAMES].sort());
  });

  it('refuses unknown mutation names', async () => {
    for (const name of ['', 'createlead', '__proto__', 'constructor', 'toString', 'hasOwnProperty', MB]) {
      const err = await expectRefused(name, {}, 'agent', 'an unknown name');
      expect(err.field).toBe('name');
    }
  });

  describe.each(MUTATION_NAMES)('%s', (name) => {
    const b = BASELINES[name];
    const schema = getMutation(name)!.args;
    const leaves = () => paths(b.input, b.freeform);

    it('refuses non-objects, null, arrays and empty input', async () => {
      for (const input of [null, undefined, [], [b.input], 'x', 42, true, {}])
        await expectRefused(name, input, b.actor, JSON.stringify(input) ?? 'undefined', ['invalid_input']);
    });

    it('refuses missing required fields', async () => {
      const required = leaves().filter((p) => !schema.safeParse(without(b.input, p)).success);
      expect(required.length).toBeGreaterThan(0);
      for (const p of required)
        await expectRefused(name, without(b.input, p), b.actor, `no ${show(p)}`, ['invalid_input']);
    });

    it('refuses wrong types', async () => {
      for (const p of leaves()) {
        for (const v of wrongTypes(at(b.input, p)))
          await expectRefused(name, withValue(b.input, p, v), b.actor, `${show(p)} = ${JSON.stringify(v)}`, [
            'invalid_input',
          ]);
      }
    });

    it('refuses a 1 MB string in every string field', async () => {
      const strings = paths(b.input).filter((p) => typeof at(b.input, p) === 'string');
      for (const p of strings)
        await expectRefused(name, withValue(b.input, p, MB), b.actor, `1 MB in ${show(p)}`, ['invalid_input']);
    });

    it('refuses null where null is not allowed', async () => {
      for (const p of leaves()) {
        const input = withValue(b.input, p, null);
        if (schema.safeParse(input).success) continue; // null clears that field: not bad input
        await expectRefused(name, input, b.actor, `${show(p)} = null`, ['invalid_input']);
      }
    });

    it('refuses unknown ids', async () => {
      const refs = paths(b.input).filter((p) => KNOWN_IDS.has(at(b.input, p) as string));
      for (const p of refs) await expectRefused(name, withValue(b.input, p, id()), b.actor, `an unknown ${show(p)}`);
    });

    it('refuses "__proto__" keys anywhere', async () => {
      const containers = [[], ...paths(b.input)].filter((p) => {
        const v = at(b.input, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      for (const p of containers) {
        const input = clone(b.input);
        Object.defineProperty(at(input, p), '__proto__', {
          value: { polluted: true, lead_id: WORLD.lead },
          enumerable: true,
          writable: true,
          configurable: true,
        });
        const err = await expectRefused(name, JSON.parse(JSON.stringify(input)), b.actor, `__proto__ in ${show(p)}`, [
          'invalid_input',
        ]);
        expect(err.field).toBe(show([...p, '__proto__']));
      }
      await expectRefused(
        name,
        JSON.parse(`{"__proto__": ${JSON.stringify(b.input)}}`),
        b.actor,
        'everything under __proto__',
        ['invalid_input'],
      );
    });
  });

  it('left the replica exactly as it was, and polluted no prototype', async () => {
    expect(await fingerprint()).toEqual(pristine);
    expect((await store.sql('SELECT count(*) AS n FROM outbox'))[0]).toEqual({ n: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

// AI_FIELDS' ai_insights (shared/ai/annotations.ts) bounds its values' size, not only its keys.
it('refuses a 1 MB string in ai_insights values', async () => {
  const store = await createStore('sqlite');
  try {
    const people = await seedPeople(store);
    await buildWorld(store, people);
    const input = withValue(BASELINES.applyAiAnnotations.input, ['fields', 'ai_insights', 'k'], MB);
    await expect(
      new ReplicaWriter(replicaOf(store), () => people.agent).mutate('applyAiAnnotations', input),
    ).rejects.toBeInstanceOf(AppError);
  } finally {
    await store.close();
  }
});

/** Full-text query syntax in free text: stored as typed, never rejected or rewritten. */
const FTS = ['"', '*', 'NEAR(', 'OR', '-', 'a" OR "b*', 'NEAR(a b, 2) -c', 'x AND NOT y ^z', "'; DROP TABLE leads; --"];

function containsValue(value: unknown, wanted: string): boolean {
  if (value === wanted) return true;
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => containsValue(v, wanted));
  return false;
}

describe('valid input on the replica, with query syntax in every free-text field', () => {
  it.each(MUTATION_NAMES)('%s succeeds, records itself in the outbox and stores the text verbatim', async (name) => {
    const b = BASELINES[name];
    const store = await createStore('sqlite');
    try {
      const people = await seedPeople(store);
      await buildWorld(store, people);
      let input = clone(b.input);
      const texts = b.text.map((p, i) => [p, FTS[i % FTS.length]!] as const);
      for (const [p, v] of texts)
        input = withValue(
          input,
          p
            .split(/\.|\[|\]/)
            .filter(Boolean)
            .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
          v,
        );
      const writer = new ReplicaWriter(replicaOf(store), () => people[b.actor]);
      const { mutation, touched } = await writer.mutate(name, input, { createdAt: FAR });
      expect(await store.sql('SELECT name, args FROM outbox')).toEqual([{ name, args: JSON.stringify(mutation.args) }]);
      const rows = await Promise.all(touched.map((t) => store.get(t.table, t.id)));
      for (const [p, v] of texts)
        expect(
          rows.some((r) => containsValue(r, v)),
          `${p} = ${v}`,
        ).toBe(true);
    } finally {
      await store.close();
    }
  });
});
