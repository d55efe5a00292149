import type { ReplicaDb } from '../../../db/sqlite/open';
import { REDACTION_KINDS } from '../../../shared/ai/redact';
import { aiSettingsSchema, type AiSettings, type AiSettingsInput } from '../../../shared/ai/settings';
import { AppError } from '../../../shared/errors';
import { invalidInput } from '../../../shared/mutations/execute';
import { settings as localSettings } from '../../../db/sqlite/sync-state';

export {
  aiSettingsSchema,
  type AiSettings,
  type AiSettingsInput,
  type ProviderConfig,
} from '../../../shared/ai/settings';

/**
 * The device's AI settings (their schema: shared/ai/settings.ts), kept in the replica's
 * local_settings table (never synced). The API key is NOT here: the shell keeps it encrypted
 * with safeStorage and hands it over per call through getApiKey, so it never reaches the renderer or the replica file. The schemas are
 * strict, so a key smuggled into settings is refused rather than silently stored.
 */
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
  const parsed = aiSettingsSchema.safeParse(withNewKinds(raw));
  return parsed.success ? parsed.data : aiSettingsSchema.parse({});
}

/** The kinds redaction had before stored settings recorded which kinds they knew. */
const FIRST_KINDS: readonly string[] = ['ssn', 'license', 'dob', 'card', 'bank'];

/**
 * Stored settings list the kinds redacted; a kind added in a later version is redacted too
 * unless the person turned it off after it existed. So each save records the kinds it knew
 * (`redactKnown`), and a load turns on every kind the stored settings did not know about.
 */
function withNewKinds(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const { redactKnown, ...rest } = raw as Record<string, unknown>;
  if (!Array.isArray(rest.redact)) return rest;
  const known: readonly unknown[] = Array.isArray(redactKnown) ? redactKnown : FIRST_KINDS;
  const added = REDACTION_KINDS.filter((k) => !known.includes(k) && !(rest.redact as unknown[]).includes(k));
  return { ...rest, redact: [...rest.redact, ...added] };
}

export function saveAiSettings(db: ReplicaDb, input: AiSettingsInput): AiSettings {
  const settings = parseAiSettings(input);
  localSettings.write(db, KEY, { ...settings, redactKnown: REDACTION_KINDS });
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
