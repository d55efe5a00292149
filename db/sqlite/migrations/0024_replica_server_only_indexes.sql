-- Indexes no replica read uses (communications by type, follow-up time and sentiment; events by
-- kind) stay on Postgres only (catalogue: only: 'server'): 77 MB of a 100k-lead replica.
DROP INDEX `idx_lead_communications_type`;--> statement-breakpoint
DROP INDEX `idx_lead_communications_follow_up_at`;--> statement-breakpoint
DROP INDEX `idx_lead_communications_ai_sentiment`;--> statement-breakpoint
DROP INDEX `idx_timeline_events_kind_occurred`;