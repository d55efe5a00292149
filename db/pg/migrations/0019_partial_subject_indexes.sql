-- Subject indexes that most rows have no key for become partial (client_id, policy_id IS NOT NULL):
-- a record's history never asks for a missing subject. The replica's covering columns and its
-- dropped owner/team indexes are SQLite only (see the SQLite migration 0021).
DROP INDEX "idx_lead_communications_client_occurred";--> statement-breakpoint
DROP INDEX "idx_lead_notes_client_created";--> statement-breakpoint
DROP INDEX "idx_record_changes_client_changed";--> statement-breakpoint
DROP INDEX "idx_record_changes_policy_changed";--> statement-breakpoint
DROP INDEX "idx_timeline_events_client_occurred";--> statement-breakpoint
CREATE INDEX "idx_lead_communications_client_occurred" ON "lead_communications" USING btree ("client_id","occurred_at") WHERE client_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_lead_notes_client_created" ON "lead_notes" USING btree ("client_id","created_at") WHERE client_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_record_changes_client_changed" ON "record_changes" USING btree ("client_id","changed_at") WHERE client_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_record_changes_policy_changed" ON "record_changes" USING btree ("policy_id","changed_at") WHERE policy_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_timeline_events_client_occurred" ON "timeline_events" USING btree ("client_id","occurred_at") WHERE client_id IS NOT NULL;