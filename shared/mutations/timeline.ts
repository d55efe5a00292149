import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import type { TIMELINE_KINDS } from '../model/tables/activity';
import type { MutationContext } from './define';
import type { Tx } from './tx';

/** Writes an event for the merged timeline. Its id comes from the mutation's args (same on both sides). */
export async function recordEvent(
  tx: Tx,
  ctx: MutationContext,
  event: {
    id: string;
    kind: (typeof TIMELINE_KINDS)[number];
    subject: { lead_id: string | null; client_id: string | null; owner_id: string; team_id: string | null };
    payload?: Record<string, unknown>;
  },
) {
  const row: Row<'timeline_events'> = newRow(
    'timeline_events',
    {
      id: event.id,
      kind: event.kind,
      lead_id: event.subject.lead_id,
      client_id: event.subject.client_id,
      owner_id: event.subject.owner_id,
      team_id: event.subject.team_id,
      occurred_at: ctx.now,
      actor_id: ctx.actor.userId,
      payload: event.payload ?? {},
    },
    ctx.now,
  );
  await tx.insert('timeline_events', row);
}
