/** Replicas with planted sensitive data, and helpers to look at what AI requests stored. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';
import { ReplicaWriter } from '../../db/sqlite/writer';
import { createAiService, type AiServiceDeps } from '../../electron/main/ai/service';
import { saveAiSettings, type AiSettingsInput } from '../../electron/main/ai/settings';
import { uuidv7 } from '../../shared/ids';
import { communicationTypeByCode, insuranceTypeByCode, statusByCode } from '../../shared/lookups';
import type { Row } from '../../shared/model/catalogue';
import type { Actor } from '../../shared/mutations/define';

export interface Replica {
  db: ReplicaDb;
  writer: ReplicaWriter;
  actor: Actor;
  path: string;
  close(): void;
}

/** A fresh replica file with one agent, who is also the CLI's local user. */
export function makeReplica(): Replica {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-ai-'));
  const path = join(dir, 'replica.db');
  const db = openReplica(path);
  const actor: Actor = { userId: uuidv7(), teamId: null, role: 'agent' };
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO users (id, email, full_name, role, created_at, updated_at) VALUES (?, ?, 'Jordan Agent', 'agent', ?, ?)`,
  ).run(actor.userId, `jordan-${actor.userId.slice(-6)}@agency.test`, now, now);
  db.prepare(`INSERT INTO local_settings (key, value, updated_at) VALUES ('local_user', ?, ?)`).run(
    JSON.stringify(actor),
    now,
  );
  const writer = new ReplicaWriter(db, () => actor);
  return { db, writer, actor, path, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

export const INS = {
  auto: insuranceTypeByCode('auto').id,
  home: insuranceTypeByCode('home').id,
  bop: insuranceTypeByCode('bop').id,
};
export const STATUS = {
  new: statusByCode('new').id,
  quoted: statusByCode('quoted').id,
  negotiating: statusByCode('negotiating').id,
  nurture: statusByCode('nurture').id,
  lost: statusByCode('lost').id,
};
export const COMM = {
  call: communicationTypeByCode('call').id,
  email: communicationTypeByCode('email').id,
  sms: communicationTypeByCode('sms').id,
};

/** Every spelling of every planted secret: none of these may reach the model server. */
export const SECRETS = [
  '078-05-1120',
  '078 05 1120',
  '078051120',
  '4111 1111 1111 1111',
  '4111111111111111',
  '5555 5555 5555 4444',
  '5555555555554444',
  'D4829175',
  'L7730012',
  '1984-03-07',
  '03/07/1984',
  '3/7/1984',
  '1982-11-20',
  '11/20/1982',
  '021000021',
  '000123456789',
];

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

export const autoData = {
  vehicles: [
    {
      year: 2021,
      make: 'Toyota',
      model: 'RAV4',
      vin: '1HGCM82633A004352',
      usage: 'commute',
      annualMileage: 14000,
      ownership: 'financed',
    },
    { year: 2018, make: 'Honda', model: 'Odyssey', vin: '1M8GDM9AXKP042788', usage: 'personal', primaryDriverIndex: 1 },
  ],
  drivers: [
    {
      firstName: 'Maria',
      lastName: 'Delgado',
      dateOfBirth: '1984-03-07',
      licenseState: 'TX',
      licenseNumber: 'D4829175',
      relationship: 'self',
      violations: [],
    },
    {
      firstName: 'Luis',
      lastName: 'Delgado',
      dateOfBirth: '1982-11-20',
      licenseState: 'TX',
      licenseNumber: 'L7730012',
      relationship: 'spouse',
      violations: [{ date: '2023-04-02', kind: 'speeding' }],
    },
  ],
};

export const homeData = {
  yearBuilt: 1998,
  squareFeet: 2200,
  construction: 'frame',
  roofType: 'architectural_shingle',
  roofYear: 2019,
  stories: 2,
  occupancy: 'owner',
  features: { pool: true },
  priorClaims: [],
  coverageA: 410000,
  deductible: 2500,
};

/**
 * Maria Delgado, a quoted auto + home lead with no umbrella, whose notes, emails and tickets
 * carry an SSN, card numbers, license numbers, dates of birth and bank details.
 */
export async function plantLead(rep: Replica, values: Record<string, unknown> = {}) {
  const m = async <T = Record<string, unknown>>(name: string, args: Record<string, unknown>, at?: string) =>
    (await rep.writer.mutate(name, args, at ? { createdAt: at } : {})).result as T;
  const lead = await m<Row<'leads'>>(
    'createLead',
    {
      first_name: 'Maria',
      last_name: 'Delgado',
      email: 'maria.delgado@example.com',
      phone: '+1 512 555 0142',
      date_of_birth: '1984-03-07',
      insurance_type_id: INS.auto,
      status_id: STATUS.quoted,
      quoted_premium: 2400,
      current_carrier: 'Acme Mutual',
      current_premium: 2650,
      policy_expiration_date: daysAgo(-30).slice(0, 10),
      coverage: [
        { column: 'auto_data', version: 2, doc: autoData },
        { column: 'home_data', version: 1, doc: homeData },
      ],
      ...values,
    },
    daysAgo(20),
  );
  const oldNote = await m<Row<'lead_notes'>>(
    'addNote',
    {
      lead_id: lead.id,
      body: 'First call. Her SSN is 078-05-1120, DOB 03/07/1984. Paid the deposit with card 4111 1111 1111 1111.',
    },
    daysAgo(12),
  );
  const midNote = await m<Row<'lead_notes'>>(
    'addNote',
    {
      lead_id: lead.id,
      body: 'Her license D4829175 was renewed. Autopay from routing 021000021 account 000123456789. Luis was born 11/20/1982.',
    },
    daysAgo(6),
  );
  const newNote = await m<Row<'lead_notes'>>(
    'addNote',
    {
      lead_id: lead.id,
      body: 'Latest: wants the bundle quote before the Acme renewal; asked about a pool liability limit.',
    },
    daysAgo(1),
  );
  const email = await m<Row<'lead_communications'>>(
    'logCommunication',
    {
      lead_id: lead.id,
      communication_type_id: COMM.email,
      direction: 'inbound',
      subject: 'Re: your quote',
      body: 'Thanks! The price looks great but I am worried about the deductible. My social security number 078 05 1120 if you need it. Can we talk Thursday?',
      occurred_at: daysAgo(2),
    },
    daysAgo(2),
  );
  const opp = await m<Row<'opportunities'>>(
    'createOpportunity',
    {
      lead_id: lead.id,
      name: 'Auto + Home bundle',
      insurance_type_id: INS.home,
      amount: 3100,
      stage: 'proposal',
      carrier: 'Acme Mutual',
    },
    daysAgo(3),
  );
  const ticket = await m<Row<'support_tickets'>>(
    'createTicket',
    {
      lead_id: lead.id,
      subject: 'Charged twice',
      description: 'I was charged twice on card 5555 5555 5555 4444 this morning. Please refund one of them today.',
      issue_type: 'other',
    },
    daysAgo(1),
  );
  await m(
    'setMarketingSettings',
    {
      lead_id: lead.id,
      settings: {
        email_opt_in: true,
        sms_opt_in: false,
        preferred_channel: 'email',
        preferred_tone: 'friendly and brief',
      },
    },
    daysAgo(1),
  );
  return { lead, oldNote, midNote, newNote, email, opp, ticket };
}

/** Saves AI settings pointing at the fake server (fast retries) and makes a service over the replica. */
export function makeService(
  rep: Replica,
  url: string,
  settings: AiSettingsInput = {},
  deps: Partial<AiServiceDeps> = {},
) {
  saveAiSettings(rep.db, {
    remote: { name: 'Fake OpenAI', baseURL: url, model: 'gpt-test' },
    backoffMs: 5,
    timeoutMs: 3000,
    maxRetries: 2,
    ...settings,
  });
  return createAiService({
    db: rep.db,
    writer: rep.writer,
    actor: () => rep.actor,
    getApiKey: async () => 'sk-test-secret',
    ...deps,
  });
}

export function interactions(db: ReplicaDb) {
  return db.prepare('SELECT * FROM ai_interactions ORDER BY created_at, id').all() as Array<
    Row<'ai_interactions'> & { metadata: string }
  >;
}

export function outboxNames(db: ReplicaDb): string[] {
  return (db.prepare('SELECT name FROM outbox ORDER BY seq').all() as Array<{ name: string }>).map((r) => r.name);
}

/** The AI columns of a row, to show that a failure changed none of them. */
export function aiColumns(db: ReplicaDb, table: string, id: string): Record<string, unknown> {
  const row = db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith('ai_') || k === 'updated_at'));
}

export function expectNoSecrets(text: string) {
  const leaked = SECRETS.filter((s) => text.includes(s));
  if (leaked.length) throw new Error(`secrets reached the model server: ${leaked.join(', ')}`);
}
