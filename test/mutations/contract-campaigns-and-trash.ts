/** Campaigns and marketing settings, and softDelete and restore. */
import { describe, expect, it } from 'vitest';
import {
  events,
  expectAppError,
  expectNoChange,
  hiddenCode,
  id,
  INS,
  makeCampaign,
  makeLead,
  type StoreContext,
} from './helpers';

/** Registers its tests in the caller's describe, on the caller's store. */
export function campaignsAndTrashTests(ctx: StoreContext) {
  describe('campaigns', () => {
    it('creates campaigns (not agents) and enrolls leads once', async () => {
      const { store, people } = ctx;
      const now = '2025-03-01T12:00:00.000Z';
      const c = await store.run(
        'createCampaign',
        {
          name: 'Renewal blitz',
          channel: 'email',
          starts_at: '2025-03-01T00:00:00Z',
          ends_at: '2025-04-01T00:00:00Z',
          budget: 5000,
          insurance_type_id: INS.auto,
          color: '#2563eb',
        },
        people.manager,
        now,
      );
      expect(await store.get('campaigns', c.id)).toMatchObject({
        name: 'Renewal blitz',
        status: 'draft',
        budget: 5000,
        created_by: people.manager.userId,
        created_at: now,
        color: '#2563eb',
      });
      await expectNoChange(store, async () => {
        await expectAppError(store.run('createCampaign', { name: 'Mine' }, people.agent), 'forbidden');
        await expectAppError(
          store.run(
            'createCampaign',
            { name: 'Backwards', starts_at: '2025-04-01T00:00:00Z', ends_at: '2025-03-01T00:00:00Z' },
            people.manager,
          ),
          'invalid_input',
          'ends_at',
        );
        await expectAppError(
          store.run('createCampaign', { name: 'Red', color: 'red' }, people.manager),
          'invalid_input',
          'color',
        );
      });

      const lead = await makeLead(store, people.agent);
      const eventId = id();
      const e = await store.run(
        'enrollInCampaign',
        { lead_id: lead.id, campaign_id: c.id, event_id: eventId },
        people.agent,
      );
      expect(await store.get('campaign_enrollments', e.id)).toMatchObject({
        campaign_id: c.id,
        lead_id: lead.id,
        status: 'enrolled',
        owner_id: people.agent.userId,
      });
      expect((await events(store, lead.id)).find((x) => x.id === eventId)).toMatchObject({
        kind: 'campaign_enrolled',
        payload: { campaign_id: c.id, name: 'Renewal blitz' },
      });
      const done = await makeCampaign(store, people.staff, { status: 'completed' });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: c.id }, people.agent),
          'precondition_failed',
          'campaign_id',
        );
        await expectAppError(
          store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: done.id }, people.agent),
          'precondition_failed',
          'campaign_id',
        );
        await expectAppError(
          store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: id() }, people.agent),
          'not_found',
          'campaign_id',
        );
      });
      // an enrollment that was deleted may be made again
      await store.run('softDelete', { table: 'campaign_enrollments', id: e.id }, people.agent);
      await store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: c.id }, people.agent);
      expect(await store.find('campaign_enrollments', { lead_id: lead.id })).toHaveLength(2);
    });

    it('keeps one marketing-settings row per lead and stamps consent and opt-outs', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const t1 = '2025-03-02T09:00:00.000Z';
      const first = await store.run(
        'setMarketingSettings',
        { lead_id: lead.id, settings: { email_opt_in: true, frequency: 'monthly', consent_source: 'web form' } },
        people.agent,
        t1,
      );
      expect(await store.get('lead_marketing_settings', first.id)).toMatchObject({
        lead_id: lead.id,
        email_opt_in: true,
        sms_opt_in: false,
        phone_opt_in: true,
        frequency: 'monthly',
        consent_at: t1,
        opted_out_at: null,
      });
      const t2 = '2025-03-03T09:00:00.000Z';
      const second = await store.run(
        'setMarketingSettings',
        { lead_id: lead.id, settings: { phone_opt_in: false, opt_out_reason: 'asked' } },
        people.agent,
        t2,
      );
      expect(second.id).toBe(first.id);
      expect(await store.find('lead_marketing_settings', { lead_id: lead.id })).toEqual([
        expect.objectContaining({
          email_opt_in: true,
          phone_opt_in: false,
          consent_at: t1,
          opted_out_at: t2,
          opt_out_reason: 'asked',
        }),
      ]);
      await expectAppError(
        store.run('setMarketingSettings', { lead_id: lead.id, settings: { frequency: 'hourly' } }, people.agent),
        'invalid_input',
        'settings.frequency',
      );
    });
  });

  describe('softDelete and restore', () => {
    it('marks and unmarks a record; a deleted lead cannot be changed', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const del = '2025-03-04T09:00:00.000Z';
      expect(await store.run('softDelete', { table: 'leads', id: lead.id }, people.agent, del)).toEqual({
        table: 'leads',
        id: lead.id,
        changed: true,
      });
      expect(await store.get('leads', lead.id)).toMatchObject({ deleted_at: del, updated_at: del });
      await expectNoChange(store, async () => {
        expect(await store.run('softDelete', { table: 'leads', id: lead.id }, people.agent)).toMatchObject({
          changed: false,
        });
        await expectAppError(
          store.run('updateLead', { id: lead.id, patch: { priority: 1 } }, people.agent),
          'not_found',
          'id',
        );
        await expectAppError(
          store.run('addNote', { lead_id: lead.id, body: 'x' }, people.agent),
          'not_found',
          'lead_id',
        );
      });
      expect(await store.run('restore', { table: 'leads', id: lead.id }, people.agent)).toEqual({
        table: 'leads',
        id: lead.id,
        changed: true,
      });
      expect((await store.get('leads', lead.id))!.deleted_at).toBeNull();
      expect(await store.run('restore', { table: 'leads', id: lead.id }, people.agent)).toMatchObject({
        changed: false,
      });
      await store.run('updateLead', { id: lead.id, patch: { priority: 1 } }, people.agent);
    });

    it('deletes child records too, and refuses unknown tables, ids and other owners', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const note = await store.run('addNote', { lead_id: lead.id, body: 'temp' }, people.agent);
      await store.run('softDelete', { table: 'lead_notes', id: note.id }, people.manager);
      expect((await store.get('lead_notes', note.id))!.deleted_at).not.toBeNull();
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('softDelete', { table: 'users', id: people.agent.userId }, people.admin),
          'invalid_input',
          'table',
        );
        await expectAppError(store.run('softDelete', { table: 'leads', id: id() }, people.agent), 'not_found', 'id');
        await expectAppError(
          store.run('restore', { table: 'lead_notes', id: note.id }, people.otherAgent),
          hiddenCode(store),
        );
      });
    });
  });
}
