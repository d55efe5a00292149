DROP INDEX `idx_leads_status_id`;--> statement-breakpoint
DROP INDEX `idx_leads_status_created`;--> statement-breakpoint
DROP INDEX `idx_leads_insurance_type_id`;--> statement-breakpoint
DROP INDEX `idx_leads_updated_at`;--> statement-breakpoint
DROP INDEX `idx_leads_created_at`;--> statement-breakpoint
DROP INDEX `idx_leads_owner_status`;--> statement-breakpoint
DROP INDEX `idx_leads_next_follow_up_at`;--> statement-breakpoint
DROP INDEX `idx_leads_status_changed_at`;--> statement-breakpoint
DROP INDEX `idx_leads_quoted_premium`;--> statement-breakpoint
DROP INDEX `idx_leads_priority`;--> statement-breakpoint
CREATE INDEX `idx_leads_status_id` ON `leads` (`status_id`,`updated_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_status_created` ON `leads` (`status_id`,`created_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_insurance_type_id` ON `leads` (`insurance_type_id`,`updated_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_updated_at` ON `leads` (`updated_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_created_at` ON `leads` (`created_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_owner_status` ON `leads` (`owner_id`,`status_id`,`updated_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_next_follow_up_at` ON `leads` (`next_follow_up_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_status_changed_at` ON `leads` (`status_changed_at`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_quoted_premium` ON `leads` (`quoted_premium`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_priority` ON `leads` (`priority`,`id`,`deleted_at`,`is_converted`);