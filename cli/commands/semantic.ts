import { z } from 'zod';
import { loadAiSettings, type AiSettings } from '../../electron/main/ai/settings';
import { ask } from '../../electron/main/semantic/ask';
import { createSemanticService } from '../../electron/main/semantic/service';
import type { FieldlineApp } from '../../electron/main/app';
import { dbOption, intOption, parseOptions, usageError } from '../args';
import { withReplica } from './replica';

/**
 * The embedding endpoint for scripts: the environment (OPENAI_BASE_URL, OPENAI_API_KEY,
 * OPENAI_EMBEDDING_MODEL or --model) when it names a model, else the replica's own AI settings.
 * Redaction and the other settings of the replica always apply.
 */
function settingsFor(model: string | undefined) {
  const chosen = model ?? process.env.OPENAI_EMBEDDING_MODEL;
  const baseURL = process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  const settings = chosen
    ? (stored: AiSettings): AiSettings => ({
        ...stored,
        remote: { name: 'env', kind: 'openai', baseURL, model: process.env.OPENAI_MODEL ?? 'none', temperature: null },
        local: null,
        preferLocal: false,
        embeddingModel: chosen,
      })
    : undefined;
  return settings;
}

function semanticFor(app: FieldlineApp, model: string | undefined) {
  return createSemanticService({
    db: app.db,
    getApiKey: async () => process.env.OPENAI_API_KEY || undefined,
    settings: settingsFor(model),
    batchSize: Number(process.env.FIELDLINE_EMBED_BATCH) || undefined,
  });
}

/** `ask --db FILE [--lead ID | --client ID] "QUESTION"`: the answer and the ids it cites (the sources alone without a model). */
export async function askCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({
      db: dbOption,
      lead: z.string().optional(),
      client: z.string().optional(),
      model: z.string().optional(),
    }),
  );
  const question = o._.join(' ');
  if (!question.trim()) usageError('ask needs a question: ask --db FILE [--lead ID | --client ID] "QUESTION"');
  return withReplica(o.db, false, async (app) => {
    const semantic = semanticFor(app, o.model);
    const override = settingsFor(o.model);
    const scope = o.lead ? { lead_id: o.lead } : o.client ? { client_id: o.client } : null;
    const result = await ask(
      {
        db: app.db,
        writer: app.writer,
        semantic,
        settings: () => (override ? override(loadAiSettings(app.db)) : loadAiSettings(app.db)),
        getApiKey: async () => process.env.OPENAI_API_KEY || undefined,
        generate: !override || Boolean(process.env.OPENAI_MODEL),
      },
      question,
      scope,
    );
    return {
      answer: result.answer,
      citations: result.citations,
      dropped: result.dropped,
      sources: result.sources.map((s) => ({ kind: s.kind, id: s.id, title: s.title })),
    };
  });
}

/** `embed --db FILE [--model M]`: indexes what is not indexed yet; progress on stderr, the status on stdout. */
export async function embedCommand(argv: string[]) {
  const o = parseOptions(argv, z.object({ db: dbOption, model: z.string().optional() }));
  return withReplica(o.db, false, async (app) => {
    const semantic = semanticFor(app, o.model);
    const off = semantic.status();
    if (off.state === 'off') usageError(off.reason ?? 'semantic search is off');
    await semantic.index((s) =>
      process.stderr.write(
        `embedded ${s.done} chunks, ${s.perSecond}/s, ${s.recordsLeft} records left${s.secondsLeft === null ? '' : `, about ${s.secondsLeft} s`}\n`,
      ),
    );
    return semantic.status();
  });
}

/** `search --db FILE "TEXT" --semantic`: hybrid (keyword + vector) search. */
export async function semanticSearchCommand(argv: string[]) {
  const o = parseOptions(
    argv,
    z.object({ db: dbOption, limit: intOption(1, 100).default(20), model: z.string().optional() }),
    ['semantic'],
  );
  const text = o._.join(' ');
  if (!text.trim()) usageError('search needs the text to find: search --db FILE "TEXT" --semantic');
  return withReplica(o.db, false, async (app) => semanticFor(app, o.model).search(text, o.limit));
}
