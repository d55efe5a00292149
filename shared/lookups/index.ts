import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { CARRIER_SEEDS } from './carriers';
import { COMMUNICATION_TYPES } from './communication-types';
import { INSURANCE_TYPES } from './insurance-types';
import { LEAD_STATUSES } from './lead-statuses';

export { CARRIER_SEEDS, COMMUNICATION_TYPES, INSURANCE_TYPES, LEAD_STATUSES };

/** Fixed time for seeded lookup rows, so both sides seed byte-identical rows. */
const SEEDED_AT = '2025-01-13T00:00:00.000Z';

function byCode<T extends { code: string }>(list: readonly T[], what: string) {
  const map = new Map(list.map((x) => [x.code, x]));
  return (code: string): T => {
    const found = map.get(code);
    if (!found) throw new Error(`unknown ${what} code: ${code}`);
    return found;
  };
}
export const statusByCode = byCode(LEAD_STATUSES, 'lead status');
export const insuranceTypeByCode = byCode(INSURANCE_TYPES, 'insurance type');
export const communicationTypeByCode = byCode(COMMUNICATION_TYPES, 'communication type');

export const CONVERTED_STATUS_ID = statusByCode('converted').id;
export const NEW_STATUS_ID = statusByCode('new').id;

export function leadStatusRows(): Row<'lead_statuses'>[] {
  return LEAD_STATUSES.map((s) =>
    newRow(
      'lead_statuses',
      {
        id: s.id,
        code: s.code,
        name: s.name,
        description: s.description,
        category: s.category,
        color: s.color,
        icon: s.icon,
        sort_order: s.sortOrder,
        ai_prompt_template: `The lead is in the "${s.name}" stage: ${s.description}`,
        ai_summary_template: `Summarise this ${s.name.toLowerCase()} lead for the agent: who they are, what they need, where things stand.`,
        ai_action_template: s.aiAction,
        workflow: { followUpDays: s.followUpDays },
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      },
      SEEDED_AT,
    ),
  );
}

export function insuranceTypeRows(): Row<'insurance_types'>[] {
  return INSURANCE_TYPES.map((t) =>
    newRow(
      'insurance_types',
      {
        id: t.id,
        code: t.code,
        name: t.name,
        line: t.line,
        coverage_doc: t.coverageDoc,
        color: t.color,
        icon: t.icon,
        sort_order: t.sortOrder,
        ai_prompt_template: t.prompt,
        ai_summary_template: `Summarise the ${t.name} needs and the coverage details on file.`,
        ai_action_template: `Suggest the next step to quote or bind ${t.name}.`,
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      },
      SEEDED_AT,
    ),
  );
}

export function communicationTypeRows(): Row<'communication_types'>[] {
  return COMMUNICATION_TYPES.map((t) =>
    newRow(
      'communication_types',
      {
        id: t.id,
        code: t.code,
        name: t.name,
        channel: t.channel,
        color: t.color,
        icon: t.icon,
        sort_order: t.sortOrder,
        ai_prompt_template: t.prompt,
        ai_summary_template: 'Summarise this communication in two sentences.',
        ai_action_template: 'List the follow-up actions this communication calls for.',
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      },
      SEEDED_AT,
    ),
  );
}

/** The seeded carriers; an agency adds its own (addCarrier) beside them. */
export function carrierRows(): Row<'carriers'>[] {
  return CARRIER_SEEDS.map((c) =>
    newRow(
      'carriers',
      {
        id: c.id,
        name: c.name,
        naic_code: c.naic || null,
        lines: c.lines,
        color: c.color,
        icon: 'shield',
        sort_order: c.sortOrder,
        ai_prompt_template: `The policy is written with ${c.name}.`,
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      },
      SEEDED_AT,
    ),
  );
}

export const carrierByName = (name: string) => {
  const found = CARRIER_SEEDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`unknown carrier: ${name}`);
  return found;
};

/** Every seeded lookup row, table by table, identical on the replica and the server. */
export function lookupSeed() {
  return [
    { table: 'lead_statuses' as const, rows: leadStatusRows() },
    { table: 'insurance_types' as const, rows: insuranceTypeRows() },
    { table: 'communication_types' as const, rows: communicationTypeRows() },
    { table: 'carriers' as const, rows: carrierRows() },
  ];
}
