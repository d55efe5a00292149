/** The New lead / New client warning's question, through the API the renderer calls. */
import { describe, expect, it } from 'vitest';
import { call, createLead, useApp } from '../queries/support';

const ctx = useApp();

describe('duplicates.check', () => {
  it('names live leads like the draft, best first, with the reasons', async () => {
    const ana = await createLead(ctx.app, {
      first_name: 'Ana',
      last_name: 'Silva',
      email: 'ana@x.com',
      phone: '217-555-0101',
    });
    await createLead(ctx.app, { first_name: 'Bo', last_name: 'Berg', email: 'bo@x.com' });
    const found = await call(ctx.app, 'duplicates.check', {
      kind: 'leads',
      first_name: 'Anna',
      last_name: 'Silva',
      email: 'ANA@x.com',
      phone: '(217) 555-0101',
    });
    expect(found).toEqual([
      { id: ana.id, name: 'Ana Silva', score: 1, reasons: ['same email', 'same phone', 'similar name (0.97)'] },
    ]);
    expect(await call(ctx.app, 'duplicates.check', { kind: 'clients', email: 'ana@x.com' })).toEqual([]);
  });
});
