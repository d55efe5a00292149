import { describe, expect, it } from 'vitest';
import { DuplicateIndex, matchKeys } from '../../shared/import/duplicates';
import { importMapping, mappingIssue, suggestMapping } from '../../shared/import/mapping';
import { mapRow, matchFields, planRow } from '../../shared/import/rows';
import type { RowContext } from '../../shared/import/row-types';
import { runIssue } from '../../shared/import/row-issues';
import { DEFAULT_TRANSFORM, transformValue } from '../../shared/import/transform';
import type { FieldType } from '../../shared/import/fields';

const t = (type: FieldType, raw: string, o = DEFAULT_TRANSFORM) => transformValue(type, raw, o);

describe('header mapping', () => {
  it('suggests fields from the usual spellings, each field once', () => {
    expect(
      suggestMapping('clients', ['FName', 'Last Name', 'E-Mail', 'Phone #', 'DOB', 'Zip', 'State', 'Notes', 'Email']),
    ).toEqual(['first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'postal_code', 'state', null, null]);
    expect(suggestMapping('leads', ['Insured Name', 'X-Date', 'Exp Date', 'LOB', 'Premium'])).toEqual([
      'full_name',
      'policy_expiration_date',
      null,
      'insurance_type',
      'current_premium',
    ]);
    expect(suggestMapping('notes', ['Client ID', 'Comment'])).toEqual(['parent_key', 'body']);
  });

  it('refuses a mapping that names a field twice or an unknown field', () => {
    const m = (columns: (string | null)[]) => importMapping.parse({ kind: 'clients', columns });
    expect(mappingIssue(m(['email', 'email']))).toBe('field "email" is mapped twice');
    expect(mappingIssue(m(['nope']))).toBe('clients have no field "nope"');
    expect(mappingIssue(m([null]))).toBe('no column is mapped to a field');
    expect(mappingIssue(m(['email', null]))).toBeNull();
  });
});

describe('value transforms', () => {
  it('reads dates in the order the user picked, and ISO always', () => {
    expect(t('date', '03/04/2025')).toEqual({ ok: true, value: '2025-03-04' });
    expect(t('date', '03/04/2025', { ...DEFAULT_TRANSFORM, dateOrder: 'DMY' })).toEqual({
      ok: true,
      value: '2025-04-03',
    });
    expect(t('date', '4.3.85', { ...DEFAULT_TRANSFORM, dateOrder: 'DMY' })).toEqual({ ok: true, value: '1985-03-04' });
    expect(t('date', '2025-12-01')).toEqual({ ok: true, value: '2025-12-01' });
    expect(t('date', '02/30/2025')).toEqual({ ok: false, reason: 'is not a real date' });
    expect(t('date', 'next tuesday').ok).toBe(false);
    expect(t('date', '  ')).toEqual({ ok: true, value: null });
  });

  it('reads money with currency signs, thousands separators and decimal commas', () => {
    expect(t('money', '$1,234.50')).toEqual({ ok: true, value: 1234.5 });
    expect(t('money', '1.234,50 €')).toEqual({ ok: true, value: 1234.5 });
    expect(t('money', 'USD 99')).toEqual({ ok: true, value: 99 });
    expect(t('money', '1,234')).toEqual({ ok: true, value: 1234 });
    expect(t('money', '12,5')).toEqual({ ok: true, value: 12.5 });
    expect(t('money', '(250)')).toEqual({ ok: true, value: -250 });
    expect(t('money', 'ten dollars')).toEqual({ ok: false, reason: 'is not an amount of money' });
  });

  it('normalizes phones to E.164, emails to lower case, states and ZIP codes', () => {
    expect(t('phone', '(217) 555-0101')).toEqual({ ok: true, value: '+12175550101' });
    expect(t('phone', '+44 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(t('phone', '12345')).toEqual({ ok: false, reason: 'is not a valid phone number' });
    expect(t('email', ' Ana.Silva@Example.COM ')).toEqual({ ok: true, value: 'ana.silva@example.com' });
    expect(t('state', 'Illinois')).toEqual({ ok: true, value: 'IL' });
    expect(t('state', 'n.y.')).toEqual({ ok: true, value: 'NY' });
    expect(t('state', 'Bavaria').ok).toBe(false);
    expect(t('zip', '2134')).toEqual({ ok: true, value: '02134' });
    expect(t('zip', '627011234')).toEqual({ ok: true, value: '62701-1234' });
  });

  it('splits "Last, First" and "First Last" names', () => {
    expect(t('fullName', 'Silva, Ana Maria')).toEqual({
      ok: true,
      value: { first_name: 'Ana Maria', last_name: 'Silva' },
    });
    expect(t('fullName', 'José  Álvarez')).toEqual({ ok: true, value: { first_name: 'José', last_name: 'Álvarez' } });
  });
});

const ctxFor = (kind: 'clients' | 'contacts', headers: string[], extra: Partial<RowContext> = {}): RowContext => ({
  mapping: importMapping.parse({ kind, columns: suggestMapping(kind, headers) }),
  headers,
  ...extra,
});

describe('rows to mutations', () => {
  const headers = ['Insured Name', 'E-Mail', 'Phone', 'DOB', 'Street', 'City', 'State', 'Zip'];
  const ctx = ctxFor('clients', headers);

  it('plans a createClient and its address, checked by the mutations own schemas', () => {
    const row = mapRow(ctx, 2, [
      'Silva, Ana',
      'ANA@EX.COM',
      '217-555-0101',
      '3/14/1985',
      '1 Main St',
      'Springfield',
      'IL',
      '62701',
    ]);
    expect(row.issues).toEqual([]);
    const r = planRow('clients', row, { kind: 'create' }, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan.items.map((i) => i.name)).toEqual(['upsertAddress', 'createClient']);
    expect(r.plan.items[1]!.args).toMatchObject({
      address_id: r.plan.items[0]!.args.id,
      client_type: 'individual',
      first_name: 'Ana',
      last_name: 'Silva',
      email: 'ana@ex.com',
      phone: '+12175550101',
      date_of_birth: '1985-03-14',
    });
    expect(r.plan.items[0]!.args).toMatchObject({ line1: '1 Main St', city: 'Springfield', state: 'IL' });
    expect(r.plan.created.map((c) => c.table)).toEqual(['clients', 'addresses']);
  });

  it('reports each bad cell with its row, the file column, the value and the reason', () => {
    const row = mapRow(ctx, 7, ['Silva, Ana', 'not-an-email', '12', '31/31/1985', '', 'Springfield', 'IL', '62701']);
    expect(row.issues).toEqual([
      { row: 7, column: 'Phone', value: '12', reason: 'is not a valid phone number' },
      { row: 7, column: 'DOB', value: '31/31/1985', reason: 'is not a real date' },
    ]);
    const r = planRow('clients', row, { kind: 'create' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { row: 7, column: 'E-Mail', value: 'not-an-email', reason: 'is not a valid email address' },
      { row: 7, column: 'Street', value: '', reason: 'Invalid input: expected string, received undefined' },
    ]);
  });

  it('reports text Postgres cannot store instead of letting the gateway refuse the batch', () => {
    const row = mapRow(ctx, 4, ['Silva, Ana', 'a@x.com', '', '', '1 Main\u0000St', 'Springfield', 'IL', '62701']);
    const r = planRow('clients', row, { kind: 'create' }, ctx);
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          row: 4,
          column: 'Street',
          value: '1 Main\u0000St',
          reason: 'contains a character that cannot be stored (NUL or an unpaired surrogate)',
        },
      ],
    });
  });

  it('tells a run failure of an item by the file column', () => {
    const row = mapRow(ctx, 3, ['Ana', '', '', '', '', '', '', '']);
    expect(
      runIssue(
        ctx,
        row,
        'items[0].args.first_name',
        'items[0].args.first_name: first_name is required for an individual',
      ),
    ).toEqual({
      row: 3,
      column: 'Insured Name',
      value: 'Ana',
      reason: 'is required for an individual',
    });
  });

  it('finds a contact parent through the resolver, and reports one it cannot find', () => {
    const parent = '0190cccc-0000-7000-8000-000000000002';
    const c = ctxFor('contacts', ['Client ID', 'First', 'Last'], {
      resolveParent: (k) => (k === 'C-1' ? { client_id: parent } : null),
    });
    const good = planRow('contacts', mapRow(c, 2, ['C-1', 'Pat', 'Lee']), { kind: 'create' }, c);
    expect(good.ok && good.plan.items[0]!.args).toMatchObject({ client_id: parent, first_name: 'Pat' });
    const bad = planRow('contacts', mapRow(c, 3, ['C-9', 'Pat', 'Lee']), { kind: 'create' }, c);
    expect(bad).toEqual({
      ok: false,
      issues: [
        { row: 3, column: 'Client ID', value: 'C-9', reason: 'matches no client or lead in this file or the book' },
      ],
    });
  });
});

