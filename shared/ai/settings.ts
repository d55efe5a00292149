import { z } from 'zod';
import { REDACTION_KINDS } from './redact-patterns';

/**
 * The shape of the device's AI settings: validated by the main process when saved (see
 * electron/main/ai/settings.ts, which keeps them) and typed for the settings screen through the
 * API contract. The API key is never part of them.
 */
const provider = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** azure: an Azure OpenAI v1 endpoint (https://RESOURCE.openai.azure.com/openai/v1/), which wants an api-key header. */
  kind: z.enum(['openai', 'azure', 'local']).default('openai'),
  baseURL: z.url().max(500),
  model: z.string().trim().min(1).max(200),
  /** null: each task's own temperature; a number: always that; 'model-default': none sent (reasoning models accept no other). */
  temperature: z
    .union([z.number().min(0).max(2), z.literal('model-default')])
    .nullable()
    .default(null),
});
export type ProviderConfig = z.output<typeof provider>;

export const aiSettingsSchema = z.strictObject({
  remote: provider.nullable().default(null),
  /** A model server on this machine or the office network (Ollama, llama.cpp): used offline, or always when preferLocal. */
  local: provider.nullable().default(null),
  preferLocal: z.boolean().default(false),
  /**
   * The embedding model semantic search asks the same provider for (e.g. text-embedding-3-small,
   * nomic-embed-text); null: semantic search is off and nothing is sent for it. Changing it re-embeds.
   */
  embeddingModel: z.string().trim().min(1).max(200).nullable().default(null),
  /** The kinds of identifier replaced by placeholders before a request leaves the machine; all by default. */
  redact: z
    .array(z.enum(REDACTION_KINDS))
    .max(REDACTION_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'lists a kind more than once')
    .default([...REDACTION_KINDS]),
  /** Tokens per user per local day; null for no limit. */
  dailyTokenBudget: z.number().int().positive().nullable().default(200_000),
  /** Budget for the context part of a prompt (estimated at 4 characters a token). */
  /** Capped so a stored prompt stays within what recordAiInteraction accepts. */
  contextTokens: z.number().int().min(300).max(60_000).default(4000),
  timeoutMs: z.number().int().min(50).max(600_000).default(60_000),
  maxRetries: z.number().int().min(0).max(8).default(3),
  backoffMs: z.number().int().min(0).max(60_000).default(1000),
  /** A provider asking us to wait longer than this (retry-after) fails at once instead. */
  maxBackoffMs: z.number().int().min(0).max(600_000).default(30_000),
});
export type AiSettings = z.output<typeof aiSettingsSchema>;
export type AiSettingsInput = z.input<typeof aiSettingsSchema>;
