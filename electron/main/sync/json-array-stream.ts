/**
 * Splits a JSON array arriving in byte chunks into the text of each of its elements (objects or
 * arrays), without ever holding the whole array: a shape response is up to tens of MB of JSON,
 * and reading it whole costs its size three times over (the chunks, their concatenation, the
 * string) before one message of it is parsed. Only nesting and strings are followed here (not
 * commas): each element's text goes to JSON.parse, which checks the rest. UTF-8 is scanned as
 * bytes: no byte of a multi-byte character is ASCII.
 */
export class JsonArraySplitter {
  /** 0 before the array, 1 inside it between elements, 2+ inside an element; -1 after it. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The bytes of an element begun in earlier chunks. */
  private pieces: Uint8Array[] = [];
  private readonly decoder = new TextDecoder();

  constructor(private readonly onElement: (text: string) => void) {}

  push(chunk: Uint8Array) {
    let start = this.depth >= 2 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) this.inString = false;
        else {
          // The rest of the string up to its next quote or backslash, found natively.
          const q = chunk.indexOf(0x22, i);
          const e = chunk.indexOf(0x5c, i);
          const next = q < 0 ? e : e < 0 ? q : Math.min(q, e);
          if (next < 0) break;
          i = next - 1;
        }
        continue;
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      if (this.depth >= 2) {
        if (b === 0x22) this.inString = true;
        else if (b === 0x7b || b === 0x5b) this.depth++;
        else if (b === 0x7d || b === 0x5d) {
          if (--this.depth === 1) {
            this.element(chunk.subarray(start, i + 1));
            start = -1;
          }
        }
      } else if (this.depth === 1) {
        if (b === 0x7b || b === 0x5b) {
          this.depth = 2;
          start = i;
        } else if (b === 0x5d) this.depth = -1;
        else if (b !== 0x2c) throw new SyntaxError(`an array element that is not an object at byte ${i}`);
      } else if (this.depth === 0) {
        if (b !== 0x5b) throw new SyntaxError('not a JSON array');
        this.depth = 1;
      } else {
        throw new SyntaxError('text after the end of the array');
      }
    }
    // An element still open carries on into the next chunk.
    if (this.depth >= 2) this.pieces.push(chunk.subarray(start));
  }

  /** Checks that the array was complete. */
  end() {
    if (this.depth === 0) throw new SyntaxError('no JSON array');
    if (this.depth > 0) throw new SyntaxError('the array is cut short');
  }

  private element(tail: Uint8Array) {
    let bytes = tail;
    if (this.pieces.length) {
      this.pieces.push(tail);
      bytes = Buffer.concat(this.pieces);
      this.pieces = [];
    }
    this.onElement(this.decoder.decode(bytes));
  }
}
