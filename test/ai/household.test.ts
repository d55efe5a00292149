/**
 * A client's prompt carries the policies in force of the whole household: cross-sell does not
 * offer a line a spouse already holds, and risk sees the premium change at renewal and the tenure.
 * The real OpenAI SDK against the loopback fake server, on a real SQLite replica.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiService } from '../../electron/main/ai/service';
import { insuranceTypeByCode } from '../../shared/lookups';
import { ANSWERS } from './answers';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { interactions, makeReplica, makeService, type Replica } from './fixtures';

let fake: FakeOpenAI;
let rep: Replica;
let ai: AiService;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  rep = makeReplica();
  ai = makeService(rep, fake.url);
});
afterEach(() => rep.close());

const user = () => fake.requests.at(-1)!.body.messages![1]!.content;

async function client(first: string, last: string): Promise<string> {
  const id = randomUUID();
  await rep.writer.mutate('createClient', { id, client_type: 'individual', first_name: first, last_name: last });
  return id;
}

async function policy(clientId: string, line: string, premium: number, effective: string): Promise<string> {
  const carrier = rep.db.prepare('SELECT id FROM carriers ORDER BY name LIMIT 1').get() as { id: string };
  const id = randomUUID();
  const year = Number(effective.slice(0, 4));
  await rep.writer.mutate('addPolicy', {
    id,
    client_id: clientId,
    carrier_id: carrier.id,
    insurance_type_id: insuranceTypeByCode(line).id,
    policy_number: `${line.toUpperCase()}-${id.slice(0, 6)}`,
    effective_date: effective,
    expiration_date: `${year + 1}${effective.slice(4)}`,
    written_premium: premium,
  });
  return id;
}

/** Ana holds auto (renewed twice, +12% the last time); Ben, in her household, holds home. */
async function household() {
  const ana = await client('Ana', 'Garcia');
  const ben = await client('Ben', 'Garcia');
  const first = await policy(ana, 'auto', 1000, '2024-01-15');
  const second = randomUUID();
  await rep.writer.mutate('renewPolicy', { policy_id: first, new_policy_id: second, written_premium: 1000 });
  await rep.writer.mutate('renewPolicy', { policy_id: second, new_policy_id: randomUUID(), written_premium: 1120 });
  await policy(ben, 'home', 1500, '2025-06-01');
  await rep.writer.mutate('setHousehold', {
    client_id: ana,
    new_household: { id: randomUUID(), name: 'Garcia family', household_type: 'family' },
  });
  const { household_id } = rep.db.prepare('SELECT household_id FROM clients WHERE id = ?').get(ana) as {
    household_id: string;
  };
  await rep.writer.mutate('setHousehold', { client_id: ben, household_id });
  return { ana, ben };
}

describe('the household in a client’s prompt', () => {
  it('cross-sell sees the household’s lines: home held by a member is no gap, umbrella over both is', async () => {
    const { ana } = await household();
    fake.enqueue({ kind: 'answer', content: ANSWERS['cross-sell'] });
    const out = await ai.crossSell({ client_id: ana });
    expect(out.interaction_id).toBeTruthy();
    const prompt = user();
    expect(prompt).toContain('## POLICIES IN FORCE (the client and their household)');
    expect(prompt).toMatch(
      /- This client: auto with .+ \(active, direct bill\); premium \$1,120 \(\+12\.0% at the last renewal\); term 3 since 2024-01-15/,
    );
    expect(prompt).toMatch(/- Household member: home with .+; premium \$1,500 \(first term\); term 1 since 2025-06-01/);
    expect(prompt).toContain('- umbrella: has auto and home liability but no umbrella');
    expect(prompt).not.toContain('- home: auto without a home');
    // The other member is named only by relation.
    expect(prompt).not.toContain('Ben');
  });

  it('risk is asked to weigh the renewal signals, and a client outside any household sees only their own terms', async () => {
    const ana = await client('Ana', 'Lopez');
    await policy(ana, 'auto', 900, '2025-02-01');
    const other = await client('Carl', 'Other');
    await policy(other, 'home', 2000, '2025-02-01');
    fake.enqueue({ kind: 'answer', content: ANSWERS.risk });
    const out = await ai.assessRisk({ client_id: ana });
    expect(out.interaction_id).toBeTruthy();
    expect(fake.requests.at(-1)!.body.messages![0]!.content).toContain('premium increases at the last renewal');
    const prompt = user();
    expect(prompt).toContain('- This client: auto');
    expect(prompt).not.toContain('Household member');
    expect(prompt).not.toContain('Carl');
  });
});

describe('retention risk of a policy term', () => {
  it('sends the term, its renewal change and tenure, tickets and contact recency; stores risk and reasons on the term', async () => {
    const { ana } = await household();
    await rep.writer.mutate('createTicket', { client_id: ana, subject: 'Why did my auto premium go up?' });
    const term = rep.db.prepare("SELECT id FROM policies WHERE client_id = ? AND status = 'active'").get(ana) as {
      id: string;
    };
    fake.enqueue({ kind: 'answer', content: ANSWERS.retention });
    const out = await ai.run('retention', { policy: term.id });
    expect(out.result.retention_risk).toBe(62);
    const request = fake.requests.at(-1)!;
    expect(request.body.response_format?.type).toBe('json_schema');
    expect(request.body.messages![0]!.content).toContain('retention risk of the policy term marked FOCUS');
    const prompt = user();
    const focus = prompt.slice(prompt.indexOf('## FOCUS: the policy term to assess'));
    expect(focus).toMatch(
      /- This client: auto with .+; premium \$1,120 \(\+12\.0% at the last renewal\); term 3 since 2024-01-15/,
    );
    expect(focus).toContain('Service tickets: 1 open or pending, 1 on file');
    expect(focus).toContain('Last contact:');
    // The household's other lines are in the prompt too.
    expect(prompt).toContain('- Household member: home');
    const stored = rep.db
      .prepare('SELECT ai_retention_risk, ai_retention_reasons, ai_updated_at FROM policies WHERE id = ?')
      .get(term.id) as { ai_retention_risk: number; ai_retention_reasons: string; ai_updated_at: string | null };
    expect(stored.ai_retention_risk).toBe(62);
    expect(JSON.parse(stored.ai_retention_reasons)).toEqual(ANSWERS.retention.reasons);
    expect(stored.ai_updated_at).not.toBeNull();
    expect(interactions(rep.db)[0]).toMatchObject({ client_id: ana, type: 'risk', status: 'ok' });
  });

  it('refuses an unknown policy, naming it, and sends nothing', async () => {
    const before = fake.requests.length;
    await expect(ai.run('retention', { policy: randomUUID() })).rejects.toMatchObject({ field: 'policy' });
    await expect(ai.run('retention', {})).rejects.toMatchObject({ field: 'policy' });
    expect(fake.requests.length).toBe(before);
  });
});
