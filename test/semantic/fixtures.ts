/** A replica with the AI provider pointed at the loopback fake server, and semantic search over it. */
import { saveAiSettings } from '../../electron/main/ai/settings';
import { createSemanticService } from '../../electron/main/semantic/service';
import { uuidv7 } from '../../shared/ids';
import type { Replica } from '../ai/fixtures';

export function semanticService(
  rep: Replica,
  url: string,
  embeddingModel: string | null = 'fake-embed',
  batchSize = 8,
) {
  saveAiSettings(rep.db, {
    remote: { name: 'Fake OpenAI', baseURL: url, model: 'gpt-test' },
    embeddingModel,
    backoffMs: 5,
    timeoutMs: 3000,
    maxRetries: 0,
  });
  return createSemanticService({ db: rep.db, getApiKey: async () => 'sk-test-secret', batchSize });
}

/** An AI summary on the lead and an interaction summary, written as a finished AI task would leave them. */
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
