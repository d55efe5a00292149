/**
 * Today with a learned model and its chances stored in today_ranks (SQLite migration 0028,
 * electron/main/score/lead-chances.ts) equals a recomputation that scores every open follow-up
 * with the model's chance asked now (today-reference.ts): before any chance is filled in, half
 * filled, filled, after random changes to every fact a chance is read from (before and after
 * the refresh), after a retrain, after a model stored without the refresh knowing, and after a
 * rebuild of the derived state. Every stored chance equals the model's for the lead as it is now
 * (or Today does not trust them), and with all of them stored an overdue page asks the model for
 * its own rows only. The app's background refresh fills them in and follows the change feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today, type LearnedChances } from '../../db/queries/today';
import { rebuildDerived, suspendDerived } from '../../db/sqlite/derived';
import type { ReplicaDb } from '../../db/sqlite/open';
import { changeFeed } from '../../db/sqlite/change-feed';
import { ReplicaWriter } from '../../db/sqlite/writer';
import type { Actor } from '../../shared/mutations/define';
import { refreshAllLeadChances, refreshLeadChances, startLeadChances } from '../../electron/main/score/lead-chances';
import { chancePercents, learnedChances, loadLeadModel, trainLeadScore } from '../../electron/main/score/lead-score';
import { saveModel } from '../../electron/main/score/model-store';
import { Rng } from '../../shared/synthetic/prng';
import { seedAgencyInto } from '../unit/score/seed-agency';
import { reference } from './today-reference';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
let db: ReplicaDb;

beforeAll(async () => {
  db = await seedAgencyInto(1500, 16);
}, 240_000);
afterAll(() => db?.close());

const ids = (sql: string, ...args: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .all(...args) as string[];
const nulls = () => db.prepare('SELECT count(*) FROM today_ranks WHERE chance IS NULL').pluck().get() as number;

/** A copy of one of `table`'s rows under a new id, with `set` overriding some columns (as sync would insert one). */
function clone(table: string, fromId: string, newId: string, set: Record<string, unknown>) {
  const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter(
    (c) => c !== 'id' && !(c in set),
  );
  const names = ['id', ...Object.keys(set), ...cols].map((c) => `"${c}"`).join(', ');
  const values = ['?', ...Object.keys(set).map(() => '?'), ...cols.map((c) => `"${c}"`)].join(', ');
  db.prepare(`INSERT INTO "${table}" (${names}) SELECT ${values} FROM "${table}" WHERE id = ?`).run(
    newId,
    ...Object.values(set),
    fromId,
  );
}

