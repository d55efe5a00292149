import { describe, expect, it } from 'vitest';
import { luhn, redactJson, REDACTION_KINDS, Redactor } from '../../shared/ai/redact';

describe('Redactor.text', () => {
  it('replaces SSNs in dashed, spaced and labelled forms, one placeholder per number', () => {
    const r = new Redactor();
    const out = r.text('SSN 078-05-1120; again 078 05 1120; ssn# 219099999; social security number: 123456789.');
    expect(out).toBe('SSN [SSN_1]; again [SSN_1]; ssn# [SSN_2]; social security number: [SSN_3].');
    expect(r.restore(out)).toContain('078-05-1120');
  });

  it('leaves SSN-shaped things that cannot be SSNs, dates, ZIP codes, years and money alone', () => {
    const r = new Redactor();
    const text =
      'Area 000-12-3456 and 666-12-3456 are never issued. Renewal 2025-06-01, ZIP 78701 and 78701-1234, built 2019, ' +
      'premium 1250.00 ($1,250.00), limit $500,000 or 123456789.50 or $123456789, 14,000 mi/yr, 2 cars on the road, ' +
      'Now: 2025-03-12T15:00:00.000Z, policy HO-2024-88123, 3 test drives, 10 Main reasons.';
    expect(r.text(text)).toBe(text);
    expect(r.stats()).toEqual(Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])));
  });

  it('treats nine bare digits as an SSN, in text and in JSON custom fields', () => {
    const r = new Redactor();
    expect(r.text('member 123456789, again 123-45-6789.')).toBe('member [SSN_1], again [SSN_1].');
    expect(redactJson({ 'Member ID': 123456789, note: 'alt 987654321', age: 41, premium: 1250.5 }, r)).toEqual({
      'Member ID': '[SSN_1]',
      note: 'alt [SSN_2]',
      age: 41,
      premium: 1250.5,
    });
    // ten digits are a phone number, eight are neither
    expect(r.text('1234567890 and 12345678')).toBe('[PHONE_1] and 12345678');
  });

  it('replaces phone numbers in every common format with one placeholder per number', () => {
    const r = new Redactor();
    const out = r.text(
      'Call (555) 867-5309, 555.867.5309, 555-867-5309, +1 555 867 5309, 1-555-867-5309 or 5558675309; office +44 20 7946 0958.',
    );
    expect(out).toBe('Call [PHONE_1], [PHONE_1], [PHONE_1], [PHONE_1], [PHONE_1] or [PHONE_1]; office [PHONE_2].');
    expect(r.restore(out)).toContain('(555) 867-5309');
  });

  it('replaces email addresses, street addresses and PO boxes', () => {
    const r = new Redactor();
    expect(
      r.text(
        'Write to maria.delgado+quotes@example.co.uk or 1234 Elm Street; she moved from 12 N Main St Apt 4, ' +
          'mail goes to P.O. Box 778 and the shop is at 500 5th Ave, 9 Oak Ln #2 and 77 West Lake Blvd, Austin.',
      ),
    ).toBe(
      'Write to [EMAIL_1] or [ADDRESS_1]; she moved from [ADDRESS_2], mail goes to [ADDRESS_3] and the shop is at [ADDRESS_4], [ADDRESS_5] and [ADDRESS_6], Austin.',
    );
    expect(r.text('She drove 2 miles down the road to Main Street.')).toBe(
      'She drove 2 miles down the road to Main Street.',
    );
  });

  it('replaces VINs (17 characters, no I, O or Q), labelled passports and medical record numbers', () => {
    const r = new Redactor();
    expect(
      r.text(
        'VIN 1HGCM82633A004352 (also 1hgcm82633a004352), passport no. X1234567, passport: 123456789, MRN 00123456, medical record # 4455.',
      ),
    ).toBe(
      'VIN [VIN_1] (also [VIN_1]), passport no. [PASSPORT_1], passport: [PASSPORT_2], MRN [MRN_1], medical record # [MRN_2].',
    );
    // 17 characters with an I or O, or with no letter, are not VINs; "passport expires" has no number
    expect(r.text('1HGCM82633I004352 12345678901234567 passport expires soon')).toBe(
      '1HGCM82633I004352 12345678901234567 passport expires soon',
    );
  });

  it('leaves record ids whole, even when their digits pass for a card number, and redacts around them', () => {
    const r = new Redactor();
    const id = '01a250c5-6111-7006-8759-1bf27ba9470f';
    expect(r.text(`[1] id=${id} (policy), card 4111 1111 1111 1111, id=${id}`)).toBe(
      `[1] id=${id} (policy), card [CARD_1], id=${id}`,
    );
  });

  it('replaces card numbers only when the Luhn check passes', () => {
    const r = new Redactor();
    expect(r.text('Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 378282246310005.')).toBe(
      'Visa [CARD_1], MC [CARD_2], Amex [CARD_3].',
    );
    expect(r.text('Policy 4111 1111 1111 1112 is not a card.')).toBe('Policy 4111 1111 1111 1112 is not a card.');
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('1111111111111111')).toBe(false);
    expect(luhn('0000000000000')).toBe(false);
  });

  it('replaces bank routing and account numbers and IBANs by their labels', () => {
    const r = new Redactor();
    expect(r.text('routing 021000021, account # 000123456789, acct: 9876-5432-10, IBAN DE89370400440532013000')).toBe(
      'routing [BANK_1], account # [BANK_2], acct: [BANK_3], IBAN [BANK_4]',
    );
    expect(r.text('Her account is in good standing since 2019.')).toBe('Her account is in good standing since 2019.');
  });

  it('replaces license numbers after a license label, not other uses of the word', () => {
    const r = new Redactor();
    expect(r.text("Driver's license D4829175; DL# TX-1234567; license no. A12-345-678")).toBe(
      "Driver's license [DL_1]; DL# [DL_2]; license no. [DL_3]",
    );
    expect(r.text('licensed agent, license plate ABC, licensing exam')).toBe(
      'licensed agent, license plate ABC, licensing exam',
    );
  });

  it('replaces dates of birth in any common format after a birth label', () => {
    const r = new Redactor();
    expect(r.text('DOB: 03/07/1984, born on March 7, 1984, date of birth 1984-03-07, birthday 7 Mar 1984')).toBe(
      'DOB: [DOB_1], born on [DOB_2], date of birth [DOB_3], birthday [DOB_4]',
    );
    expect(r.text('Quoted on 03/07/2024, renews 2025-01-01.')).toBe('Quoted on 03/07/2024, renews 2025-01-01.');
  });

  it('replaces known values wherever they appear, in every spelling of a date', () => {
    const r = new Redactor();
    const license = r.value('license', 'B12 3456 789');
    const dob = r.value('dob', '1984-03-07');
    expect(
      r.text(
        'Her number b12 3456 789 (renewed), born 3/7/1984 — also March 7, 1984 and 07 March 1984? no: 7 March 1984.',
      ),
    ).toBe(`Her number ${license} (renewed), born ${dob} — also ${dob} and 07 March 1984? no: ${dob}.`);
    // no partial matches inside longer tokens
    expect(r.text('XB12 3456 7890')).toBe('XB12 3456 7890');
  });

  it('only redacts the kinds it was asked to', () => {
    const r = new Redactor(['ssn']);
    expect(r.text('SSN 078-05-1120, card 4111 1111 1111 1111, DOB 03/07/1984, call 555-867-5309')).toBe(
      'SSN [SSN_1], card 4111 1111 1111 1111, DOB 03/07/1984, call 555-867-5309',
    );
    expect(r.value('dob', '1984-03-07')).toBe('1984-03-07');
    expect(r.stats()).toMatchObject({ ssn: 1, license: 0, dob: 0, card: 0, bank: 0, phone: 0 });
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    const r = new Redactor();
    const once = r.text(
      'SSN 078-05-1120 card 4111111111111111 routing 021000021 DOB 1/2/1990 DL D1234567 123456789 (555) 867-5309 ' +
        'a@b.co 1234 Elm Street VIN 1HGCM82633A004352 passport X1234567 MRN 0012',
    );
    expect(r.text(once)).toBe(once);
  });
});

