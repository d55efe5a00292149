/**
 * Every kind of identifier, planted in notes, communications, tickets, custom fields, the
 * lead's address and its coverage documents, must stay on this machine: the recording server's
 * request bodies are searched for each planted value (every spelling). The model answers with
 * the placeholders it was given, and the answer the agent sees (the result, the record's AI
 * fields, the timeline line) has the real values back.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chat } from '../../electron/main/ai/provider';
import type { AiService } from '../../electron/main/ai/service';
import { Redactor } from '../../shared/ai/redact';
import type { Row } from '../../shared/model/catalogue';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from './fake-openai';
import { autoData, COMM, interactions, makeReplica, makeService, plantLead, type Replica } from './fixtures';

/** Per kind, the spellings planted below: none may appear in a request. */
const PLANTED = {
  vin: ['1HGCM82633A004352', '1hgcm82633a004352', '2T1BURHE0JC043821'],
  phone: ['(555) 867-5309', '555.867.5309', '555-867-5309', '+1 555 867 5309', '5558675309', '+1 512 555 0142'],
  email: ['maria.delgado@example.com', 'mdelgado.work@example.org'],
  address: ['1234 Elm Street', '12 N Main St Apt 4', '4410 Riverside Dr', '4410 riverside dr', '77 West Lake Blvd'],
  ssn: ['123456789', '987654320'],
  passport: ['X1234567', '234567891'],
  mrn: ['00123456', '4455'],
} as const;

let fake: FakeOpenAI;
let rep: Replica;
let ai: AiService;
let leadId: string;

/** Answers with every placeholder the request carried, as a model that refers to them would. */
function echoPlaceholders(req: RecordedRequest) {
  const user = req.body.messages?.[1]?.content ?? '';
  const placeholders = [...new Set(user.match(/\[[A-Z]+_\d+\]/g) ?? [])];
  const list = placeholders.join(' ');
  const draft = (req.body.messages?.[0]?.content ?? '').includes('personalised message');
  return {
    kind: 'answer' as const,
    content: draft
      ? { subject: `About ${placeholders[0]}`, body: `Hi Maria, about ${list}. Best, Jordan`, tone: 'warm' }
      : { summary: `Maria's identifiers: ${list}.`, highlights: [`Call ${placeholders[0]}`], open_questions: [] },
  };
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.fallback = echoPlaceholders;
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.requests.length = 0;
  rep = makeReplica();
  const auto = {
    ...autoData,
    vehicles: [{ ...autoData.vehicles[0]!, garagingAddress: garaging }, autoData.vehicles[1]!],
  };
  const { lead } = await plantLead(rep, {
    custom_fields: {
      'Member ID': '987654320',
      'Passport Number': '234567891',
      'Work email': 'mdelgado.work@example.org',
      'Second car': 'VIN 2T1BURHE0JC043821, cell +1 555 867 5309',
    },
    coverage: [{ column: 'auto_data', version: 2, doc: auto }],
  });
  leadId = lead.id;
  const m = (name: string, args: Record<string, unknown>) => rep.writer.mutate(name, args);
  await m('upsertAddress', {
    line1: '4410 Riverside Dr',
    city: 'Austin',
    state: 'TX',
    postal_code: '78741',
    link: { lead_id: leadId },
  });
  await m('addNote', {
    lead_id: leadId,
    body: 'Cell (555) 867-5309. SSN 123456789 on the form. Lives at 1234 Elm Street, mail to 4410 riverside dr. VIN 1hgcm82633a004352. Passport no. X1234567.',
  });
  await m('logCommunication', {
    lead_id: leadId,
    communication_type_id: COMM.call,
    direction: 'inbound',
    subject: 'Moved',
    body: 'Now at 12 N Main St Apt 4; call back on 555.867.5309 or 5558675309, or write to mdelgado.work@example.org. Her medical record # 4455 for the disability rider.',
    occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
  });
  await m('createTicket', {
    lead_id: leadId,
    subject: 'Form for 555-867-5309',
    description: 'Clinic needs MRN 00123456 and the garaging address 77 West Lake Blvd on the form.',
    issue_type: 'other',
  });
  ai = makeService(rep, fake.url);
});
afterEach(() => rep.close());

const garaging = { line1: '77 West Lake Blvd', city: 'Austin', state: 'TX', postalCode: '78746' };

