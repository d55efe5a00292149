/**
 * Pulls one string field out of a JSON object while it is still being streamed, so a summary
 * can be shown as it is written although the model answers in JSON. Feed it the raw chunks;
 * it returns the newly decoded text of the field each time (empty until the field starts,
 * and after it ends). Escapes split across chunks are held back until complete.
 */
export class StreamedJsonField {
  private buffer = '';
  private start = -1;
  private pos = 0;
  private done = false;
  private readonly key: RegExp;

  constructor(field: string) {
    this.key = new RegExp(`"${field.replace(/[^\w]/g, '')}"\\s*:\\s*"`);
  }

  push(chunk: string): string {
    this.buffer += chunk;
    if (this.done) return '';
    if (this.start < 0) {
      const m = this.key.exec(this.buffer);
      if (!m) return '';
      this.start = m.index + m[0].length;
      this.pos = this.start;
    }
    let out = '';
    while (this.pos < this.buffer.length) {
      const c = this.buffer[this.pos]!;
      if (c === '"') {
        this.done = true;
        break;
      }
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const next = this.buffer[this.pos + 1];
      if (next === undefined) break; // the escape continues in the next chunk
      if (next === 'u') {
        const hex = this.buffer.slice(this.pos + 2, this.pos + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      out += ESCAPES[next] ?? next;
      this.pos += 2;
    }
    return out;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
