import type { MergePreview } from '../../../../shared/api/dedup';
import type { MergeField } from '../../../../shared/dedup/merge-fields';
import { money, paperDate } from '../../lib/format';

export {
  chosenFields,
  defaultChoices,
  fieldsFor,
  sameValue,
  type MergeField,
} from '../../../../shared/dedup/merge-fields';

/** A value as a person reads it; an empty one is an em dash. */
export function shownValue(field: MergeField, side: MergePreview['survivor']): string {
  if (field.show === 'address') return side.addresses[field.key]?.text ?? '—';
  const v = side.row[field.key];
  if (v === null || v === undefined || v === '') return '—';
  if (field.show === 'date') return paperDate(String(v));
  if (field.show === 'money' && typeof v === 'number') return money(v);
  return String(v);
}