describe('duplicate keys', () => {
  it('match on email, E.164 phone, name with birth date or address, whatever the spelling', () => {
    const a = matchKeys('clients', {
      email: 'A@x.com',
      phone: '(217) 555-0101',
      first_name: 'José',
      last_name: 'Álvarez',
      date_of_birth: '1980-01-02',
      postal_code: '62701',
      line1: '1 Main Street',
    });
    const idx = new DuplicateIndex();
    idx.add(a, 'id-1');
    expect(idx.match(matchKeys('clients', { email: 'a@x.com' }))).toEqual({ id: 'id-1', key: 'email:a@x.com' });
    expect(idx.match(matchKeys('clients', { phone: '+1 217 555 0101' }))?.key).toBe('phone:+12175550101');
    expect(
      idx.match(matchKeys('clients', { first_name: 'jose', last_name: 'alvarez', date_of_birth: '1980-01-02' }))?.id,
    ).toBe('id-1');
    expect(
      idx.match(
        matchKeys('clients', {
          first_name: 'Jose',
          last_name: 'Alvarez',
          postal_code: '62701-0001',
          line1: '1 main st',
        }),
      )?.id,
    ).toBe('id-1');
    expect(idx.match(matchKeys('clients', { first_name: 'Jose', last_name: 'Alvarez' }))).toBeNull();
    expect(
      idx.match(matchKeys('clients', { first_name: 'Jose', last_name: 'Alvarez', date_of_birth: '1980-01-03' })),
    ).toBeNull();
  });

  it('matches a row through its mapped values', () => {
    const ctx = ctxFor('clients', ['Name', 'Email']);
    const keys = matchKeys('clients', matchFields(mapRow(ctx, 2, ['Ana Silva', 'ANA@X.COM'])));
    expect(keys).toEqual(['email:ana@x.com']);
  });
});
