import { isChangeMessage, type Message, type Row as ElectricRow } from '@electric-sql/client';
import type { TableName } from '../../../shared/model/catalogue';
import { BadMessageError, parseChange, type ServerChange } from './messages';
import type { ParseSlots } from './parse-slots';
import { isParsedChanges, PARSED_CHANGES, readShapeBody } from './shape-body';

/** A shape response's changes and control messages, in order. */
export type FeedItem = ServerChange | Message<ElectricRow>;

/**
 * One shape's responses, parsed by the feed rather than by the Electric client (readShapeBody):
 * the stream's fetch client, which hands the client each body's control messages and markers,
 * and the changes those markers stand for, until the stream hands the markers on.
 */
export class ParsedResponses {
  private readonly parsed = new Map<number, ServerChange[] | Error>();
  private batches = 0;
  /** This shape holds one of the feed's parse slots (from reading a body until its rows are applied). */
  private holding = false;

  constructor(
    private readonly table: TableName,
    private readonly slots: ParseSlots,
    private readonly fetchClient: typeof fetch = fetch,
  ) {}

  /**
   * Gives back this shape's parse slot: once the stream's subscriber is done with what it handed
   * on, or when the shape reads its next body (the client dropped the last one unseen).
   */
  release() {
    if (!this.holding) return;
    this.holding = false;
    this.slots.give();
  }

  /**
   * The stream's fetch client. A body is read and parsed only when the client reads it, so the
   * chunks it prefetches wait as bytes on the socket, not as rows.
   */
  readonly fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const res = await this.fetchClient(input, init);
    if (res.status !== 200 || !res.body) return res;
    const body = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          this.release();
          await this.slots.take();
          this.holding = true;
          const batch = ++this.batches;
          let forClient: string;
          try {
            // Read through `res`, which must stay reachable until its body is read: fetch cancels
            // the body of a Response once it is garbage collected, and a cancelled body reads as
            // empty (a prefetched chunk waits unread long enough for that to happen).
            const read = await readShapeBody(this.table, res.body!, batch);
            this.parsed.set(batch, read.changes);
            forClient = read.forClient;
          } catch (err) {
            if (!(err instanceof BadMessageError)) {
              this.release();
              throw err; // the body could not be read: the client retries
            }
            // Handed on to resolve, which throws it (the feed stops the shape); the client gets nothing else.
            this.parsed.set(batch, err);
            forClient = JSON.stringify([{ headers: { control: PARSED_CHANGES, batch, count: 0 } }]);
          }
          controller.enqueue(new TextEncoder().encode(forClient));
          controller.close();
        },
        cancel: (reason) => res.body?.cancel(reason),
      },
      { highWaterMark: 0 }, // nothing read ahead of the client's own reading
    );
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  /**
   * The messages the stream handed on, with each marker replaced by the changes it stands for.
   * Throws what made a response's changes unusable (a BadMessageError of the body).
   */
  resolve(messages: Message<ElectricRow>[]): FeedItem[] {
    const items: FeedItem[] = [];
    const taken = new Map<number, number>();
    let last = 0;
    for (const m of messages) {
      if (isParsedChanges(m)) {
        const { batch, count } = m.headers;
        const changes = this.parsed.get(batch);
        if (changes instanceof Error) throw changes;
        // A bug, not bad input: the shape stops rather than skip the rows.
        if (!changes) throw new Error(`${this.table}: the changes of response ${batch} were lost`);
        // A body's changes come in runs around its control messages: this marker's run is the next `count`.
        const from = taken.get(batch) ?? 0;
        if (from + count > changes.length) throw new Error(`${this.table}: response ${batch} had fewer changes`);
        for (let i = from; i < from + count; i++) items.push(changes[i]!);
        taken.set(batch, from + count);
        last = Math.max(last, batch);
      } else if (isChangeMessage(m)) {
        items.push(parseChange(this.table, m)); // one the client made up itself (none in use)
      } else {
        items.push(m);
      }
    }
    // Responses parsed but never handed on (the client dropped them) go with the ones handed on.
    for (const batch of this.parsed.keys()) if (batch <= last) this.parsed.delete(batch);
    return items;
  }
}
