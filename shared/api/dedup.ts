import { z } from 'zod';
import { f } from '../mutations/define';

/** What the duplicate scan and merge look at: the three kinds of record a person can be. */
export const DEDUP_KINDS = ['leads', 'clients', 'contacts'] as const;
export type DedupKind = (typeof DEDUP_KINDS)[number];

/** The Duplicates screen's list: the last scan's pairs that are still live and not dismissed. */
export const duplicatesListInput = z.object({
  kind: z.enum(DEDUP_KINDS),
  limit: z.number().int().min(1).max(500).default(200),
});

/** Re-scan: incremental after the first scan (only pairs with a new or changed record are scored). */
export const duplicatesScanInput = z.object({ kind: z.enum(DEDUP_KINDS), full: z.boolean().default(false) });

/** "Not a duplicate": the pair is left out of every later list on this replica. */
export const duplicatesDismissInput = z
  .object({ kind: z.enum(DEDUP_KINDS), a: f.id(), b: f.id() })
  .refine((p) => p.a !== p.b, { message: 'a record is not a duplicate of itself', path: ['b'] });

/** The merge screen: both records side by side and what would move to the survivor. */
export const mergePreviewInput = z
  .object({ kind: z.enum(DEDUP_KINDS), survivor_id: f.id(), merged_id: f.id() })
  .refine((p) => p.survivor_id !== p.merged_id, {
    message: 'a record cannot be merged into itself',
    path: ['merged_id'],
  });

/** One side of a probable pair, as the list shows it. */
export interface DuplicateSide {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  created_at: string;
}

export interface DuplicatePairView {
  a: DuplicateSide;
  b: DuplicateSide;
  score: number;
  reasons: string[];
}

export interface DuplicateList {
  kind: DedupKind;
  /** False until the first scan of this kind on this replica. */
  scanned: boolean;
  pairs: DuplicatePairView[];
  /** Pairs the scan found that are not shown (past the limit). */
  more: number;
}

export interface DuplicateScanResult {
  kind: DedupKind;
  records: number;
  scanned: number;
  incremental: boolean;
  found: number;
}

/** An address as the merge screen names it (the choice is between the two records' addresses). */
export interface AddressSummary {
  id: string;
  text: string;
}

export interface MergeSide {
  row: Record<string, unknown>;
  name: string;
  addresses: Record<string, AddressSummary | null>;
}

export interface MergePreview {
  kind: DedupKind;
  survivor: MergeSide;
  merged: MergeSide;
  /** What moves from the merged record to the survivor, by what it is: only kinds with at least one. */
  moving: Array<{ table: string; label: string; count: number }>;
}
