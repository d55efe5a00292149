-- The replica's indexes follow the replica's reads (issues #11 and #16), from the catalogue's
-- replicaCovers and ownershipIndexes: 'server'.
--   * A lead's or client's notes, calls and events are read for the merged timeline from their
--     subject index alone: the index keeps what the timeline shows after its key, so a client page
--     no longer reads one scattered table page per item. The client indexes become partial (most
--     rows have no client).
--   * Notes, communications, events and field history lose their owner and team indexes here: the
--     sync shape decides what the replica holds and no replica read filters these tables by owner
--     or team alone (Postgres keeps them for row-level security and shapes).
--   * record_changes' client and policy indexes become partial for the same reason as above.
DROP INDEX `idx_lead_communications_owner_id`;--> statement-breakpoint
DROP INDEX `idx_lead_communications_team_id`;--> statement-breakpoint
DROP INDEX `idx_lead_communications_lead_occurred`;--> statement-breakpoint
DROP INDEX `idx_lead_communications_client_occurred`;--> statement-breakpoint
CREATE INDEX `idx_lead_communications_lead_occurred` ON `lead_communications` (`lead_id`,`occurred_at`,`deleted_at`,`communication_type_id`,`direction`,`outcome`,`duration_seconds`,`ai_sentiment`,`created_by`,`client_id`,`id`,`subject`,`body`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_client_occurred` ON `lead_communications` (`client_id`,`occurred_at`,`deleted_at`,`communication_type_id`,`direction`,`outcome`,`duration_seconds`,`ai_sentiment`,`created_by`,`lead_id`,`id`,`subject`,`body`) WHERE client_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `idx_lead_notes_owner_id`;--> statement-breakpoint
DROP INDEX `idx_lead_notes_team_id`;--> statement-breakpoint
DROP INDEX `idx_lead_notes_lead_created`;--> statement-breakpoint
DROP INDEX `idx_lead_notes_client_created`;--> statement-breakpoint
CREATE INDEX `idx_lead_notes_lead_created` ON `lead_notes` (`lead_id`,`created_at`,`deleted_at`,`is_pinned`,`created_by`,`client_id`,`id`,`body`);--> statement-breakpoint
CREATE INDEX `idx_lead_notes_client_created` ON `lead_notes` (`client_id`,`created_at`,`deleted_at`,`is_pinned`,`created_by`,`lead_id`,`id`,`body`) WHERE client_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `idx_record_changes_owner_id`;--> statement-breakpoint
DROP INDEX `idx_record_changes_team_id`;--> statement-breakpoint
DROP INDEX `idx_record_changes_client_changed`;--> statement-breakpoint
DROP INDEX `idx_record_changes_policy_changed`;--> statement-breakpoint
CREATE INDEX `idx_record_changes_client_changed` ON `record_changes` (`client_id`,`changed_at`) WHERE client_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `idx_record_changes_policy_changed` ON `record_changes` (`policy_id`,`changed_at`) WHERE policy_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `idx_timeline_events_owner_id`;--> statement-breakpoint
DROP INDEX `idx_timeline_events_team_id`;--> statement-breakpoint
DROP INDEX `idx_timeline_events_lead_occurred`;--> statement-breakpoint
DROP INDEX `idx_timeline_events_client_occurred`;--> statement-breakpoint
CREATE INDEX `idx_timeline_events_lead_occurred` ON `timeline_events` (`lead_id`,`occurred_at`,`deleted_at`,`kind`,`actor_id`,`client_id`,`id`,`payload`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_client_occurred` ON `timeline_events` (`client_id`,`occurred_at`,`deleted_at`,`kind`,`actor_id`,`lead_id`,`id`,`payload`) WHERE client_id IS NOT NULL;