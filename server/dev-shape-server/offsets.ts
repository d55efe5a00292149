/**
 * Shape-log offsets as Electric writes them: `<tx>_<op>`, compared as a tuple
 * (tx first). `-1` sorts before everything. The initial snapshot lives at
 * tx 0: row i is `0_i` and `0_inf` means "snapshot fully delivered"; changes
 * from the replication stream use the transaction's commit LSN as tx.
 */
export interface LogOffset {
  /** -1n for "before all". */
  tx: bigint;
  /** Infinity for `<tx>_inf`. */
  op: number;
}

export const BEFORE_ALL: LogOffset = { tx: -1n, op: 0 };
export const SNAPSHOT_END: LogOffset = { tx: 0n, op: Infinity };

export function parseOffset(text: string): LogOffset | null {
  if (text === '-1') return BEFORE_ALL;
  const match = /^(\d{1,20})_(\d{1,15}|inf)$/.exec(text);
  if (!match) return null;
  const tx = BigInt(match[1]!);
  if (tx >= 2n ** 64n) return null;
  return { tx, op: match[2] === 'inf' ? Infinity : Number(match[2]) };
}

export function formatOffset(offset: LogOffset): string {
  if (offset.tx < 0n) return '-1';
  return `${offset.tx}_${offset.op === Infinity ? 'inf' : offset.op}`;
}

export function compareOffsets(a: LogOffset, b: LogOffset): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.op === b.op) return 0;
  return a.op < b.op ? -1 : 1;
}

/** True while `offset` still points into the initial snapshot. */
export function isInSnapshot(offset: LogOffset): boolean {
  return offset.tx < 0n || (offset.tx === 0n && offset.op !== Infinity);
}
