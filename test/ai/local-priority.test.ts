/** The deterministic priority that keeps Today ordered without AI or network. */
import { afterEach, describe, expect, it } from 'vitest';
import { today } from '../../db/queries/today';
import { localPriority, rankByLocalPriority, type LocalPriorityInput } from '../../shared/ai/local-priority';
import { INS, makeReplica, STATUS, type Replica } from './fixtures';

const NOW = new Date('2025-03-12T15:00:00.000Z');
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

const LEADS: Array<LocalPriorityInput & { name: string }> = [
  {
    name: 'contacted today',
    statusCode: 'contacted',
    statusCategory: 'open',
    nextFollowUpAt: hoursFromNow(2),
    lastContactedAt: hoursFromNow(-1),
    firstContactedAt: hoursFromNow(-1),
    createdAt: hoursFromNow(-200),
    manualPriority: 3,
  },
  {
    name: 'lost',
    statusCode: 'lost',
    statusCategory: 'lost',
    nextFollowUpAt: hoursFromNow(-100),
    quotedPremium: 9000,
    createdAt: hoursFromNow(-900),
    manualPriority: 1,
  },
  {
    name: 'overdue negotiation',
    statusCode: 'negotiating',
    statusCategory: 'open',
    quotedPremium: 4200,
    nextFollowUpAt: hoursFromNow(-50),
    lastContactedAt: hoursFromNow(-120),
    createdAt: hoursFromNow(-480),
    manualPriority: 3,
  },
  {
    name: 'nurture',
    statusCode: 'nurture',
    statusCategory: 'open',
    nextFollowUpAt: hoursFromNow(-1),
    createdAt: hoursFromNow(-2000),
    manualPriority: 3,
  },
  {
    name: 'fresh web lead',
    statusCode: 'new',
    statusCategory: 'open',
    nextFollowUpAt: hoursFromNow(-0.5),
    createdAt: hoursFromNow(-0.5),
    manualPriority: 3,
  },
  {
    name: 'quote out',
    statusCode: 'quoted',
    statusCategory: 'open',
    quotedPremium: 1200,
    nextFollowUpAt: hoursFromNow(3),
    createdAt: hoursFromNow(-300),
    manualPriority: 3,
  },
];
const ORDER = ['overdue negotiation', 'fresh web lead', 'quote out', 'nurture', 'contacted today', 'lost'];

