import { z } from 'zod';
import { f } from '../mutations/define';
import type { SearchResult } from './types';

/** The background semantic index as the person sees it: on or off (and why), and how far it is. */
export interface SemanticStatus {
  state: 'off' | 'idle' | 'indexing' | 'error';
  reason: string | null;
  model: string | null;
  /** Chunks embedded with the current model. */
  chunks: number;
  /** This run: chunks embedded so far, records left, chunks per second and seconds left (null: unknown). */
  done: number;
  recordsLeft: number;
  perSecond: number;
  secondsLeft: number | null;
}

export type SemanticResult = SearchResult & { via: Array<'keyword' | 'semantic'> };

export interface SemanticSearchView {
  results: SemanticResult[];
  /** Whether vector results took part; when not, why (shown to the person). */
  semantic: boolean;
  reason: string | null;
}

export interface AskView {
  /** null without a generation model (or nothing found): the sources are the answer. */
  answer: string | null;
  /** Ids of the cited sources (each is one of `sources`). */
  citations: string[];
  sources: SemanticResult[];
  interaction_id: string | null;
  /** Why semantic retrieval is off, when it is. */
  reason: string | null;
}

/** One subject (a lead, client or policy): exactly one id. */
const subject = {
  lead_id: f.id().optional(),
  client_id: f.id().optional(),
  policy_id: f.id().optional(),
};
const oneSubject = (v: { lead_id?: string; client_id?: string; policy_id?: string }) =>
  [v.lead_id, v.client_id, v.policy_id].filter((x) => x !== undefined).length <= 1;

export const semanticSearchInput = z.strictObject({
  text: z.string().max(500),
  limit: z.number().int().min(1).max(50).default(20),
});

export const semanticSimilarInput = z
  .strictObject({ ...subject, limit: z.number().int().min(1).max(30).default(8) })
  .refine((v) => oneSubject(v) && (v.lead_id ?? v.client_id ?? v.policy_id) !== undefined, {
    message: 'name exactly one of lead_id, client_id or policy_id',
    path: ['lead_id'],
  });

export const askInput = z
  .strictObject({ question: z.string().trim().min(1).max(1000), ...subject })
  .refine(oneSubject, { message: 'name at most one of lead_id, client_id or policy_id', path: ['lead_id'] });