/** The value as a whole token (not a piece of a longer number), any case. */
const token = (v: string) =>
  new RegExp(`(?<![A-Za-z0-9])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'i');

function expectNothingPlanted(req: RecordedRequest) {
  const raw = JSON.stringify(req.body);
  for (const [kind, values] of Object.entries(PLANTED)) {
    for (const v of values) if (token(v).test(raw)) throw new Error(`${kind} ${v} reached the model server`);
  }
}

/** The real value behind each kind's placeholders in a text the agent sees. */
function expectRestored(text: string) {
  expect(text).not.toMatch(/\[(VIN|PHONE|EMAIL|ADDRESS|SSN|PASSPORT|MRN)_\d+\]/);
  for (const v of ['1HGCM82633A004352', '2T1BURHE0JC043821', 'mdelgado.work@example.org']) {
    expect(text.toLowerCase()).toContain(v.toLowerCase());
  }
  // one number, restored in the spelling the prompt met first
  expect(text).toMatch(/(\+1 )?\(?555\)?[ .-]?867[ .-]?5309/);
  for (const v of ['1234 Elm Street', '12 N Main St Apt 4', '4410 Riverside Dr', '77 West Lake Blvd']) {
    expect(text.toLowerCase()).toContain(v.toLowerCase());
  }
  for (const v of ['123456789', '987654320', 'X1234567', '234567891', '00123456', '4455']) expect(text).toContain(v);
}

describe('identifiers in every free-text field', () => {
  it('a summary sends none of them, one placeholder per value, and stores the answer with the values back', async () => {
    const out = await ai.summarize({ lead_id: leadId });
    const req = fake.requests.at(-1)!;
    expectNothingPlanted(req);
    const user = req.body.messages![1]!.content;
    // the three spellings of one phone number are one placeholder, in the note and the call alike
    const phone = /Cell (\[PHONE_\d+\])/.exec(user)![1]!;
    expect(user).toContain(`call back on ${phone} or ${phone}`);
    for (const p of ['VIN', 'PHONE', 'EMAIL', 'ADDRESS', 'SSN', 'PASSPORT', 'MRN']) expect(user).toMatch(`[${p}_`);
    // ordinary numbers the model needs are still there
    expect(user).toContain('Quoted premium: $2,400');
    expect(user).toContain('2021 Toyota RAV4');

    expectRestored(out.result.summary);
    const lead = rep.db.prepare('SELECT ai_summary, ai_insights FROM leads WHERE id = ?').get(leadId) as Row<'leads'>;
    expectRestored(String(lead.ai_summary));
    expect(String(lead.ai_insights)).not.toMatch(/\[[A-Z]+_\d+\]/);
    const [row] = interactions(rep.db);
    expect(row!.summary).toContain('1234 Elm Street');
    // the audit keeps exactly what left the machine and what came back
    expect(row!.prompt).toContain(user);
    expect(row!.response).toMatch(/\[PHONE_\d+\]/);
    expect(JSON.parse(row!.metadata).redacted).toMatchObject({
      vin: 3,
      phone: 2,
      email: 2,
      address: 4,
      passport: 2,
      mrn: 2,
    });
  });

  it('a draft sends none of them and shows the draft with the values back', async () => {
    const out = await ai.draftMessage({ lead_id: leadId }, { channel: 'email', purpose: 'confirm 1234 Elm Street' });
    expectNothingPlanted(fake.requests.at(-1)!);
    expect(fake.requests.at(-1)!.body.messages![1]!.content).toMatch(/Purpose: confirm \[ADDRESS_\d+\]/);
    expectRestored(out.result.body);
    expect(out.result.subject).not.toMatch(/\[[A-Z]+_\d+\]/);
    expect(interactions(rep.db)[0]!.summary).not.toMatch(/\[[A-Z]+_\d+\]/);
  });

  it('sends a kind left out of the settings as it is, and still redacts the others', async () => {
    ai = makeService(rep, fake.url, { redact: ['ssn', 'passport', 'mrn', 'vin', 'email', 'address'] });
    await ai.summarize({ lead_id: leadId });
    const raw = JSON.stringify(fake.requests.at(-1)!.body);
    expect(raw).toContain('(555) 867-5309');
    for (const v of ['123456789', '1234 Elm Street', 'X1234567', 'mdelgado.work@example.org']) {
      expect(raw).not.toMatch(token(v));
    }
  });

  it('sends placeholders left in an earlier stored summary as [redacted], so they are never mapped to another value', async () => {
    rep.db
      .prepare('UPDATE leads SET ai_summary = ? WHERE id = ?')
      .run('Old summary: her SSN [SSN_1] and phone [PHONE_2] are on file.', leadId);
    const out = await ai.summarize({ lead_id: leadId });
    const user = fake.requests.at(-1)!.body.messages![1]!.content;
    expect(user).toContain('Old summary: her SSN [redacted] and phone [redacted] are on file.');
    expect(out.result.summary).not.toContain('[redacted]');
  });

  it('passes every message through the redactor at the provider, whoever built it', async () => {
    const r = new Redactor();
    fake.enqueue({ kind: 'answer', content: { ok: true } });
    await chat(
      { name: 'Fake', kind: 'openai', baseURL: fake.url, model: 'gpt-test', temperature: null },
      'sk-test',
      {
        system: 'Agency line 555-867-5309.',
        user: 'SSN 123456789, 1234 Elm Street, MRN 00123456.',
        outbound: (text) => r.text(text),
        temperature: null,
        stream: false,
      },
      { timeoutMs: 3000, maxRetries: 0, backoffMs: 5, maxBackoffMs: 100 },
    );
    const [system, user] = fake.requests.at(-1)!.body.messages!;
    expect(system!.content).toBe('Agency line [PHONE_1].');
    expect(user!.content).toBe('SSN [SSN_1], [ADDRESS_1], MRN [MRN_1].');
  });
});
