import type { ReplicaDb } from '../../../db/sqlite/open';
import { settings as localSettings } from '../../../db/sqlite/sync-state';
import { bookSettingsSchema, type BookSettings } from '../../../shared/book/settings';
import { invalidInput } from '../../../shared/mutations/execute';

/** The book settings (shared/book/settings.ts) in the replica's local_settings, as the AI settings are. */
const KEY = 'book_settings';

export function loadBookSettings(db: ReplicaDb): BookSettings {
  // A stored value an older or newer version wrote that no longer parses falls back to the defaults.
  let raw: unknown = {};
  try {
    raw = localSettings.read(db, KEY) ?? {};
  } catch {
    raw = {};
  }
  const parsed = bookSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : bookSettingsSchema.parse({});
}

/** Checks the whole settings object (a field left out takes its default) and stores it. */
export function saveBookSettings(db: ReplicaDb, input: unknown): BookSettings {
  const parsed = bookSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  localSettings.write(db, KEY, parsed.data);
  return parsed.data;
}
