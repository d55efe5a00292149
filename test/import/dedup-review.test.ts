/** The Duplicates screen's commands: list the scan's pairs, dismiss one, preview a merge. */
import { describe, expect, it } from 'vitest';
import { call, mutate, useApp } from '../queries/support';

const ctx = useApp();

/** Two records of one person; each test uses its own (the app is shared by the file's tests). */
async function twoHarriets(last = 'Quimby') {
  const email = `harriet@${last.toLowerCase()}.example.com`;
  const a = await mutate<{ id: string }>(ctx.app, 'createClient', {
    client_type: 'individual',
    first_name: 'Harriet',
    last_name: last,
    email,
  });
  const b = await mutate<{ id: string }>(ctx.app, 'createClient', {
    client_type: 'individual',
    first_name: 'Harriet',
    last_name: last,
    email: email.toUpperCase(),
    phone: '217-555-0101',
  });
  return { a: a.id, b: b.id };
}

describe('duplicates.list / scan / dismiss', () => {
  it('lists nothing before the first scan, then the live pairs, and leaves out a dismissed one', async () => {
    const { a, b } = await twoHarriets();
    expect(await call(ctx.app, 'duplicates.list', { kind: 'clients' })).toEqual({
      kind: 'clients',
      scanned: false,
      pairs: [],
      more: 0,
    });
    const scan = await call(ctx.app, 'duplicates.scan', { kind: 'clients' });
    expect(scan).toMatchObject({ kind: 'clients', records: 2, incremental: false, found: 1 });
    const list = await call(ctx.app, 'duplicates.list', { kind: 'clients' });
    expect(list.scanned).toBe(true);
    expect(list.pairs).toHaveLength(1);
    expect([list.pairs[0]!.a.id, list.pairs[0]!.b.id].sort()).toEqual([a, b].sort());
    expect(list.pairs[0]!.a.name).toBe('Harriet Quimby');
    expect(list.pairs[0]!.reasons).toContain('same email');
    // the second scan is incremental: nothing changed, so nothing is scored again
    expect(await call(ctx.app, 'duplicates.scan', { kind: 'clients' })).toMatchObject({
      incremental: true,
      scanned: 0,
      found: 1,
    });
    await call(ctx.app, 'duplicates.dismiss', { kind: 'clients', a: b, b: a });
    expect((await call(ctx.app, 'duplicates.list', { kind: 'clients' })).pairs).toEqual([]);
    // a full re-scan finds the pair again, and it stays dismissed
    await call(ctx.app, 'duplicates.scan', { kind: 'clients', full: true });
    expect((await call(ctx.app, 'duplicates.list', { kind: 'clients' })).pairs).toEqual([]);
  });

  it('drops a pair once one of its records is merged away', async () => {
    const { a, b } = await twoHarriets('Earhart');
    await call(ctx.app, 'duplicates.scan', { kind: 'clients' });
    expect((await call(ctx.app, 'duplicates.list', { kind: 'clients' })).pairs).toHaveLength(1);
    await mutate(ctx.app, 'mergeClients', { survivor_id: a, merged_id: b, fields: {} });
    expect((await call(ctx.app, 'duplicates.list', { kind: 'clients' })).pairs).toEqual([]);
  });
});

describe('merge.preview', () => {
  it('shows both records and counts what would move to the survivor', async () => {
    const { a, b } = await twoHarriets('Coleman');
    await mutate(ctx.app, 'addNote', { client_id: b, body: 'Called about the renewal' });
    await mutate(ctx.app, 'addNote', { client_id: b, body: 'Sent the forms' });
    await mutate(ctx.app, 'addContact', { client_id: b, first_name: 'Pat', last_name: 'Ruiz' });
    const preview = await call(ctx.app, 'merge.preview', { kind: 'clients', survivor_id: a, merged_id: b });
    expect(preview.survivor.name).toBe('Harriet Coleman');
    expect(preview.merged.row.phone).toBe('217-555-0101');
    expect(preview.survivor.row.phone).toBeNull();
    expect(preview.moving).toEqual(
      expect.arrayContaining([
        { table: 'lead_notes', label: 'notes', count: 2 },
        { table: 'contacts', label: 'contact', count: 1 },
      ]),
    );
    expect(preview.moving.find((m) => m.table === 'policies')).toBeUndefined();
  });
});