describe('Today with stored learned chances', () => {
  it('is the page scoring every follow-up gives, through refreshes, changes, retrains and a rebuild', async () => {
    const rng = new Rng(2816, 5);
    const pick = <T>(a: readonly T[]) => a[rng.int(0, a.length - 1)]!;
    const owners = ids(
      `SELECT owner_id FROM today_ranks WHERE next_follow_up_at < ? GROUP BY owner_id ORDER BY count(*) DESC, owner_id`,
      NOW.toISOString(),
    );
    const busiest = owners[0]!;
    const statuses = db.prepare('SELECT id, category FROM lead_statuses').all() as Array<{
      id: string;
      category: string;
    }>;
    const open = statuses.filter((s) => s.category === 'open').map((s) => s.id);
    const closed = statuses.filter((s) => s.category !== 'open').map((s) => s.id);
    let asked = 0;

    const check = (label: string, expectStored: boolean) => {
      const model = loadLeadModel(db)!;
      const learned = learnedChances(db)!;
      expect(learned.stored, `${label}: stored`).toBe(expectStored);
      if (learned.stored) {
        // Every chance kept is the model's for the lead as it is now: a missed trigger shows here.
        const kept = db.prepare('SELECT lead_id, chance FROM today_ranks WHERE chance IS NOT NULL').all() as Array<{
          lead_id: string;
          chance: number;
        }>;
        const now = chancePercents(
          db,
          model,
          kept.map((k) => k.lead_id),
        );
        expect(
          kept.filter((k) => now.get(k.lead_id)?.chance !== k.chance).map((k) => k.lead_id),
          `${label}: stale chances kept`,
        ).toEqual([]);
        // Each kept with its main factor (migration 0029): the first of the model's factors for the lead now.
        const factors = db
          .prepare('SELECT lead_id, chance_factor FROM today_ranks WHERE chance IS NOT NULL')
          .raw()
          .all() as Array<[string, number | null]>;
        const asNow = learned.ask(factors.map(([id]) => id));
        expect(
          factors
            .filter(([id, code]) => {
              const open = asNow.get(id);
              // A lead whose status is closed gets no chance from ask (nor at read time): nothing to compare.
              return open !== undefined && learned.factor(code ?? -999) !== (open.factors[0]?.text ?? null);
            })
            .map(([id]) => id),
          `${label}: stored factors unlike the model's`,
        ).toEqual([]);
        expect(
          factors.filter(([, code]) => code === null),
          `${label}: chances kept without a factor`,
        ).toEqual([]);
      }
      const live = learned.ask(ids('SELECT lead_id FROM today_ranks'));
      const counted: LearnedChances = {
        ...learned,
        ask: (list) => {
          asked += list.length;
          return learned.ask(list);
        },
      };
      const until = new Date(NOW.getTime() + 2 * DAY).toISOString();
      const cases: Array<{ owner: string | null; limit: number; until: string }> = [
        { owner: busiest, limit: 100, until: NOW.toISOString() },
        { owner: busiest, limit: 5, until: NOW.toISOString() },
        { owner: owners[1]!, limit: 40, until },
        { owner: null, limit: 30, until: NOW.toISOString() },
        { owner: null, limit: 60, until },
      ];
      for (const c of cases) {
        const q = c.owner === null ? { scope: 'team' as const } : { scope: 'mine' as const, owner_id: c.owner };
        asked = 0;
        const got = today(db, { ...q, limit: c.limit, until: c.until }, NOW, 'nobody', counted);
        const want = reference(db, c.owner, c.limit, NOW, c.until, (id) => live.get(id));
        expect(got, `${label}: ${JSON.stringify(c)}`).toEqual(want);
        expect(got.items.length).toBeGreaterThan(0);
      }
    };

    trainLeadScore(db, NOW);
    // Stored: named for this model, but none filled in yet (each counts as 100%).
    expect(nulls()).toBeGreaterThan(300);
    check('trained, none filled', true);
    refreshLeadChances(db, loadLeadModel(db)!, 150);
    check('some filled', true);
    refreshAllLeadChances(db, loadLeadModel(db)!);
    expect(nulls()).toBe(0);
    check('all filled', true);
    // An overdue page asks the model for nothing (its reasons name the stored factors); counting every
    // chance as 100% asked for many.
    asked = 0;
    const page = { scope: 'mine' as const, owner_id: busiest, limit: 20, until: NOW.toISOString() };
    expect(
      today(db, page, NOW, 'nobody', { ...learnedChances(db)!, ask: count(learnedChances(db)!) }).items,
    ).toHaveLength(20);
    expect(asked).toBe(0);
    asked = 0;
    today(db, page, NOW, 'nobody', { ...learnedChances(db)!, ask: count(learnedChances(db)!), stored: false });
    expect(asked).toBeGreaterThan(40);

    // Random changes to every fact a chance reads, as sync applies them.
    const leads = ids('SELECT lead_id FROM today_ranks ORDER BY lead_id');
    const note = ids('SELECT id FROM lead_notes LIMIT 1')[0]!;
    const comm = ids('SELECT id FROM lead_communications LIMIT 1')[0]!;
    const person = ids('SELECT id FROM contacts WHERE lead_id IS NOT NULL LIMIT 1')[0]!;
    const source = ids('SELECT DISTINCT source FROM leads WHERE source IS NOT NULL');
    const types = ids('SELECT id FROM insurance_types');
    const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
    for (let step = 0; step < 240; step++) {
      const lead = pick(leads);
      const id = `0196b000-0000-7000-8000-${String(step).padStart(12, '0')}`;
      switch (rng.int(0, 11)) {
        case 0:
          run('UPDATE leads SET email = ? WHERE id = ?', rng.chance(0.5) ? null : `x${step}@example.com`, lead);
          break;
        case 1:
          run(
            'UPDATE leads SET phone = ?, source = ? WHERE id = ?',
            rng.chance(0.5) ? null : '555',
            pick(source),
            lead,
          );
          break;
        case 2:
          run('UPDATE leads SET priority = ?, insurance_type_id = ? WHERE id = ?', rng.int(1, 5), pick(types), lead);
          break;
        case 3:
          run(
            'UPDATE leads SET quoted_premium = ?, current_premium = ? WHERE id = ?',
            rng.int(0, 9000),
            rng.int(0, 9000),
            lead,
          );
          break;
        case 4:
          run('UPDATE leads SET owner_id = ? WHERE id = ?', pick(owners), lead);
          break;
        case 5:
          clone('lead_notes', note, id, { lead_id: lead });
          break;
        case 6:
          clone('lead_communications', comm, id, { lead_id: lead });
          break;
        case 7:
          clone('contacts', person, id, { lead_id: lead, client_id: null, deleted_at: null });
          break;
        case 8: {
          const gone = ids('SELECT id FROM lead_notes WHERE lead_id = ? LIMIT 1', lead)[0];
          if (gone) run('DELETE FROM lead_notes WHERE id = ?', gone);
          break;
        }
        case 9: {
          const who = ids('SELECT id FROM contacts WHERE lead_id = ? AND deleted_at IS NULL LIMIT 1', lead)[0];
          if (who) run('UPDATE contacts SET deleted_at = ? WHERE id = ?', NOW.toISOString(), who);
          break;
        }
        case 10:
          // A status of the other kind (closed leads keep their row and get no chance at read time), or back.
          run('UPDATE leads SET status_id = ? WHERE id = ?', rng.chance(0.3) ? pick(closed) : pick(open), lead);
          break;
        case 11:
          run(
            'UPDATE leads SET next_follow_up_at = ? WHERE id = ?',
            new Date(NOW.getTime() + rng.int(-40, 3) * DAY + rng.int(0, DAY)).toISOString(),
            lead,
          );
          break;
      }
      if (step % 60 === 59) {
        check(`step ${step}, before the refresh`, true);
        refreshLeadChances(db, loadLeadModel(db)!, 40);
        check(`step ${step}, partly refreshed`, true);
      }
    }
    refreshAllLeadChances(db, loadLeadModel(db)!);
    check('changed, refreshed', true);

    // A retrain (more outcomes, another day): every chance is stale at once, then filled with the new model's.
    const before = loadLeadModel(db)!;
    for (const lead of leads.slice(0, 120)) run('UPDATE leads SET status_id = ? WHERE id = ?', pick(closed), lead);
    trainLeadScore(db, new Date(NOW.getTime() + DAY));
    expect(loadLeadModel(db)!.trained_at).not.toBe(before.trained_at);
    expect(db.prepare('SELECT count(*) FROM today_ranks WHERE chance IS NOT NULL').pluck().get()).toBe(0);
    check('retrained', true);
    refreshLeadChances(db, loadLeadModel(db)!, 200);
    check('retrained, some filled', true);
    refreshAllLeadChances(db, loadLeadModel(db)!);

    // A model stored by other means (an older version of the app): the chances kept are not trusted until refreshed.
    const other = structuredClone(loadLeadModel(db)!);
    other.trained_at = new Date(NOW.getTime() + 2 * DAY).toISOString();
    other.weights = other.weights.map((w, i) => (i % 2 ? -w : w));
    saveModel(db, 'score.lead_model', other, NOW);
    check('model swapped', false);
    refreshLeadChances(db, loadLeadModel(db)!, 100);
    check('model swapped, some filled', true);
    refreshAllLeadChances(db, loadLeadModel(db)!);

    // A first sync or bulk load sets the triggers aside and rebuilds today_ranks: no chance survives it.
    suspendDerived(db);
    for (const lead of leads.slice(200, 260)) run('UPDATE leads SET priority = ?, email = NULL WHERE id = ?', 1, lead);
    clone('lead_notes', note, '0196b000-0000-7000-9000-000000000001', { lead_id: leads[300] });
    await rebuildDerived(db, async () => {});
    expect(db.prepare('SELECT count(*) FROM today_ranks WHERE chance IS NOT NULL').pluck().get()).toBe(0);
    check('rebuilt', true);
    refreshAllLeadChances(db, loadLeadModel(db)!);
    check('rebuilt, refreshed', true);

    function count(learned: LearnedChances): LearnedChances['ask'] {
      return (list) => {
        asked += list.length;
        return learned.ask(list);
      };
    }
  }, 120_000);

  it('are filled in by the app in the background, and again after a change it hears of', async () => {
    trainLeadScore(db, new Date(NOW.getTime() + 3 * DAY));
    expect(nulls()).toBeGreaterThan(300);
    const writer = new ReplicaWriter(db, () => ({ userId: 'nobody' }) as Actor);
    const changes = changeFeed(db);
    const stop = startLeadChances(db, writer, changes);
    // Waits on the replica's state, not a clock: the refresh debounces and goes piece by piece.
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(done()).toBe(true);
    };
    try {
      await until(() => nulls() === 0);
      const lead = ids('SELECT lead_id FROM today_ranks LIMIT 1')[0]!;
      db.prepare('UPDATE leads SET email = NULL, phone = NULL WHERE id = ?').run(lead);
      expect(nulls()).toBe(1);
      changes.emit(['leads'], 'sync');
      await until(() => nulls() === 0);
      expect(learnedChances(db)!.stored).toBe(true);
    } finally {
      stop();
    }
  }, 60_000);
});
