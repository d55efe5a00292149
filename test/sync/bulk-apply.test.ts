import { describe, expect, it } from 'vitest';
import type { FieldlineApp } from '../../electron/main/app';
import { applyChanges } from '../../electron/main/sync/bulk-apply';
import type { ServerChange } from '../../electron/main/sync/messages';
import { deleteRow, patchRaw, upsertRaw, type RawRow } from '../../electron/main/sync/rows';
import { insuranceTypeByCode } from '../../shared/lookups';
import { useReplicas } from './replicas';

const open = useReplicas();

/** The definition applyChanges must match: each change on its own, in order. */
function oneByOne(app: FieldlineApp, changes: ServerChange[]) {
  for (const c of changes) {
    if (c.op === 'delete') deleteRow(app.db, c.table, c.id);
    else if (c.op === 'insert') upsertRaw(app.db, c.table, c.values);
    else if (!patchRaw(app.db, c.table, c.id, c.values)) upsertRaw(app.db, c.table, c.values);
  }
}

const dump = (app: FieldlineApp) => ({
  leads: app.db.prepare('SELECT * FROM leads ORDER BY id').all(),
  notes: app.db.prepare('SELECT * FROM lead_notes ORDER BY id').all(),
  vehicles: app.db.prepare('SELECT lead_id, make FROM lead_vehicles ORDER BY lead_id, make').all(),
  search: app.db.prepare('SELECT kind, ref_id FROM search_map ORDER BY ref_id').all(),
});

describe('applyChanges', () => {
  it('leaves the replica exactly as applying the changes one by one does', async () => {
    const source = open('source');
    const auto = insuranceTypeByCode('auto').id;
    const leads: RawRow[] = [];
    for (let i = 0; i < 150; i++) {
      const { result } = await source.writer.mutate('createLead', {
        first_name: `First${i}`,
        last_name: `Last${i}`,
        insurance_type_id: auto,
        tags: i % 3 ? ['vip'] : [],
      });
      const id = (result as { id: string }).id;
      if (i % 2) await source.writer.mutate('addNote', { lead_id: id, body: `note ${i}` });
      leads.push(source.db.prepare('SELECT * FROM leads WHERE id = ?').get(id) as RawRow);
    }
    const notes = source.db.prepare('SELECT * FROM lead_notes').all() as RawRow[];
    const change = (table: 'leads' | 'lead_notes', op: ServerChange['op'], values: RawRow): ServerChange => ({
      table,
      op,
      id: String(values.id),
      values,
      txids: [],
      lsn: 0n,
    });
    // Runs longer than one statement, a repeated id inside a run, runs with other columns,
    // and updates and deletes between them (of rows inserted earlier in the same list).
    const changes: ServerChange[] = [
      ...leads.slice(0, 100).map((l) => change('leads', 'insert', l)),
      change('leads', 'insert', { ...leads[5]!, last_name: 'Again' }),
      ...leads.slice(100, 130).map((l) => change('leads', 'insert', l)),
      change('leads', 'update', { id: leads[120]!.id!, last_name: 'Right after its insert' }),
      change('leads', 'delete', { id: leads[125]!.id! }),
      ...notes.map((n) => change('lead_notes', 'insert', n)),
      change('leads', 'update', { id: leads[7]!.id!, last_name: 'Patched', tags: '["fleet"]' }),
      change('leads', 'delete', { id: leads[8]!.id! }),
      ...leads.slice(130).map((l) =>
        change('leads', 'insert', {
          id: l.id!,
          first_name: l.first_name!,
          last_name: l.last_name!,
          owner_id: l.owner_id!,
          status_id: l.status_id!,
          insurance_type_id: l.insurance_type_id!,
          lead_type: l.lead_type!,
          priority: l.priority!,
          tags: l.tags!,
          is_converted: 0,
          created_at: l.created_at!,
          updated_at: l.updated_at!,
        }),
      ),
      change('leads', 'insert', leads[8]!),
      change('leads', 'update', {
        ...leads[9]!,
        id: '01900000-0000-7000-8000-0000000000ff',
        last_name: 'Upserted by update',
      }),
    ];
    const bulk = open('bulk');
    const single = open('single');
    for (const [app, apply] of [
      [bulk, () => applyChanges(bulk.db, changes)],
      [single, () => oneByOne(single, changes)],
    ] as const) {
      app.db.pragma('foreign_keys = OFF');
      app.db.transaction(apply)();
    }
    expect(dump(bulk)).toEqual(dump(single));
    expect(dump(bulk).leads).toHaveLength(150);
    expect(dump(bulk).search.length).toBeGreaterThan(150);
  });
});
