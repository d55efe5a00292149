import { z } from 'zod';
import { AppError } from '../errors';
import { newRow } from '../model/new-row';
import { CAMPAIGN_STATUSES, COMMUNICATION_CHANNELS } from '../model/tables/lookups';
import { FREQUENCIES } from '../model/tables/activity';
import { defineMutation, f, mustGet } from './define';
import { subjectRef } from './fields';
import { loadSubject } from './subject';
import { recordEvent } from './timeline';

export const createCampaign = defineMutation({
  name: 'createCampaign',
  args: z
    .object({
      id: f.newId(),
      name: f.name(),
      description: f.longText().optional(),
      channel: z.enum(COMMUNICATION_CHANNELS).optional(),
      status: z.enum(CAMPAIGN_STATUSES).default('draft'),
      starts_at: f.timestamp().optional(),
      ends_at: f.timestamp().optional(),
      budget: f.money().optional(),
      insurance_type_id: f.id().optional(),
      color: z
        .string()
        .regex(/^#[0-9a-f]{6}$/i, 'is not a colour like #2563eb')
        .optional(),
    })
    .refine((c) => !c.starts_at || !c.ends_at || c.starts_at <= c.ends_at, {
      message: 'ends before it starts',
      path: ['ends_at'],
    }),
  async run(tx, args, ctx) {
    if (ctx.actor.role === 'agent') throw new AppError('forbidden', 'only staff, managers and admins create campaigns');
    if (args.insurance_type_id)
      await mustGet(tx, 'insurance_types', args.insurance_type_id, 'insurance type', 'insurance_type_id');
    const row = newRow(
      'campaigns',
      { ...args, created_by: ctx.actor.userId, created_at: ctx.now, updated_at: ctx.now },
      ctx.now,
    );
    await tx.insert('campaigns', row);
    return row;
  },
});

export const enrollInCampaign = defineMutation({
  name: 'enrollInCampaign',
  args: subjectRef.and(z.object({ id: f.newId(), campaign_id: f.id(), event_id: f.newId() })),
  async run(tx, args, ctx) {
    const campaign = await mustGet(tx, 'campaigns', args.campaign_id, 'campaign', 'campaign_id');
    if (campaign.status === 'completed')
      throw new AppError('precondition_failed', 'this campaign has ended', 'campaign_id');
    const subject = await loadSubject(tx, ctx, args);
    const existing = subject.lead_id
      ? await tx.find('campaign_enrollments', { campaign_id: campaign.id, lead_id: subject.lead_id })
      : await tx.find('campaign_enrollments', { campaign_id: campaign.id, client_id: subject.client_id });
    if (existing.some((e) => !e.deleted_at))
      throw new AppError('precondition_failed', 'already enrolled in this campaign', 'campaign_id');
    const row = newRow(
      'campaign_enrollments',
      {
        id: args.id,
        campaign_id: campaign.id,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        enrolled_at: ctx.now,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('campaign_enrollments', row);
    await recordEvent(tx, ctx, {
      id: args.event_id,
      kind: 'campaign_enrolled',
      subject,
      payload: { campaign_id: campaign.id, name: campaign.name },
    });
    return row;
  },
});

const consent = z.object({
  email_opt_in: z.boolean(),
  sms_opt_in: z.boolean(),
  phone_opt_in: z.boolean(),
  mail_opt_in: z.boolean(),
  do_not_contact: z.boolean(),
  consent_source: f.shortText().nullable(),
  opt_out_reason: f.shortText().nullable(),
  preferred_channel: z.enum(COMMUNICATION_CHANNELS).nullable(),
  preferred_time: f.shortText().nullable(),
  preferred_tone: f.shortText().nullable(),
  frequency: z.enum(FREQUENCIES),
});

/** Consent per channel. Opting in stamps consent_at; opting out of anything stamps opted_out_at. */
export const setMarketingSettings = defineMutation({
  name: 'setMarketingSettings',
  args: subjectRef.and(z.object({ id: f.newId(), settings: consent.partial() })),
  async run(tx, { id, settings, ...ref }, ctx) {
    const subject = await loadSubject(tx, ctx, ref);
    const [existing] = subject.lead_id
      ? await tx.find('lead_marketing_settings', { lead_id: subject.lead_id })
      : await tx.find('lead_marketing_settings', { client_id: subject.client_id });
    const optedIn = (['email_opt_in', 'sms_opt_in', 'phone_opt_in', 'mail_opt_in'] as const).some(
      (k) => settings[k] === true,
    );
    const optedOut =
      settings.do_not_contact === true ||
      (['email_opt_in', 'sms_opt_in', 'phone_opt_in', 'mail_opt_in'] as const).some((k) => settings[k] === false);
    const stamps = { ...(optedIn ? { consent_at: ctx.now } : {}), ...(optedOut ? { opted_out_at: ctx.now } : {}) };
    if (existing) {
      await tx.update('lead_marketing_settings', existing.id, { ...settings, ...stamps, updated_at: ctx.now });
      return { id: existing.id, ...settings };
    }
    const row = newRow(
      'lead_marketing_settings',
      {
        id,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        ...settings,
        ...stamps,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('lead_marketing_settings', row);
    return { id, ...settings };
  },
});
