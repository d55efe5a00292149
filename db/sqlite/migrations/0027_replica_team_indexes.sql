-- No replica read filters an owned table by team alone (the sync shape already did, and tasks'
-- team list has its own index), so the bare team indexes stay on Postgres only (catalogue:
-- defineTable). Found from the plans of every statement the bench's screens prepare: none uses
-- one. 3.2 MB of a 10k-lead replica.
DROP INDEX `idx_addresses_team_id`;--> statement-breakpoint
DROP INDEX `idx_ai_interactions_team_id`;--> statement-breakpoint
DROP INDEX `idx_campaign_enrollments_team_id`;--> statement-breakpoint
DROP INDEX `idx_clients_team_id`;--> statement-breakpoint
DROP INDEX `idx_contacts_team_id`;--> statement-breakpoint
DROP INDEX `idx_households_team_id`;--> statement-breakpoint
DROP INDEX `idx_lead_marketing_settings_team_id`;--> statement-breakpoint
DROP INDEX `idx_leads_team_id`;--> statement-breakpoint
DROP INDEX `idx_opportunities_team_id`;--> statement-breakpoint
DROP INDEX `idx_policies_team_id`;--> statement-breakpoint
DROP INDEX `idx_support_tickets_team_id`;--> statement-breakpoint
DROP INDEX `idx_tasks_team_id`;