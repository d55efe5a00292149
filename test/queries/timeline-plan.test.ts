/**
 * The merged timeline's query plans on a real replica file: a lead's or a client's notes, calls and
 * events are read from their subject index alone (the replica's index keeps what the timeline
 * shows, see replicaCovers in the catalogue), never from the scattered table rows. Plans, not
 * timings: at 100k leads each table row read is a page of its own, about 25 on a client's page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { timeline } from '../../db/queries/timeline';
import { bulkLoadDirect } from '../../db/sqlite/bulk-load';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';

let dir: string;
let file: string;
let db: ReplicaDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldline-timeline-plan-'));
  file = join(dir, 'replica.db');
  db = openReplica(file);
  await bulkLoadDirect(db, { leads: 300, seed: 5 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** How each history table is searched by the timeline statement run for subject. */
function searches(subject: Parameters<typeof timeline>[1]): string[] {
  const reader = openReplica(file, { readonly: true });
  const seen: string[] = [];
  const prepare = reader.prepare.bind(reader);
  reader.prepare = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof reader.prepare;
  try {
    timeline(reader, subject);
    const sql = seen.find((s) => s.includes('UNION ALL'));
    expect(sql, 'the timeline statement was prepared').toBeDefined();
    const params = Array.from({ length: 12 }, (_, i) => (i % 2 ? 100 : 'x'));
    return (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .filter((d) => /lead_notes|lead_communications|timeline_events/.test(d));
  } finally {
    reader.close();
  }
}

it('reads a lead’s notes, calls and events from their lead indexes alone', () => {
  const lead = db.prepare('SELECT id FROM leads LIMIT 1').pluck().get() as string;
  const plan = searches({ lead_id: lead });
  expect(plan).toHaveLength(3);
  for (const table of ['lead_notes', 'lead_communications', 'timeline_events'])
    expect(plan.find((d) => d.includes(table))).toMatch(
      /USING COVERING INDEX idx_\w+_lead_(created|occurred) \(lead_id=\?\)/,
    );
});

it('reads a client’s (and the lead it came from) history from the client and lead indexes alone', () => {
  const row = db
    .prepare(
      'SELECT converted_to_client_id AS client, id AS lead FROM leads WHERE converted_to_client_id IS NOT NULL LIMIT 1',
    )
    .get() as { client: string; lead: string };
  const plan = searches({ client_id: row.client, lead_ids: [row.lead] });
  expect(plan).toHaveLength(3);
  for (const table of ['lead_notes', 'lead_communications', 'timeline_events'])
    expect(plan.find((d) => d.includes(table))).toMatch(
      /USING COVERING INDEX idx_\w+_client_(created|occurred) \(client_id=\?\)/,
    );
});
