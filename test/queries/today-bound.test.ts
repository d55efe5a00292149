/**
 * today_ranks' base (migration 0025) with its status's stage weight bounds the local priority from
 * above at every moment the follow-up is overdue: Today stops reading once no unread row can
 * reach the page, so a bound below a real score would drop a lead from the page. Random leads over
 * every signal's thresholds, the base read as the triggers wrote it, scored at many moments.
 */
import { describe, expect, it } from 'vitest';
import { localScore, stageWeight } from '../../shared/ai/local-priority';
import { Rng } from '../../shared/synthetic/prng';
import { createLead, useApp } from './support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('today_ranks base', () => {
  const ctx = useApp();

  it('is never below the score of an overdue follow-up, whatever the status and the moment', async () => {
    const app = ctx.app;
    const rng = new Rng(2516, 3);
    const now = Date.UTC(2026, 5, 15, 12);
    const pick = <T>(a: readonly T[]) => a[rng.int(0, a.length - 1)]!;
    const statuses = app.db.prepare('SELECT id, code, category FROM lead_statuses').all() as Array<{
      id: string;
      code: string;
      category: 'open' | 'won' | 'lost';
    }>;
    const iso = (t: number) => new Date(t).toISOString();
    const template = await createLead(app, { last_name: 'Template' });
    const insert = app.db.prepare(
      `INSERT INTO leads (id, owner_id, status_id, insurance_type_id, last_name, priority, ai_follow_up_priority,
         quoted_premium, next_follow_up_at, last_contacted_at, created_at, updated_at)
       SELECT ?, owner_id, ?, insurance_type_id, 'Bound', ?, ?, ?, ?, ?, ?, ? FROM leads WHERE id = ?`,
    );
    const ids: string[] = [];
    app.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        const id = `0196a874-0000-7000-a000-${String(i).padStart(12, '0')}`;
        const due = now - pick([1, HOUR, DAY - 1, DAY, 9 * DAY, 10 * DAY, 11 * DAY, 40 * DAY]);
        insert.run(
          id,
          pick(statuses).id,
          rng.int(1, 5),
          rng.chance(0.3) ? null : rng.int(1, 5),
          pick([null, 0, 0.5, 999.99, 1000, 2499, 2500, 4999, 5000, 12000, -5]),
          iso(due),
          pick([null, '', 'not a time', iso(due), iso(now - HOUR), iso(now - 14 * DAY), iso(now - 60 * DAY)]),
          pick([iso(now - HOUR), iso(due - HOUR), iso(now - 90 * DAY), iso(now + DAY)]),
          iso(now),
          template.id,
        );
        ids.push(id);
      }
    })();

    const rows = app.db
      .prepare(
        `SELECT r.base, s.code, s.category, l.next_follow_up_at, l.quoted_premium, l.priority, l.ai_follow_up_priority,
           l.last_contacted_at, l.created_at
         FROM today_ranks r JOIN leads l ON l.id = r.lead_id JOIN lead_statuses s ON s.id = l.status_id
         WHERE r.lead_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Array<{
      base: number;
      code: string;
      category: 'open' | 'won' | 'lost';
      next_follow_up_at: string;
      quoted_premium: number | null;
      priority: number;
      ai_follow_up_priority: number | null;
      last_contacted_at: string | null;
      created_at: string;
    }>;
    expect(rows).toHaveLength(ids.length);
    let tight = 0;
    for (const r of rows) {
      const closed = r.category === 'won' || r.category === 'lost';
      const bound = closed ? 0 : Math.min(100, Number(r.base) + stageWeight(r.code));
      const due = Date.parse(r.next_follow_up_at);
      // From just after the follow-up fell due to long after (when every signal has settled).
      for (const late of [1, HOUR, 20 * HOUR, DAY, 2 * DAY, 10 * DAY, 14 * DAY, 42 * DAY, 400 * DAY]) {
        const at = new Date(due + late);
        const score = localScore(
          {
            statusCode: r.code,
            statusCategory: r.category,
            quotedPremium: r.quoted_premium,
            nextFollowUpAt: r.next_follow_up_at,
            lastContactedAt: r.last_contacted_at,
            createdAt: r.created_at,
            manualPriority: Number(r.priority),
            aiPriority: r.ai_follow_up_priority,
          },
          at,
        );
        expect(score, JSON.stringify({ ...r, at })).toBeLessThanOrEqual(bound);
        if (score === bound) tight++;
      }
    }
    // A bound that is reached is as low as it can be: a looser one would still pass the check above.
    expect(tight).toBeGreaterThan(rows.length / 4);
  });
});
