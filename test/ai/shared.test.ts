/** The pure pieces of shared/ai: streaming extraction, coverage gaps, consent, the AI-field whitelist. */
import { describe, expect, it } from 'vitest';
import { annotationPatch, annotationsFor } from '../../shared/ai/annotations';
import { draftChannel, draftRefusal } from '../../shared/ai/contact';
import type { SubjectContext } from '../../shared/ai/context';
import { coverageGaps } from '../../shared/ai/cross-sell';
import { buildPrompt, estimateTokens } from '../../shared/ai/prompt';
import { Redactor } from '../../shared/ai/redact';
import { RESULT_SCHEMAS } from '../../shared/ai/schemas';
import { StreamedJsonField } from '../../shared/ai/stream-field';
import { communicationTypeRows, insuranceTypeByCode, insuranceTypeRows, statusByCode } from '../../shared/lookups';
import type { Row } from '../../shared/model/catalogue';
import { newRow } from '../../shared/model/new-row';
import { ANSWERS } from './answers';
import { autoData, homeData } from './fixtures';

const NOW = '2025-03-12T15:00:00.000Z';
const ID = '01950000-0000-7000-8000-000000000001';
const OWNER = '01950000-0000-7000-8000-0000000000aa';

function context(lead: Partial<Row<'leads'>>, extra: Partial<SubjectContext> = {}): SubjectContext {
  const row = newRow(
    'leads',
    {
      id: ID,
      owner_id: OWNER,
      last_name: 'Test',
      status_id: statusByCode('quoted').id,
      insurance_type_id: insuranceTypeByCode('auto').id,
      ...lead,
    },
    NOW,
  );
  return {
    subject: { table: 'leads', row },
    status: null,
    insuranceType: null,
    coverage: [row],
    notes: [],
    communications: [],
    opportunities: [],
    tickets: [],
    contacts: [],
    marketing: null,
    insuranceTypes: new Map(insuranceTypeRows().map((t) => [t.id, t])),
    communicationTypes: new Map(communicationTypeRows().map((t) => [t.id, t])),
    agentName: null,
    ...extra,
  };
}

describe('StreamedJsonField', () => {
  it('yields a field’s text as it streams, across split escapes and unicode', () => {
    const f = new StreamedJsonField('summary');
    const json = JSON.stringify({ summary: 'Line one\nsays "hi" — café \\ done', highlights: ['x'] });
    let out = '';
    for (let i = 0; i < json.length; i += 3) out += f.push(json.slice(i, i + 3));
    expect(out).toBe('Line one\nsays "hi" — café \\ done');
    const u = new StreamedJsonField('summary');
    expect(u.push('{"summary": "caf\\u00')).toBe('caf');
    expect(u.push('e9!"}')).toBe('é!');
  });

  it('ignores the key inside other strings and stops at the field’s end', () => {
    const f = new StreamedJsonField('summary');
    expect(f.push('{"note": "the \\"summary\\": \\"no\\"", "summary": "yes"')).toBe('yes');
    expect(f.push(', "summary": "again"}')).toBe('');
  });
});

describe('coverage gaps', () => {
  const auto = { auto_data: autoData, auto_data_schema_version: 2 };
  it('auto and home without umbrella; auto alone suggests home; a spouse suggests life', () => {
    expect(
      coverageGaps(context({ ...auto, home_data: homeData, home_data_schema_version: 1 })).map((g) => g.product),
    ).toEqual(['umbrella', 'flood', 'life']);
    expect(
      coverageGaps(
        context({ ...auto, home_data: homeData, home_data_schema_version: 1, umbrella_limit: 1_000_000 }),
      ).map((g) => g.product),
    ).not.toContain('umbrella');
    expect(coverageGaps(context(auto)).map((g) => g.product)).toEqual(['home', 'life']);
  });

  it('a business with employees and no workers’ comp, and other commercial gaps', () => {
    const biz = {
      businessType: 'Accounting firm',
      naicsCode: '541211',
      employees: { fullTime: 6, partTime: 1 },
      locations: [],
      coveragesRequested: ['general_liability'],
      priorLosses: [],
    };
    const gaps = coverageGaps(
      context({
        lead_type: 'business',
        business_name: 'Numbers LLC',
        insurance_type_id: insuranceTypeByCode('general_liability').id,
        commercial_data: biz,
        commercial_data_schema_version: 1,
      }),
    );
    expect(gaps.map((g) => g.product)).toEqual(['workers_comp', 'cyber', 'professional_liability']);
    expect(gaps[0]!.reason).toContain('7 employees');
  });

  it('an opportunity being quoted counts as held', () => {
    const opp = newRow(
      'opportunities',
      { id: ID, owner_id: OWNER, lead_id: ID, name: 'Umbrella', insurance_type_id: insuranceTypeByCode('umbrella').id },
      NOW,
    );
    const ctx = context({ ...auto, home_data: homeData, home_data_schema_version: 1 }, { opportunities: [opp] });
    expect(coverageGaps(ctx).map((g) => g.product)).not.toContain('umbrella');
  });
});

