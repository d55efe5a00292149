/** A replica with the AI provider pointed at the loopback fake server, and semantic search over it. */
import { saveAiSettings } from '../../electron/main/ai/settings';
import { createSemanticService } from '../../electron/main/semantic/service';
import { uuidv7 } from '../../shared/ids';
import type { ReplicaDb } from '../../db/sqlite/open';
import { INS, STATUS, type Replica } from '../ai/fixtures';

/** Points the replica's AI settings at the loopback fake server, embedding with `embeddingModel`. */
export function useFakeProvider(db: ReplicaDb, url: string, embeddingModel: string | null = 'fake-embed') {
  saveAiSettings(db, {
    remote: { name: 'Fake OpenAI', baseURL: url, model: 'gpt-test' },
    embeddingModel,
    backoffMs: 5,
    timeoutMs: 3000,
    maxRetries: 0,
  });
}

export function semanticService(
  rep: Replica,
  url: string,
  embeddingModel: string | null = 'fake-embed',
  batchSize = 8,
  options: { partitionAt?: number } = {},
) {
  useFakeProvider(rep.db, url, embeddingModel);
  return createSemanticService({ db: rep.db, getApiKey: async () => 'sk-test-secret', batchSize, ...options });
}

/** A new home lead, Pat `lastName`, with these notes; its id. */
export async function leadWithNotes(rep: Replica, lastName: string, bodies: Iterable<string>): Promise<string> {
  const { result } = await rep.writer.mutate('createLead', {
    first_name: 'Pat',
    last_name: lastName,
    insurance_type_id: INS.home,
    status_id: STATUS.new,
  });
  const id = (result as { id: string }).id;
  for (const body of bodies) await rep.writer.mutate('addNote', { lead_id: id, body });
  return id;
}

export function plantSummaries(rep: Replica, leadId: string, summary: string, interaction: string) {
  const now = new Date().toISOString();
  rep.db.prepare('UPDATE leads SET ai_summary = ?, updated_at = ? WHERE id = ?').run(summary, now, leadId);
  rep.db
    .prepare(
      `INSERT INTO ai_interactions (id, owner_id, type, lead_id, user_id, model, prompt, summary, status, created_at, updated_at)
       VALUES (?, ?, 'summary', ?, ?, 'gpt-test', 'p', ?, 'ok', ?, ?)`,
    )
    .run(uuidv7(), rep.actor.userId, leadId, rep.actor.userId, interaction, now, now);
}

export const chunkRows = (rep: Replica) =>
  rep.db
    .prepare('SELECT chunk_id, source_table, source_id, kind, text FROM semantic_chunks ORDER BY chunk_id')
    .all() as Array<{
    chunk_id: string;
    source_table: string;
    source_id: string;
    kind: string;
    text: string;
  }>;
