import { createAiService } from '../../electron/main/ai/service';
import { AppError } from '../../shared/errors';
import type { AiTask } from '../../shared/ai/schemas';
import { withReplica } from './replica';

export interface AiCommandOptions {
  db: string;
  task: AiTask;
  lead?: string;
  communication?: string;
  ticket?: string;
  policy?: string;
  model?: string;
  channel?: 'email' | 'sms';
}

/**
 * Runs one AI task on a replica for scripts. The provider comes from the environment
 * (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL or --model); the replica's own AI settings
 * still apply (redaction, daily budget, limits). The result is stored exactly as the app
 * stores it (ai_interactions + the record's AI fields, queued in the outbox) and returned.
 */
export async function aiCommand(opts: AiCommandOptions): Promise<unknown> {
  const model = opts.model ?? process.env.OPENAI_MODEL;
  if (!model) throw new AppError('invalid_input', 'set OPENAI_MODEL or pass --model', 'model');
  const baseURL = process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  return withReplica(opts.db, false, async (app) => {
    const service = createAiService({
      db: app.db,
      writer: app.writer,
      actor: app.actor,
      getApiKey: async () => process.env.OPENAI_API_KEY || undefined,
      // The environment names one endpoint; a script asks for exactly that, never a fallback.
      settings: (stored) => ({
        ...stored,
        remote: { name: 'env', kind: 'openai', baseURL, model, temperature: null },
        local: null,
        preferLocal: false,
      }),
    });
    const { result } = await service.run(opts.task, {
      lead: opts.lead,
      communication: opts.communication,
      ticket: opts.ticket,
      policy: opts.policy,
      channel: opts.channel,
    });
    return result;
  });
}
