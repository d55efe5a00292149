/** recordAiInteraction and applyAiAnnotations: AI results only reach whitelisted columns. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { CARRIER_SEEDS } from '../../shared/lookups';
import type { Row } from '../../shared/model/catalogue';
import { COMM, expectAppError, expectNoChange, hiddenCode, id, INS, makeClient, makeLead, useStore } from './helpers';

export function aiSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('AI results', () => {
    const ctx = useStore(kind, covered);
    const call = { type: 'summary', model: 'test-model', prompt: 'Summarise the lead', status: 'ok' } as const;

    it('records a call and its annotations together, merging ai_insights', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const now = '2025-03-18T10:00:00.000Z';
      const first = await store.run(
        'recordAiInteraction',
        {
          ...call,
          lead_id: lead.id,
          response: '{"summary":"x"}',
          total_tokens: 120,
          latency_ms: 900,
          annotations: {
            table: 'leads',
            id: lead.id,
            fields: { ai_summary: 'Wants auto + home', ai_insights: { summary: { highlights: ['bundle'] } } },
          },
        },
        people.agent,
        now,
      );
      expect(first.applied).toEqual({ table: 'leads', id: lead.id, changed: ['ai_summary', 'ai_insights'] });
      expect(await store.get('ai_interactions', first.id)).toMatchObject({
        type: 'summary',
        lead_id: lead.id,
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        user_id: people.agent.userId,
        total_tokens: 120,
        status: 'ok',
        created_at: now,
      });
      await store.run(
        'applyAiAnnotations',
        { table: 'leads', id: lead.id, fields: { ai_score: 72.5, ai_insights: { risk: { level: 'low' } } } },
        people.agent,
      );
      expect(await store.get('leads', lead.id)).toMatchObject({
        ai_summary: 'Wants auto + home',
        ai_score: 72.5,
        ai_insights: { summary: { highlights: ['bundle'] }, risk: { level: 'low' } },
        status_id: lead.status_id,
      });
    });

    it('fills the lead of a communication and records failed calls without annotations', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const comm = await store.run(
        'logCommunication',
        { lead_id: lead.id, communication_type_id: COMM.call, body: 'Angry about price' },
        people.agent,
      );
      const res = await store.run(
        'recordAiInteraction',
        {
          ...call,
          type: 'sentiment',
          communication_id: comm.id,
          annotations: {
            table: 'lead_communications',
            id: comm.id,
            fields: { ai_sentiment: 'negative', ai_sentiment_score: -0.6 },
          },
        },
        people.manager,
      );
      expect(await store.get('ai_interactions', res.id)).toMatchObject({
        lead_id: lead.id,
        communication_id: comm.id,
        owner_id: people.agent.userId,
        user_id: people.manager.userId,
      });
      expect(await store.get('lead_communications', comm.id)).toMatchObject({
        ai_sentiment: 'negative',
        ai_sentiment_score: -0.6,
      });
      const failed = await store.run(
        'recordAiInteraction',
        { ...call, lead_id: lead.id, status: 'error', error: 'timeout' },
        people.agent,
      );
      expect(failed.applied).toBeNull();
      expect(await store.get('ai_interactions', failed.id)).toMatchObject({ status: 'error', error: 'timeout' });
    });

    it('a policy term’s retention risk lands on the term, recorded on its client; never on another client’s term', async () => {
      const { store, people } = ctx;
      const term = async (clientId: string) =>
        (await store.run(
          'addPolicy',
          {
            client_id: clientId,
            carrier_id: CARRIER_SEEDS[0]!.id,
            insurance_type_id: INS.auto,
            policy_number: `PA-${id().slice(-6)}`,
            effective_date: '2026-01-01',
            expiration_date: '2027-01-01',
            written_premium: 1000,
          },
          people.agent,
        )) as Row<'policies'>;
      const client = await makeClient(store, people.agent);
      const other = await makeClient(store, people.agent);
      const mine = await term(client.id);
      const theirs = await term(other.id);
      const risk = { type: 'risk', model: 'test-model', prompt: 'Assess the renewal', status: 'ok' } as const;
      const done = await store.run(
        'recordAiInteraction',
        {
          ...risk,
          client_id: client.id,
          annotations: {
            table: 'policies',
            id: mine.id,
            fields: { ai_retention_risk: 62, ai_retention_reasons: ['premium up 12%'] },
          },
        },
        people.agent,
      );
      expect(done.applied).toEqual({
        table: 'policies',
        id: mine.id,
        changed: ['ai_retention_risk', 'ai_retention_reasons'],
      });
      expect(await store.get('policies', mine.id)).toMatchObject({
        ai_retention_risk: 62,
        ai_retention_reasons: ['premium up 12%'],
      });
      expect(await store.get('ai_interactions', done.id)).toMatchObject({ client_id: client.id, type: 'risk' });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run(
            'recordAiInteraction',
            {
              ...risk,
              client_id: client.id,
              annotations: { table: 'policies', id: theirs.id, fields: { ai_retention_risk: 5 } },
            },
            people.agent,
          ),
          'invalid_input',
          'annotations.id',
        );
        await expectAppError(
          store.run(
            'applyAiAnnotations',
            { table: 'policies', id: mine.id, fields: { written_premium: 1 } },
            people.agent,
          ),
          'invalid_input',
        );
      });
    });

    it('refuses business columns, unrelated records, failed calls with results and other owners', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const other = await makeLead(store, people.agent);
      const theirs = await makeLead(store, people.otherAgent);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: lead.id, fields: { status_id: id() } }, people.agent),
          'invalid_input',
        );
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: lead.id, fields: { ai_score: 101 } }, people.agent),
          'invalid_input',
          'fields.ai_score',
        );
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'users', id: lead.id, fields: { ai_summary: 'x' } }, people.agent),
          'invalid_input',
        );
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: id(), fields: { ai_summary: 'x' } }, people.agent),
          'not_found',
        );
        await expectAppError(
          store.run('applyAiAnnotations', { table: 'leads', id: theirs.id, fields: { ai_summary: 'x' } }, people.agent),
          hiddenCode(store),
        );
        await expectAppError(store.run('recordAiInteraction', { ...call }, people.agent), 'invalid_input', 'lead_id');
        await expectAppError(
          store.run('recordAiInteraction', { ...call, lead_id: lead.id, status: 'error' }, people.agent),
          'invalid_input',
          'error',
        );
        await expectAppError(
          store.run(
            'recordAiInteraction',
            {
              ...call,
              lead_id: lead.id,
              status: 'error',
              error: 'x',
              annotations: { table: 'leads', id: lead.id, fields: { ai_summary: 'x' } },
            },
            people.agent,
          ),
          'invalid_input',
          'annotations',
        );
        await expectAppError(
          store.run(
            'recordAiInteraction',
            { ...call, lead_id: lead.id, annotations: { table: 'leads', id: other.id, fields: { ai_summary: 'x' } } },
            people.agent,
          ),
          'invalid_input',
          'annotations.id',
        );
        await expectAppError(
          store.run('recordAiInteraction', { ...call, lead_id: theirs.id }, people.agent),
          hiddenCode(store),
        );
      });
    });
  });
}
