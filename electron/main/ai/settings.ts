import { z } from 'zod';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { REDACTION_KINDS } from '../../../shared/ai/redact';
import { AppError } from '../../../shared/errors';
import { invalidInput } from '../../../shared/mutations/execute';
import { settings as localSettings } from '../../../db/sqlite/sync-state';

/**
 * The device's AI settings, kept in the replica's local_settings table (never synced). The API
 * key is NOT here: the shell keeps it encrypted with safeStorage and hands it over per call
 * through getApiKey, so it never reaches the renderer or the replica file. The schemas are
 * strict, so a key smuggled into settings is refused rather than silently stored.
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
  redact: z.array(z.enum(REDACTION_KINDS)).default([...REDACTION_KINDS]),
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

const KEY = 'ai_settings';
const SECRET_NAME = /^(key|.*api_?key|.*secret|.*token|.*password)$/i;

function findSecret(value: unknown, path = ''): string | null {
  if (!value || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_NAME.test(k)) return path ? `${path}.${k}` : k;
    const inner = findSecret(v, path ? `${path}.${k}` : k);
    if (inner) return inner;
  }
  return null;
}

export function parseAiSettings(input: unknown): AiSettings {
  const secret = findSecret(input);
  if (secret)
    throw new AppError(
      'invalid_input',
      'the API key is kept in the system keychain by the app, never in settings',
      secret,
    );
  const parsed = aiSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

export function loadAiSettings(db: ReplicaDb): AiSettings {
  // A setting written by an older version that no longer parses falls back to defaults rather than locking AI out.
  let raw: unknown = {};
  try {
    raw = localSettings.read(db, KEY) ?? {};
  } catch {
    raw = {};
  }
  const parsed = aiSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : aiSettingsSchema.parse({});
}

export function saveAiSettings(db: ReplicaDb, input: AiSettingsInput): AiSettings {
  const settings = parseAiSettings(input);
  localSettings.write(db, KEY, settings);
  return settings;
}

/** Tokens this user spent today (local calendar day), from the synced audit trail, so every device counts. */
export function tokensUsedToday(db: ReplicaDb, userId: string, now: Date): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(total_tokens), 0) AS used FROM ai_interactions WHERE user_id = ? AND created_at >= ? AND deleted_at IS NULL`,
    )
    .get(userId, start.toISOString()) as { used: number };
  return Number(row.used);
}
