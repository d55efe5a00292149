/** The shape of a bad-input case, and the values the cases are made of. */
import type { ErrorCode } from '../../../shared/errors';
import { newId } from '../../queries/support';

/** An input, and what the error must say (a substring of the message) and its code. */
export type Case = [input: unknown, says?: string, code?: ErrorCode];
export const m = (name: string, args: unknown, says?: string, code?: ErrorCode): Case => [{ name, args }, says, code];
export const proto = (json: string) => JSON.parse(json) as unknown;

export const BIG = 'x'.repeat(1024 * 1024);
export const UNKNOWN = newId();
export const FTS = 'NEAR( "x OR y* -z AND a:b ^c (';

/** Records the test file makes before the cases run (the cases read them lazily). */
export interface CaseIds {
  lead: string;
  converted: string;
  client: string;
  lost: string;
}
