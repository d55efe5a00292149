import { z } from 'zod';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { knn } from '../../../db/queries/semantic';
import { policyTermFacts, type PolicyTermFacts } from '../../../db/queries/policy-facts';
import { Redactor } from '../../../shared/ai/redact';
import { uuidv7 } from '../../../shared/ids';
import { chat } from '../ai/provider';
import { embeddingProvider } from './embedder';
import { chunkResults, maySeeHit, type HybridResult } from './hybrid';
import type { RecordRef, SemanticService, SubjectRef } from './service';
import type { AiSettings, ProviderConfig } from '../ai/settings';

/** The answer the model must give: checked before anything is shown or stored. */
export const askAnswerSchema = z.strictObject({
  answer: z.string().min(1).max(4000),
  citations: z.array(z.string().min(1).max(80)).max(20),
});

export interface AskResult {
  /** null when no generation model is set up: the retrieved records are the answer. */
  answer: string | null;
  /** Cited records that were among the sources (ids of records in this replica). */
  citations: string[];
  /** Ids the model cited that were not among the sources: dropped, reported. */
  dropped: string[];
  sources: HybridResult[];
  interaction_id: string | null;
}

export interface AskDeps {
  db: ReplicaDb;
  writer: ReplicaWriter;
  semantic: SemanticService;
  settings: () => AiSettings;
  getApiKey: (p: ProviderConfig) => Promise<string | undefined>;
  /** false: no generation model is set up, so the retrieved records are the whole answer. */
  generate?: boolean;
}

/** A policy term's own facts as the first source: the record itself, not a search hit (so no `via`). */
const termSource = (t: PolicyTermFacts): HybridResult => ({
  kind: 'policy',
  id: t.id,
  title: t.policy_number,
  snippet: [{ text: t.brief, hit: false }],
  lead_id: null,
  client_id: t.client_id,
  via: [],
});

/**
 * Ask a question of one lead's, client's or policy term's records, or of the whole book: the
 * nearest chunks (only of records in this replica, not deleted, that the person may see) become
 * numbered sources, the model answers with the ids it relied on, and any id not among the
 * sources is dropped and reported. A policy term is asked of its client's records, with the
 * term's own facts (carrier, line, dates, premium) as source [1].
 */
export async function ask(deps: AskDeps, question: string, subject: SubjectRef | null, k = 8): Promise<AskResult> {
  // resolve checks the subject exists and that the person may see it (a policy: the term itself).
  const scope: RecordRef | null = subject ? deps.semantic.resolve(subject) : null;
  const term = subject && 'policy_id' in subject ? policyTermFacts(deps.db, subject.policy_id) : undefined;
  const actor = deps.semantic.actor();
  const { vector } = await deps.semantic.queryVector(question);
  const hits = vector
    ? knn(
        deps.db,
        vector.model,
        vector.vector,
        k * 3,
        scope ? ('lead_id' in scope ? { lead: scope.lead_id } : { client: scope.client_id }) : {},
      )
    : [];
  // Only chunks the person may see become sources: nothing else is shown or sent to the model.
  const visible = hits.filter((h) => maySeeHit(deps.db, actor, h));
  // At most k results are hydrated: the term's own summary (if found) folds into its facts' source.
  const found = chunkResults(deps.db, visible, undefined, k)
    .filter((r) => r.id !== term?.id)
    .map((r) => ({ ...r, via: ['semantic' as const] }));
  const sources: HybridResult[] = [...(term ? [termSource(term)] : []), ...found].slice(0, k);
  const texts = new Map<string, string>();
  for (const h of visible) if (!texts.has(h.result_id)) texts.set(h.result_id, h.text);
  // The term's AI summary, when indexed, follows its facts in the one source.
  if (term) texts.set(term.id, [term.text, texts.get(term.id)].filter(Boolean).join('\n'));
  const s = deps.settings();
  const provider = embeddingProvider(s);
  if (!provider || deps.generate === false || sources.length === 0)
    return { answer: null, citations: [], dropped: [], sources, interaction_id: null };
  const numbered = sources.map((r, i) => `[${i + 1}] id=${r.id} (${r.kind}: ${r.title})\n${texts.get(r.id) ?? ''}`);
  const system =
    "You answer questions about an insurance agency's records using ONLY the numbered sources given. " +
    'Reply with JSON {"answer": string, "citations": [ids of the sources you used]}. If the sources do not say, answer that you do not know.';
  const user = `Question: ${question}\n\nSources:\n${numbered.join('\n\n')}`;
  const redactor = new Redactor(s.redact);
  const started = Date.now();
  const reply = await chat(
    provider,
    await deps.getApiKey(provider),
    { system, user, outbound: (t) => redactor.text(t), temperature: 0, stream: false },
    s,
  );
  const parsed = askAnswerSchema.safeParse(
    JSON.parse(reply.content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1')),
  );
  if (!parsed.success)
    throw new Error('The AI answer did not have the expected form, so nothing was shown. Try again.');
  const allowed = new Set(sources.map((r) => r.id));
  const citations = [...new Set(parsed.data.citations)].filter((id) => allowed.has(id));
  const dropped = parsed.data.citations.filter((id) => !allowed.has(id));
  let interaction_id: string | null = null;
  if (scope) {
    interaction_id = uuidv7();
    await deps.writer.mutate('recordAiInteraction', {
      id: interaction_id,
      type: 'chat',
      ...scope,
      provider: provider.name,
      model: provider.model,
      prompt: `${redactor.text(system)}\n\n${redactor.text(user)}`,
      response: reply.content,
      status: 'ok',
      prompt_tokens: reply.usage?.prompt_tokens ?? 0,
      completion_tokens: reply.usage?.completion_tokens ?? 0,
      total_tokens: reply.usage?.total_tokens ?? 0,
      latency_ms: Date.now() - started,
      metadata: { task: 'ask', citations, dropped, ...(term ? { policy_id: term.id } : {}) },
    });
  }
  return { answer: redactor.restore(parsed.data.answer), citations, dropped, sources, interaction_id };
}
