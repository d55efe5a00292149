/**
 * recordAiInteraction and applyAiAnnotations on either store, in the style of the mutation
 * contract suites. test/mutations/contract-ai.ts covers the basics inside the contract; these
 * add clients, tickets, a manager writing for an agent's lead, and annotations aimed at a
 * record the call was not about. Run by test/ai/mutations.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import {
  COMM,
  expectAppError,
  expectNoChange,
  hiddenCode,
  id,
  makeClient,
  makeLead,
  useStore,
} from '../mutations/helpers';

const call = (over: Record<string, unknown> = {}) => ({
  type: 'summary',
  provider: 'Fake',
  model: 'gpt-test',
  temperature: 0.3,
  prompt: '[system]\nYou are…\n\n[user]\nName: Dana Ruiz',
  response: '{"summary":"Dana wants a bundle."}',
  summary: 'Dana wants a bundle.',
  status: 'ok',
  prompt_tokens: 120,
  completion_tokens: 30,
  total_tokens: 150,
  latency_ms: 840,
  metadata: { task: 'summary', redacted: { ssn: 1 } },
  ...over,
});

export function aiServiceSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('ai', () => {
    const ctx = useStore(kind, covered);

    it('recordAiInteraction stores the call, owned like its lead, and applies the result’s AI fields with it', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const now = '2025-03-10T09:00:00.000Z';
      const out = await store.run(
        'recordAiInteraction',
        call({
          lead_id: lead.id,
          annotations: {
            table: 'leads',
            id: lead.id,
            fields: { ai_summary: 'Dana wants a bundle.', ai_insights: { summary: { highlights: ['bundle'] } } },
          },
        }),
        people.manager,
        now,
      );
      expect(await store.get('ai_interactions', out.id)).toMatchObject({
        type: 'summary',
        lead_id: lead.id,
        client_id: null,
        user_id: people.manager.userId,
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        model: 'gpt-test',
        temperature: 0.3,
        status: 'ok',
        total_tokens: 150,
        latency_ms: 840,
        created_at: now,
      });
      expect(await store.get('leads', lead.id)).toMatchObject({
        ai_summary: 'Dana wants a bundle.',
        ai_insights: { summary: { highlights: ['bundle'] } },
        ai_updated_at: now,
        updated_at: now,
      });
      // a later task adds its own ai_insights key beside the first one
      await store.run(
        'applyAiAnnotations',
        { table: 'leads', id: lead.id, fields: { ai_score: 70, ai_insights: { risk: { risk_score: 20 } } } },
        people.agent,
      );
      expect((await store.get('leads', lead.id))!.ai_insights).toEqual({
        summary: { highlights: ['bundle'] },
        risk: { risk_score: 20 },
      });
    });

    it('a communication’s or ticket’s lead is filled in; clients work too', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const comm = await store.run(
        'logCommunication',
        { lead_id: lead.id, communication_type_id: COMM.email, body: 'hi' },
        people.agent,
      );
      const out = await store.run(
        'recordAiInteraction',
        call({
          type: 'sentiment',
          communication_id: comm.id,
          annotations: {
            table: 'lead_communications',
            id: comm.id,
            fields: { ai_sentiment: 'positive', ai_sentiment_score: 0.8 },
          },
        }),
        people.agent,
      );
      expect(await store.get('ai_interactions', out.id)).toMatchObject({ communication_id: comm.id, lead_id: lead.id });
      expect(await store.get('lead_communications', comm.id)).toMatchObject({
        ai_sentiment: 'positive',
        ai_sentiment_score: 0.8,
      });
      const client = await makeClient(store, people.agent);
      const ticket = await store.run('createTicket', { client_id: client.id, subject: 'Refund' }, people.agent);
      await store.run(
        'recordAiInteraction',
        call({
          type: 'triage',
          ticket_id: ticket.id,
          annotations: {
            table: 'support_tickets',
            id: ticket.id,
            fields: { ai_category: 'billing', ai_urgency: 'high' },
          },
        }),
        people.agent,
      );
      expect(await store.get('support_tickets', ticket.id)).toMatchObject({
        ai_category: 'billing',
        ai_urgency: 'high',
      });
    });

    it('a failed call is recorded without any AI field', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const out = await store.run(
        'recordAiInteraction',
        call({ lead_id: lead.id, status: 'error', error: 'timed out', response: null }),
        people.agent,
      );
      expect(await store.get('ai_interactions', out.id)).toMatchObject({
        status: 'error',
        error: 'timed out',
        response: null,
      });
      expect(await store.get('leads', lead.id)).toMatchObject({ ai_summary: null, ai_updated_at: null });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run(
            'recordAiInteraction',
            call({
              lead_id: lead.id,
              status: 'error',
              error: 'x',
              annotations: { table: 'leads', id: lead.id, fields: { ai_summary: 'no' } },
            }),
            people.agent,
          ),
          'invalid_input',
          'annotations',
        );
        await expectAppError(
          store.run('recordAiInteraction', call({ lead_id: lead.id, status: 'error' }), people.agent),
          'invalid_input',
          'error',
        );
      });
    });

    it('refuses non-AI fields, unrelated records, missing subjects and other people’s records', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const other = await makeLead(store, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: lead.id, fields: { status_id: id() } }, people.agent),
          'invalid_input',
        );
        await expectAppError(
          store.run(
            'applyAiAnnotations',
            { table: 'leads', id: lead.id, fields: { ai_summary: 'x', quoted_premium: 1 } },
            people.agent,
          ),
          'invalid_input',
        );
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: lead.id, fields: {} }, people.agent),
          'invalid_input',
        );
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: id(), fields: { ai_summary: 'x' } }, people.agent),
          'not_found',
        );
        await expectAppError(
          store.run(
            'applyAiAnnotations',
            { table: 'leads', id: lead.id, fields: { ai_summary: 'x' } },
            people.otherAgent,
          ),
          hiddenCode(store),
        );
        await expectAppError(store.run('recordAiInteraction', call({}), people.agent), 'invalid_input', 'lead_id');
        await expectAppError(
          store.run(
            'recordAiInteraction',
            call({ lead_id: lead.id, annotations: { table: 'leads', id: other.id, fields: { ai_summary: 'x' } } }),
            people.agent,
          ),
          'invalid_input',
          'annotations.id',
        );
        await expectAppError(
          store.run('recordAiInteraction', call({ lead_id: lead.id }), people.otherAgent),
          hiddenCode(store),
        );
      });
    });
  });
}
