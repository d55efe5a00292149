/** The book of business from the command line: policies, terms, renewals and X-dates, as JSON. */
import { z } from 'zod';
import type { Lookups } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { POLICY_STATUSES } from '../../shared/model/tables/policies';
import type { FieldlineApp } from '../../electron/main/app';
import { dbOption, intOption, parseOptions } from '../args';
import { call, typeId, withReplica } from './replica';

const date = (flag: string) => z.iso.date({ error: `--${flag} YYYY-MM-DD is required` });

/** A carrier by name (or NAIC code), case-insensitively, from the replica's carriers lookup. */
async function carrierId(app: FieldlineApp, name: string): Promise<string> {
  const { carriers } = (await call(app, 'lookups.get', {})) as Lookups;
  const v = name.trim().toLowerCase();
  const found = carriers.find((c) => !c.deleted_at && (c.name.toLowerCase() === v || c.naic_code === v));
  if (!found) throw new AppError('not_found', `unknown carrier "${name}"`, 'carrier_id');
  return found.id;
}

async function mutate(app: FieldlineApp, name: string, args: unknown) {
  return ((await call(app, 'mutate', { name, args })) as { result: unknown }).result;
}

export async function policiesCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      client: z.string().optional(),
      status: z.enum(POLICY_STATUSES).optional(),
      limit: intOption(1, 500).default(100),
    }),
  );
  return withReplica(o.db, false, (app) =>
    call(app, 'policies.list', { client_id: o.client, status: o.status, limit: o.limit }),
  );
}

export async function addPolicyCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      client: z.string({ error: '--client ID is required' }),
      carrier: z.string({ error: '--carrier NAME is required' }),
      line: z.string({ error: '--line NAME is required' }),
      number: z.string({ error: '--number NO is required' }),
      effective: date('effective'),
      expires: date('expires'),
      premium: z.coerce.number({ error: '--premium N is required' }),
      commission: z.coerce.number().optional(),
    }),
  );
  return withReplica(o.db, false, async (app) =>
    mutate(app, 'addPolicy', {
      client_id: o.client,
      carrier_id: await carrierId(app, o.carrier),
      insurance_type_id: typeId(o.line),
      policy_number: o.number,
      effective_date: o.effective,
      expiration_date: o.expires,
      written_premium: o.premium,
      commission_rate: o.commission,
    }),
  );
}

/** Renews a term and prints the new one. */
export async function renewCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      policy: z.string({ error: '--policy ID is required' }),
      premium: z.coerce.number({ error: '--premium N is required' }),
    }),
  );
  return withReplica(o.db, false, (app) =>
    mutate(app, 'renewPolicy', { policy_id: o.policy, written_premium: o.premium }),
  );
}

export async function renewalsCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({ db: dbOption, days: intOption(1, 730).default(60), limit: intOption(1, 500).default(50) }),
  );
  return withReplica(o.db, false, (app) => call(app, 'policies.renewals', { days: o.days, limit: o.limit }));
}

export async function xdatesCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({ db: dbOption, days: intOption(1, 730).default(60), limit: intOption(1, 500).default(50) }),
  );
  return withReplica(o.db, false, (app) => call(app, 'policies.xdates', { days: o.days, limit: o.limit }));
}

/** Converts a lead; with --carrier (and --policy-number, --effective) it also writes the first term. */
export async function convertCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      lead: z.string({ error: '--lead ID is required' }),
      carrier: z.string().optional(),
      'policy-number': z.string().optional(),
      effective: z.iso.date({ error: '--effective is a date (YYYY-MM-DD)' }).optional(),
    }),
  );
  return withReplica(o.db, false, async (app) =>
    mutate(app, 'convertLead', {
      lead_id: o.lead,
      ...(o.carrier ? { carrier_id: await carrierId(app, o.carrier) } : {}),
      ...(o['policy-number'] ? { policy_number: o['policy-number'] } : {}),
      ...(o.effective ? { effective_date: o.effective } : {}),
    }),
  );
}
