import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * What semantic search indexes, cut into chunks small enough to embed well and to quote as a
 * source: about 800 characters, overlapping by 120 so a sentence cut at a boundary is whole in
 * one of the two. Deterministic: the same text gives the same chunks and the same ids, so a
 * record edited in one place re-embeds only the chunks whose text changed.
 */
export const CHUNK_KINDS = ['note', 'communication', 'ticket', 'summary', 'interaction'] as const;
export type ChunkKind = (typeof CHUNK_KINDS)[number];

export const CHUNK_SIZE = 800;
export const CHUNK_OVERLAP = 120;

export interface Chunk {
  id: string;
  kind: ChunkKind;
  ordinal: number;
  text: string;
}

/** Splits at the last whitespace before the size, so words stay whole; a word longer than a chunk is cut. */
export function splitText(text: string, size = CHUNK_SIZE, overlap = CHUNK_OVERLAP): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const out: string[] = [];
  let start = 0;
  while (start < clean.length) {
    let end = Math.min(clean.length, start + size);
    if (end < clean.length) {
      const space = clean.lastIndexOf(' ', end);
      if (space > start + size / 2) end = space;
    }
    out.push(clean.slice(start, end).trim());
    if (end >= clean.length) break;
    // Step back by the overlap, to a word start.
    let next = Math.max(start + 1, end - overlap);
    const space = clean.indexOf(' ', next);
    if (space !== -1 && space < end) next = space + 1;
    start = next;
  }
  return out;
}

const sha = (s: string) => bytesToHex(sha256(utf8ToBytes(s)));

/** The chunk id: record, kind, position and content, so any change to any of them is a new chunk. */
export function chunkId(recordId: string, kind: ChunkKind, ordinal: number, text: string): string {
  return sha(`${recordId}\u0000${kind}\u0000${ordinal}\u0000${sha(text)}`).slice(0, 32);
}

export function chunkRecord(recordId: string, kind: ChunkKind, text: string): Chunk[] {
  return splitText(text).map((piece, ordinal) => ({
    id: chunkId(recordId, kind, ordinal, piece),
    kind,
    ordinal,
    text: piece,
  }));
}