describe('restore and JSON', () => {
  it('restores placeholders in strings and nested results, leaving unknown ones', () => {
    const r = new Redactor();
    r.value('ssn', '078-05-1120');
    expect(r.restoreDeep({ a: 'x [SSN_1] y [SSN_9]', b: ['[SSN_1]', 3, null] })).toEqual({
      a: 'x 078-05-1120 y [SSN_9]',
      b: ['078-05-1120', 3, null],
    });
    expect(r.mapping().get('[SSN_1]')).toBe('078-05-1120');
  });

  it('redacts sensitive keys of unknown documents whatever their format', () => {
    const r = new Redactor();
    const doc = {
      drivers: [{ name: 'Ann', licenseNumber: 'ZZ9', dob: '1990-01-02', note: 'ssn 078-05-1120' }],
      taxId: 12345,
      'Passport Number': 'ZX9',
      'mobile phone': '867 5309',
      email: 'x at example',
      address: { street: '1 Way', city: 'Austin' },
      vin: 'abc',
    };
    expect(redactJson(doc, r)).toEqual({
      drivers: [{ name: 'Ann', licenseNumber: '[DL_1]', dob: '[DOB_1]', note: 'ssn [SSN_1]' }],
      taxId: '[SSN_2]',
      'Passport Number': '[PASSPORT_1]',
      'mobile phone': '[PHONE_1]',
      email: '[EMAIL_1]',
      address: { street: '[ADDRESS_1]', city: 'Austin' },
      vin: '[VIN_1]',
    });
  });
});
