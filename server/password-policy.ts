/**
 * What a new password must be: 12 characters at least (code points), 1024 at most, and not a
 * common password. "Common" is the list zxcvbn ships (@zxcvbn-ts/language-common, the ~49,000
 * passwords seen most in breaches), compared without case, also after removing repetition
 * ("passwordpassword") and a trailing run of digits or symbols ("dragon2024!!").
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../shared/errors';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

/** The shortest unit the text repeats ("abcabcabc" → "abc"), or the text itself. */
function repeatedUnit(s: string): string {
  for (let n = 1; n <= s.length / 2; n++) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return s.slice(0, n);
  }
  return s;
}

/** Why this password may not be used, or undefined when it may. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `is too short (${MIN_PASSWORD_LENGTH} characters at least)`;
  if (length > MAX_PASSWORD_LENGTH) return `is too long (${MAX_PASSWORD_LENGTH} characters at most)`;
  const lower = password.toLowerCase();
  const list = commonPasswords();
  const unit = repeatedUnit(lower);
  if (unit.length <= 2) return 'repeats one or two characters; choose a passphrase of several words';
  const bare = lower.replace(/[^\p{L}]+$/u, '');
  for (const candidate of [lower, unit, bare, repeatedUnit(bare)]) {
    if (candidate && list.has(candidate))
      return 'is one of the most common passwords; choose a passphrase of several words';
  }
  return undefined;
}

export function checkPassword(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('invalid_input', `password: ${problem}`, 'password');
}