describe('draft consent', () => {
  const settings = (v: Partial<Row<'lead_marketing_settings'>>) =>
    newRow('lead_marketing_settings', { id: ID, owner_id: OWNER, lead_id: ID, ...v }, NOW);
  const both = { email: 'a@b.co', phone: '+1 555 0100 100' };
  it('refuses opted-out channels, do-not-contact, and missing addresses; allows the rest', () => {
    expect(draftRefusal('Ann', 'sms', settings({ email_opt_in: true, sms_opt_in: false }), both)).toMatch(
      /Ann opted out of SMS/,
    );
    expect(draftRefusal('Ann', 'email', settings({ email_opt_in: true, sms_opt_in: false }), both)).toBeNull();
    expect(draftRefusal('Ann', 'email', settings({ email_opt_in: true, do_not_contact: true }), both)).toMatch(
      /asked not to be contacted/,
    );
    expect(draftRefusal('Ann', 'email', null, { email: null, phone: null })).toMatch(/no email address/);
    expect(draftRefusal('Ann', 'sms', null, both)).toBeNull();
  });

  it('picks the asked channel, else the preferred one, else email', () => {
    expect(draftChannel(context({ preferred_contact_method: 'sms' }), undefined)).toBe('sms');
    expect(draftChannel(context({ preferred_contact_method: 'sms' }), 'email')).toBe('email');
    expect(draftChannel(context({ preferred_contact_method: 'phone' }), undefined)).toBe('email');
  });
});

describe('annotations', () => {
  it('accepts only whitelisted AI columns of each table', () => {
    expect(
      annotationPatch.safeParse({ table: 'leads', id: ID, fields: { ai_summary: 'ok', ai_follow_up_priority: 2 } })
        .success,
    ).toBe(true);
    for (const fields of [
      { status_id: ID },
      { ai_summary: 'x', owner_id: OWNER },
      { quoted_premium: 1 },
      {},
      { ai_follow_up_priority: 9 },
    ]) {
      expect(annotationPatch.safeParse({ table: 'leads', id: ID, fields }).success).toBe(false);
    }
    expect(annotationPatch.safeParse({ table: 'support_tickets', id: ID, fields: { status: 'closed' } }).success).toBe(
      false,
    );
    expect(annotationPatch.safeParse({ table: 'users', id: ID, fields: { ai_summary: 'x' } }).success).toBe(false);
  });

  it('maps every task’s result to a valid patch (or none for drafts)', () => {
    const lead = { table: 'leads' as const, id: ID };
    for (const task of ['summary', 'next-action', 'risk', 'cross-sell', 'contact-likelihood'] as const) {
      const patch = annotationsFor(task, lead, RESULT_SCHEMAS[task].parse(ANSWERS[task]) as never);
      expect(annotationPatch.parse(patch)).toEqual(patch);
    }
    expect(annotationsFor('risk', { table: 'clients', id: ID }, ANSWERS.risk)).toMatchObject({
      table: 'clients',
      fields: { ai_risk_score: 35 },
    });
    expect(annotationsFor('draft', lead, ANSWERS.draft)).toBeNull();
  });
});

describe('buildPrompt', () => {
  it('never sends the person’s date of birth or phone, but gives the age', () => {
    const r = new Redactor();
    const ctx = context({
      first_name: 'Ann',
      date_of_birth: '1990-05-01',
      phone: '+1 512 555 0100',
      email: 'ann@example.com',
      custom_fields: { 'Spouse DOB': '05/01/1990', ssn: '078-05-1120' },
    });
    const p = buildPrompt('summary', ctx, r, { contextTokens: 2000, now: new Date(NOW) });
    expect(p.user).toContain('Age: 34');
    for (const s of ['1990-05-01', '05/01/1990', '555 0100', 'ann@example.com', '078-05-1120'])
      expect(p.user).not.toContain(s);
    expect(p.tokens).toBe(estimateTokens(p.system) + estimateTokens(p.user));
    expect(p.system).toMatch(/JSON shape: \{"summary"/);
  });
});
