import type { z } from 'zod';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { settings } from '../../../db/sqlite/sync-state';
import type { SavedMapping, WizardMapping, saveMappingInput } from '../../../shared/api/files';
import type { ImportKind } from '../../../shared/import/fields';
import { importMapping } from '../../../shared/import/mapping';

/** The same key the CLI's --save-mapping uses, so either finds the other's. */
const MAPPING_PREFIX = 'import_mapping:';

/** The mappings saved for a kind, by name. */
export function savedMappings(db: ReplicaDb, kind: ImportKind): SavedMapping[] {
  const rows = db
    .prepare(`SELECT key, value FROM local_settings WHERE key >= ? AND key < ? ORDER BY key`)
    .all(MAPPING_PREFIX, `${MAPPING_PREFIX}\uffff`) as { key: string; value: string }[];
  return rows
    .map((r) => ({ name: r.key.slice(MAPPING_PREFIX.length), saved: JSON.parse(r.value) as { kind?: string } }))
    .filter((r) => r.saved.kind === kind)
    .map((r) => {
      const { kind: _k, ...mapping } = r.saved as WizardMapping & { kind: ImportKind };
      return { name: r.name, kind, mapping };
    });
}

export function saveMapping(db: ReplicaDb, { name, kind, mapping }: z.output<typeof saveMappingInput>) {
  const parsed = importMapping.parse({ ...mapping, kind });
  settings.write(db, `${MAPPING_PREFIX}${name}`, parsed);
  return { name, kind, mapping: parsed } satisfies SavedMapping;
}
