import { describe, expect, it } from 'vitest';
import { isValidVin } from '../../../shared/coverage';

describe('isValidVin', () => {
  it.each(['1HGCM82633A004352', '1M8GDM9AXKP042788', '11111111111111111'])(
    'accepts real VIN %s',
    (vin) => {
      expect(isValidVin(vin)).toBe(true);
    },
  );

  it('is case-insensitive', () => {
    expect(isValidVin('1hgcm82633a004352')).toBe(true);
  });

  it.each([
    ['wrong check digit', '1HGCM82643A004352'],
    ['one character changed', '1HGCM82633A004353'],
    ['check digit X replaced', '1M8GDM9A1KP042788'],
    ['too short', '1HGCM82633A00435'],
    ['too long', '1HGCM82633A0043521'],
    ['contains I', '1HGCM8I633A004352'],
    ['contains O', 'OHGCM82633A004352'],
    ['contains Q', '1HGCM82633Q004352'],
    ['punctuation', '1HGCM82633A00435-'],
    ['empty', ''],
    ['altered last character', '11111111111111112'],
  ])('rejects %s', (_label, vin) => {
    expect(isValidVin(vin)).toBe(false);
  });

  it('rejects non-strings without throwing', () => {
    expect(isValidVin(null as unknown as string)).toBe(false);
    expect(isValidVin(12345678901234 as unknown as string)).toBe(false);
  });
});
