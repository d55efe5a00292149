import OpenAI from 'openai';
import { AiError } from '../../../shared/ai/errors';
import { Redactor } from '../../../shared/ai/redact';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { vectorsAvailable } from '../../../db/sqlite/vectors';
import type { AiSettings, ProviderConfig } from '../ai/settings';

/** Turns texts into unit vectors. `model` names what the vectors are comparable with. */
export interface Embedder {
  model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export type EmbedderChoice = { embedder: Embedder; reason: null } | { embedder: null; reason: string };

/** The provider semantic search uses: the local model server when preferred or the only one, else the remote one. */
export function embeddingProvider(s: AiSettings): ProviderConfig | null {
  if (s.local && (s.preferLocal || !s.remote)) return s.local;
  return s.remote;
}

function unit(values: number[]): Float32Array {
  const v = Float32Array.from(values);
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/**
 * An embedder over the provider's OpenAI-compatible /embeddings endpoint, through the official
 * SDK. Every text goes through the same Redactor as chat requests (emails, phones, SSNs, cards…
 * become placeholders) before it leaves the machine: a vector of a placeholder is as useful for
 * finding "the note about the claim" and gives nothing away.
 */
export function providerEmbedder(
  s: AiSettings,
  getApiKey: (p: ProviderConfig) => Promise<string | undefined>,
): EmbedderChoice {
  const provider = embeddingProvider(s);
  if (!provider) return { embedder: null, reason: 'Semantic search is off: no AI provider is set up (Settings → AI).' };
  if (!s.embeddingModel)
    return { embedder: null, reason: 'Semantic search is off: no embedding model is chosen (Settings → AI).' };
  const model = s.embeddingModel;
  return {
    reason: null,
    embedder: {
      model,
      async embed(texts, signal) {
        const apiKey = await getApiKey(provider);
        const client = new OpenAI({
          baseURL: provider.baseURL,
          apiKey: apiKey ?? 'no-key',
          maxRetries: s.maxRetries,
          timeout: s.timeoutMs,
          defaultHeaders: provider.kind === 'azure' && apiKey ? { 'api-key': apiKey } : undefined,
        });
        const input = texts.map((t) => new Redactor(s.redact).text(t));
        try {
          const res = await client.embeddings.create({ model, input, encoding_format: 'float' }, { signal });
          const out = new Array<Float32Array>(texts.length);
          for (const d of res.data) out[d.index] = unit(d.embedding);
          if (out.some((v) => !v)) throw new Error('the answer is missing some vectors');
          return out;
        } catch (err) {
          if (err instanceof AiError) throw err;
          throw new AiError(
            'provider_error',
            `${provider.name} could not embed text with "${model}": ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`,
          );
        }
      },
    },
  };
}

export const NO_VECTORS = 'Semantic search is off: the vector extension is missing.';

/** The embedder semantic search uses on `db`'s connection, or why there is none (no sqlite-vec, no provider, no model). */
export function chooseEmbedder(
  db: ReplicaDb,
  s: AiSettings,
  getApiKey: (p: ProviderConfig) => Promise<string | undefined>,
): EmbedderChoice {
  if (!vectorsAvailable(db)) return { embedder: null, reason: NO_VECTORS };
  return providerEmbedder(s, getApiKey);
}
