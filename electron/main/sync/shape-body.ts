import type { TableName } from '../../../shared/model/catalogue';
import { JsonArraySplitter } from './json-array-stream';
import { BadMessageError, parseChange, type ServerChange } from './messages';

/**
 * The control message that stands, in the body handed on to the Electric client, for a run of
 * change messages the feed parsed itself (`count` of them, kept under `batch`).
 */
export const PARSED_CHANGES = 'fieldline-changes';

export interface ParsedChangesMessage {
  headers: { control: typeof PARSED_CHANGES; batch: number; count: number };
}

export const isParsedChanges = (m: { headers: object }): m is ParsedChangesMessage =>
  (m.headers as { control?: unknown }).control === PARSED_CHANGES;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a shape response's body (a JSON array of messages) message by message into its change
 * messages, each validated and converted (parseChange), and the body to hand the Electric client
 * instead: its control messages in their place, and one PARSED_CHANGES marker for each run of
 * changes. The client would read the body whole, twice, parse it with a reviver, and hand over
 * objects our validation copied again: for a snapshot chunk of 10,000 rows (up to 26 MB of JSON
 * for leads) that garbage, not the rows, set a first sync's peak memory. Throws a
 * BadMessageError for a body that is not a JSON array of messages or holds a malformed change;
 * an error reading the body (or no body at all) is thrown as it is, to be retried.
 */
export async function readShapeBody(
  table: TableName,
  body: AsyncIterable<Uint8Array>,
  batch: number,
): Promise<{ changes: ServerChange[]; forClient: string }> {
  const changes: ServerChange[] = [];
  const forClient: unknown[] = [];
  let run = 0;
  const endRun = () => {
    if (run > 0) forClient.push({ headers: { control: PARSED_CHANGES, batch, count: run } });
    run = 0;
  };
  const splitter = new JsonArraySplitter((text) => {
    let m: unknown;
    try {
      m = JSON.parse(text);
    } catch (err) {
      throw new BadMessageError(table, `a message is not JSON (${(err as Error).message})`);
    }
    const headers = isRecord(m) ? m.headers : undefined;
    if (isRecord(headers) && 'control' in headers) {
      endRun();
      forClient.push(m);
    } else {
      changes.push(parseChange(table, m));
      run++;
    }
  });
  let received = 0;
  for await (const chunk of body) {
    received += chunk.length;
    try {
      splitter.push(chunk);
    } catch (err) {
      throw err instanceof SyntaxError
        ? new BadMessageError(table, `the response is not a JSON array of messages (${err.message})`)
        : err;
    }
  }
  // Electric answers 200 with a JSON array, `[]` at least. No bytes at all is a body lost on the
  // way (a cancelled stream reads as empty), not an empty array: taken as one, the chunk the
  // headers moved past would be skipped. Thrown as a read error, so the request is made again.
  if (received === 0) throw new Error(`${table}: the response body was empty`);
  try {
    splitter.end();
  } catch (err) {
    throw new BadMessageError(table, `the response is not a JSON array of messages (${(err as Error).message})`);
  }
  endRun();
  return { changes, forClient: JSON.stringify(forClient) };
}