describe('localPriority', () => {
  it('orders a day of leads the way an agent would', () => {
    expect(rankByLocalPriority(LEADS, NOW).map((l) => l.name)).toEqual(ORDER);
  });

  it('explains the score with its biggest reasons', () => {
    const p = localPriority(LEADS[2]!, NOW);
    expect(p.reasons).toEqual(['follow-up 2 days overdue', 'stage: negotiating', '$4,200 premium at stake']);
    expect(localPriority(LEADS[4]!, NOW).reasons).toContain('new lead, not contacted yet (speed to lead)');
    expect(localPriority(LEADS[0]!, NOW).reasons).toContain('already contacted today');
    expect(localPriority(LEADS[1]!, NOW)).toEqual({ score: 0, reasons: ['closed as lost'] });
  });

  it('weighs the agent’s priority (1 most urgent) above the AI’s, and an upcoming renewal', () => {
    const base: LocalPriorityInput = {
      statusCode: 'quoted',
      statusCategory: 'open',
      nextFollowUpAt: hoursFromNow(5),
      manualPriority: 3,
    };
    const s = (x: LocalPriorityInput) => localPriority(x, NOW).score;
    expect(s({ ...base, manualPriority: 1 })).toBeGreaterThan(s(base));
    expect(s({ ...base, manualPriority: 5 })).toBeLessThan(s(base));
    expect(s({ ...base, aiPriority: 1 })).toBeGreaterThan(s(base));
    expect(s({ ...base, manualPriority: 1 })).toBeGreaterThan(s({ ...base, aiPriority: 1 }));
    expect(s({ ...base, policyExpirationDate: '2025-03-20' })).toBeGreaterThan(
      s({ ...base, policyExpirationDate: '2025-09-20' }),
    );
    expect(localPriority({ ...base, policyExpirationDate: '2025-03-20' }, NOW).reasons).toContain(
      'current policy renews in 8 days',
    );
  });

  it('stays within 0…100 and ignores what it cannot read', () => {
    const extreme: LocalPriorityInput = {
      statusCode: 'negotiating',
      statusCategory: 'open',
      nextFollowUpAt: '2000-01-01T00:00:00Z',
      quotedPremium: 1e9,
      policyExpirationDate: '2025-03-12',
      manualPriority: 1,
      aiPriority: 1,
      lastContactedAt: '2000-01-01T00:00:00Z',
    };
    expect(localPriority(extreme, NOW).score).toBe(100);
    const junk = localPriority(
      {
        statusCode: 'custom-stage',
        nextFollowUpAt: 'not a date',
        lastContactedAt: '',
        createdAt: null,
        manualPriority: 42,
      },
      NOW,
    );
    expect(junk.score).toBeGreaterThanOrEqual(0);
    expect(junk.reasons).toEqual(['stage: custom-stage']);
    expect(localPriority({}, NOW).score).toBe(10);
  });

  it('is pure and cheap: same answer every time, input untouched, microseconds a lead', () => {
    const copy = structuredClone(LEADS);
    expect(LEADS.map((l) => localPriority(l, NOW))).toEqual(LEADS.map((l) => localPriority(l, NOW)));
    expect(LEADS).toEqual(copy);
    const many = Array.from({ length: 20_000 }, (_, i) => LEADS[i % LEADS.length]!);
    rankByLocalPriority(many.slice(0, 2000), NOW); // warm-up
    const started = performance.now();
    for (const lead of many) localPriority(lead, NOW);
    // ~4 µs a lead on a quiet machine; the bound only catches a pathological change (I/O, Intl, regex storms) on a loaded CI box.
    expect(((performance.now() - started) * 1000) / many.length).toBeLessThan(50);
  });

  it('breaks ties by the earlier follow-up, then the older lead', () => {
    const a = { statusCode: 'quoted', nextFollowUpAt: hoursFromNow(30), createdAt: hoursFromNow(-5), id: 'a' };
    const b = { ...a, nextFollowUpAt: hoursFromNow(20), id: 'b' };
    const c = { ...a, createdAt: hoursFromNow(-50), id: 'c' };
    expect(rankByLocalPriority([a, b, c], NOW).map((x) => x.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('Today on a replica with no network', () => {
  let rep: Replica;
  afterEach(() => rep.close());

  it('orders the due leads sensibly with no AI ever run', async () => {
    rep = makeReplica();
    const now = new Date();
    const at = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
    const make = async (last_name: string, values: Record<string, unknown>, createdAt: string) =>
      (
        (await rep.writer.mutate('createLead', { last_name, insurance_type_id: INS.auto, ...values }, { createdAt }))
          .result as { id: string }
      ).id;
    await make(
      'Overdue',
      { status_id: STATUS.negotiating, quoted_premium: 4200, next_follow_up_at: at(-50) },
      at(-480),
    );
    await make('Fresh', { status_id: STATUS.new, next_follow_up_at: at(-0.5) }, at(-0.5));
    await make('Quoted', { status_id: STATUS.quoted, quoted_premium: 1200, next_follow_up_at: at(3) }, at(-300));
    await make('Nurture', { status_id: STATUS.nurture, next_follow_up_at: at(-1) }, at(-2000));
    const touched = await make('Touched', { status_id: STATUS.new, next_follow_up_at: at(2) }, at(-200));
    await rep.writer.mutate(
      'logCommunication',
      { lead_id: touched, communication_type_id: '00000000-0000-7000-8000-000000003001', occurred_at: at(-1) },
      { createdAt: at(-1) },
    );
    await make(
      'Lost',
      { status_id: STATUS.lost, quoted_premium: 9000, next_follow_up_at: at(-100), priority: 1 },
      at(-900),
    );

    const rows = today(rep.db, { scope: 'team', until: at(24), limit: 100 }, now, 'nobody').items;
    expect(rows.map((r) => r.name)).toEqual(['Overdue', 'Fresh', 'Quoted', 'Nurture', 'Touched', 'Lost']);
    expect(rows[0]!.reasons[0]).toBe('follow-up 2 days overdue');
    expect(rows.at(-1)!.score).toBe(0);
    expect(rep.db.prepare('SELECT COUNT(*) AS n FROM ai_interactions').get()).toEqual({ n: 0 });
  });
});
