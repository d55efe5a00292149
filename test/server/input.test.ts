/**
 * Input the gateway cannot store as sent (a NUL, an unpaired surrogate) is refused naming its
 * field, never a 500 a client would retry forever; and an id another user holds is answered
 * as an unseen record, never "conflict (leads_pkey)".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeadArgs, envelope, results, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
let ann: string; // agent, North
let sam: string; // agent, South
const now = () => new Date(gw.clock.ms).toISOString();

beforeAll(async () => {
  gw = await startTestGateway();
  [ann, sam] = [await gw.signIn('ann@north.test'), await gw.signIn('sam@south.test')];
});
afterAll(async () => {
  await gw?.close();
});

const count = async (table: string) => Number((await gw.q<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
const state = async () => ({
  leads: await count('leads'),
  applied: await count('applied_mutations'),
  ledger: await count('audit_ledger'),
  addresses: await count('addresses'),
});

const NUL = 'a\u0000b';
const LONE_HIGH = 'x\uD800y';
const LONE_LOW = '\uDC00';

describe('unstorable text', () => {
  it('a NUL in the sign-in email is a 400 naming email', async () => {
    for (const email of [`ann${NUL}@north.test`, `ann${LONE_HIGH}@north.test`]) {
      const res = await gw.app.request('/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'whatever password' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', field: 'email' } });
    }
  });

  it("a NUL or unpaired surrogate in an envelope's clientId or name is a 400 naming it; nothing is applied", async () => {
    const before = await state();
    for (const [over, field] of [
      [{ clientId: NUL }, 'mutations[1].clientId'],
      [{ clientId: LONE_HIGH }, 'mutations[1].clientId'],
      [{ name: `createLead${LONE_LOW}` }, 'mutations[1].name'],
      [{ name: `create${NUL}Lead` }, 'mutations[1].name'],
    ] as const) {
      const batch = [
        envelope('createLead', createLeadArgs(), now()),
        { ...envelope('createLead', createLeadArgs(), now()), ...over },
      ];
      const res = await gw.push(ann, batch);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string; message: string } };
      expect(body.error).toMatchObject({ code: 'invalid_input', field });
      expect(body.error.message).toMatch(/cannot be stored/);
    }
    expect(await state()).toEqual(before);
  });

  it('in mutation arguments (values or keys) the mutation is refused naming the field; the batch goes on', async () => {
    const bad = [
      createLeadArgs({ first_name: NUL }),
      createLeadArgs({ last_name: LONE_HIGH }),
      createLeadArgs({ custom_fields: { ok: 'fine', nested: [{ deep: LONE_LOW }] } }),
      createLeadArgs({ custom_fields: { [`k${NUL}`]: 1 } }),
    ];
    const fields = ['first_name', 'last_name', 'custom_fields.nested[0].deep', 'custom_fields.ka\\u0000b'];
    const good = createLeadArgs({ last_name: 'Fine 👍' });
    const batch = [...bad.map((a) => envelope('createLead', a, now())), envelope('createLead', good, now())];
    const answers = await results(await gw.push(ann, batch));
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'ok']);
    answers.slice(0, 4).forEach((a, i) => {
      expect(a).toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: fields[i] } });
    });
    const stored = await gw.q<{ id: string; last_name: string }>('SELECT id, last_name FROM leads WHERE id = ANY($1)', [
      [...bad, good].map((a) => a.id),
    ]);
    expect(stored).toEqual([{ id: good.id, last_name: 'Fine 👍' }]);
    // The refusals are recorded like any other: a retry answers the same.
    expect(await results(await gw.push(ann, batch))).toEqual(answers);
  });
});

describe("another user's ids", () => {
  it('creating a lead or an address with an id someone else holds answers not found, as an unseen record', async () => {
    const lead = createLeadArgs();
    const address = {
      id: crypto.randomUUID(),
      line1: '1 Main St',
      city: 'Springfield',
      state: 'IL',
      postal_code: '62701',
    };
    const mine = await results(
      await gw.push(ann, [envelope('createLead', lead, now()), envelope('upsertAddress', address, now())]),
    );
    expect(mine.map((a) => a.status)).toEqual(['ok', 'ok']);
    const before = await state();

    const answers = await results(
      await gw.push(sam, [
        envelope('createLead', createLeadArgs({ id: lead.id, last_name: 'Intruder' }), now()),
        envelope('upsertAddress', { ...address, line1: '2 Other Rd' }, now()),
        envelope('updateLead', { id: lead.id, patch: { last_name: 'Intruder' } }, now()),
      ]),
    );
    for (const a of answers) {
      expect(a.status).toBe('rejected');
      const { error } = a as Extract<typeof a, { status: 'rejected' }>;
      expect(error).toMatchObject({ code: 'not_found', field: 'id' });
      expect(error.message).not.toMatch(/pkey|conflict|already exists|unique/i);
    }
    expect(await gw.q('SELECT last_name FROM leads WHERE id = $1', [lead.id])).toEqual([{ last_name: 'Lead' }]);
    expect(await gw.q('SELECT line1 FROM addresses WHERE id = $1', [address.id])).toEqual([{ line1: '1 Main St' }]);
    expect((await state()).leads).toBe(before.leads);
  });
});
