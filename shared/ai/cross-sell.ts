import { COMMERCIAL_COVERAGES, validateCoverage } from '../coverage';
import type { Row } from '../model/catalogue';
import type { SubjectContext } from './context';

/**
 * Coverage gaps found by rule, before any model is asked: the model then explains and ranks
 * them for this person instead of inventing products. The rules are the classic agency
 * cross-sells (auto + home → umbrella, employees → workers' comp, …).
 */
export interface CoverageGap {
  product: string;
  reason: string;
}

type Commercial = (typeof COMMERCIAL_COVERAGES)[number];
const COMMERCIAL_TO_PRODUCT: Record<Commercial, string> = {
  general_liability: 'general_liability',
  property: 'commercial_property',
  bop: 'bop',
  workers_comp: 'workers_comp',
  commercial_auto: 'commercial_auto',
  umbrella: 'umbrella',
  cyber: 'cyber',
  professional: 'professional_liability',
};

/** Product codes this person has or is being quoted for, from every source we keep. */
export function productsHeld(ctx: SubjectContext): Set<string> {
  const held = new Set<string>();
  const code = (id: string | null) => (id ? ctx.insuranceTypes.get(id)?.code : undefined);
  const add = (c: string | undefined) => c && held.add(c);
  if (ctx.subject.table === 'leads') add(code(ctx.subject.row.insurance_type_id));
  for (const o of ctx.opportunities) if (o.stage !== 'lost' && !o.deleted_at) add(code(o.insurance_type_id));
  // The household is one relationship: a line a spouse already holds with the agency is not a gap.
  for (const t of ctx.policies ?? []) add(code(t.insurance_type_id));
  for (const lead of ctx.coverage) {
    add(code(lead.insurance_type_id));
    if (lead.umbrella_limit) held.add('umbrella');
    if (lead.auto_data) held.add('auto');
    // A dwelling document means the dwelling is being quoted: a tenant's is renters.
    if (lead.home_data)
      held.add((lead.home_data as { occupancy?: string }).occupancy === 'tenant' ? 'renters' : 'home');
    const commercial = commercialDoc(lead);
    for (const c of commercial?.coveragesRequested ?? []) held.add(COMMERCIAL_TO_PRODUCT[c]);
  }
  return held;
}

function commercialDoc(lead: Row<'leads'>) {
  if (!lead.commercial_data) return null;
  const r = validateCoverage('commercial_data', lead.commercial_data_schema_version ?? 0, lead.commercial_data);
  return r.ok ? r.value : null;
}

function autoDoc(lead: Row<'leads'>) {
  if (!lead.auto_data) return null;
  const r = validateCoverage('auto_data', lead.auto_data_schema_version ?? 0, lead.auto_data);
  return r.ok ? r.value : null;
}

export function coverageGaps(ctx: SubjectContext): CoverageGap[] {
  const held = productsHeld(ctx);
  const has = (...codes: string[]) => codes.some((c) => held.has(c));
  const gaps: CoverageGap[] = [];
  const gap = (product: string, reason: string) => {
    if (!held.has(product) && !gaps.some((g) => g.product === product)) gaps.push({ product, reason });
  };
  const home = has('home', 'condo', 'renters');
  if (has('auto') && home) gap('umbrella', 'has auto and home liability but no umbrella');
  if (has('auto') && !home) gap('home', 'auto without a home, condo or renters policy: a bundle discount is likely');
  if (has('home') && !has('flood')) gap('flood', 'homeowners policies exclude flood');

  const autos = ctx.coverage.map(autoDoc).filter((d) => d !== null);
  const family = autos.some((d) => d.drivers.some((x) => x.relationship === 'spouse' || x.relationship === 'child'));
  if (family && !has('life')) gap('life', 'a spouse or children are on the auto policy and there is no life coverage');

  const specialty = ctx.coverage.flatMap((l) =>
    ((l.specialty_data as { items?: Array<{ kind?: string }> } | null)?.items ?? []).map((i) => i.kind),
  );
  if (specialty.includes('boat')) gap('boat', 'a boat is listed');
  if (specialty.includes('motorcycle')) gap('motorcycle', 'a motorcycle is listed');
  if (specialty.includes('rv')) gap('rv', 'an RV is listed');

  for (const lead of ctx.coverage) {
    const biz = commercialDoc(lead);
    if (!biz) continue;
    const staff = (biz.employees?.fullTime ?? 0) + (biz.employees?.partTime ?? 0);
    if (staff > 0 || (biz.payroll ?? 0) > 0)
      gap('workers_comp', `a business with ${staff || 'paid'} employees and no workers' comp`);
    if (!has('general_liability', 'bop')) gap('general_liability', 'a business without general liability');
    if (biz.locations.length > 0 && !has('commercial_property', 'bop'))
      gap('commercial_property', 'business locations without property coverage');
    if (!has('cyber')) gap('cyber', 'no cyber coverage: most businesses hold customer data');
    if (biz.naicsCode?.startsWith('54') && !has('professional_liability'))
      gap('professional_liability', 'a professional-services business without E&O');
  }
  return gaps;
}
