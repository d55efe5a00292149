/** The merge screen's choices: the survivor's values by default, the merged one's where it has none. */
import { describe, expect, it } from 'vitest';
import type { MergePreview } from '../../shared/api/dedup';
import { chosenFields, defaultChoices, fieldsFor } from '../../shared/dedup/merge-fields';

const side = (row: Record<string, unknown>, address: string | null = null): MergePreview['survivor'] => ({
  row,
  name: 'x',
  addresses: {
    address_id: address ? { id: address, text: address } : null,
    mailing_address_id: null,
  },
});

const preview: MergePreview = {
  kind: 'clients',
  survivor: side({ id: 's', client_type: 'individual', email: 'a@x.com', phone: null, occupation: 'Pilot' }),
  merged: side(
    { id: 'm', client_type: 'individual', email: 'a@x.com', phone: '+12175550101', occupation: 'Aviator', fein: null },
    'addr-2',
  ),
  moving: [],
};

describe('merge choices', () => {
  it('offers only the survivor type’s fields', () => {
    const keys = fieldsFor(preview).map((f) => f.key);
    expect(keys).toContain('occupation');
    expect(keys).not.toContain('fein');
    expect(keys).not.toContain('business_name');
  });

  it('keeps the survivor’s values, takes the other’s where the survivor has none', () => {
    const choices = defaultChoices(preview);
    expect(choices.occupation).toBe('survivor');
    expect(choices.phone).toBe('merged');
    expect(chosenFields(preview, choices)).toEqual({ phone: '+12175550101' });
  });

  it('sends what the person chose from the merged record, and nothing for equal values', () => {
    const choices = { ...defaultChoices(preview), occupation: 'merged' as const, email: 'merged' as const };
    expect(chosenFields(preview, choices)).toEqual({ phone: '+12175550101', occupation: 'Aviator' });
  });
});
