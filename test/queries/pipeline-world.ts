/**
 * The Leads screen tests' world: 31 leads over three owners with NULLs and ties in every sort,
 * some converted, one deleted, and the model each test checks the replica's answers against.
 */
import { beforeAll } from 'vitest';
import type { PipelineQuery } from '../../shared/api/inputs';
import { autoV1 } from '../unit/coverage/fixtures';
import { addUser, call, createLead, INS, mutate, STATUS, useApp } from './support';

export interface Model {
  id: string;
  last_name: string | null;
  status: string;
  type: string;
  owner: string;
  tags: string[];
  custom: Record<string, string | number | boolean>;
  make: string | null;
  converted: boolean;
  deleted: boolean;
  name: string;
  xdate: string | null;
}

const N = 31;
const LAST = ['Adams', 'Baker', 'Baker', 'Clark', 'Zhou', 'adams'];
const TYPES = [INS.auto, INS.home, INS.life];
export const STATUSES = [STATUS.new, STATUS.contacted, STATUS.quoted, STATUS.qualified];

/** Registers the app and the world's beforeAll in the calling test file. */
export function usePipelineWorld() {
  const ctx = useApp();
  const model: Model[] = [];
  const owners: string[] = [];

  beforeAll(async () => {
    const app = ctx.app;
    owners.push(app.actor().userId, addUser(app, 'Avery Agent'), addUser(app, 'Blake Broker'));
    for (let i = 0; i < N; i++) {
      const business = i % 5 === 4;
      const custom = { region: i % 2 ? 'north' : 'south', score: i % 4, smoker: i % 3 === 0 };
      const tags = i % 3 === 1 ? ['vip'] : i % 6 === 2 ? ['referral', 'VIP-2'] : [];
      const m: Model = {
        id: '',
        last_name: business ? null : LAST[i % LAST.length]!,
        status: STATUS.new,
        type: TYPES[i % 3]!,
        owner: owners[Math.floor(i / 2) % 3]!,
        tags,
        custom,
        make: null,
        converted: false,
        deleted: false,
        name: business ? `Acme Widgets ${i}` : `Lee ${LAST[i % LAST.length]}`,
        // X-dates with ties (i % 3 repeats a day) and NULLs (every fourth lead has none).
        xdate: i % 4 === 3 ? null : `2031-0${(i % 3) + 5}-${String(10 + (i % 5)).padStart(2, '0')}`,
      };
      const lead = await createLead(app, {
        ...(business
          ? { lead_type: 'business', business_name: m.name, first_name: null, last_name: null }
          : { first_name: 'Lee', last_name: m.last_name }),
        insurance_type_id: m.type,
        owner_id: m.owner,
        priority: (i % 5) + 1,
        ...(i % 3 === 0 ? {} : { quoted_premium: [500, 1250.5, 500, 90][i % 4] }),
        ...(i % 2 === 0 ? { next_follow_up_at: `2031-0${(i % 4) + 1}-01T09:00:00Z` } : {}),
        tags,
        custom_fields: custom,
        ...(m.xdate
          ? { policy_expiration_date: m.xdate, current_carrier: `Carrier ${i % 3}`, current_premium: 900 + i }
          : {}),
      });
      m.id = lead.id;
      model.push(m);
      if (i % 4 !== 0) {
        m.status = STATUSES[i % 4]!;
        await mutate(app, 'changeLeadStatus', { lead_id: m.id, status_id: m.status });
      }
      if (i % 7 === 3) {
        await mutate(app, 'setCoverage', { lead_id: m.id, column: 'auto_data', version: 1, doc: autoV1 });
        m.make = 'Honda';
      }
    }
    // Rows synced from older clients may lack status_changed_at: the sort must page their NULLs last.
    for (const m of model.filter((_, i) => i % 4 === 1))
      app.db.prepare('UPDATE leads SET status_changed_at = NULL WHERE id = ?').run(m.id);
    for (const i of [5, 12]) {
      await mutate(app, 'convertLead', { lead_id: model[i]!.id });
      Object.assign(model[i]!, { converted: true, status: STATUS.converted });
    }
    await mutate(app, 'softDelete', { table: 'leads', id: model[20]!.id });
    model[20]!.deleted = true;
  });

  const live = () => model.filter((m) => !m.deleted && !m.converted);
  async function list(q: PipelineQuery) {
    return (await call(ctx.app, 'leads.list', { limit: 500, ...q })).items;
  }

  return { ctx, model, owners, live, list };
}

export const ids = (items: Array<{ id: string }>) => items.map((i) => i.id).sort();
