/**
 * How many shape responses may be parsed and not yet applied at once, across a feed's shapes.
 * A parsed snapshot chunk takes about as much memory as its JSON (up to 26 MB for 10,000 leads),
 * and V8 lets its heap grow to a few times what is live before it collects. A response waiting
 * for a slot waits unread, as bytes held back on its socket.
 */
export class ParseSlots {
  private readonly waiting: Array<() => void> = [];

  constructor(private free: number) {}

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
