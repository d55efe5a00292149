-- Tasks (work for someone, on a lead, client or ticket) and record_changes (field-level history); who created an opportunity or ticket. drizzle-kit leaves ON DELETE out of SQLite ALTER ... ADD ... REFERENCES: added by hand.
CREATE TABLE `record_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`mutation` text NOT NULL,
	`changes` text NOT NULL,
	`actor_id` text,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "record_changes_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "record_changes_changes_json" CHECK(changes IS NULL OR json_valid(changes))
);
--> statement-breakpoint
CREATE INDEX `idx_record_changes_lead_changed` ON `record_changes` (`lead_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_client_changed` ON `record_changes` (`client_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_owner_id` ON `record_changes` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_team_id` ON `record_changes` (`team_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`ticket_id` text,
	`title` text NOT NULL,
	`notes` text,
	`due_at` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`assigned_to` text NOT NULL,
	`assigned_by` text,
	`created_by` text,
	`completed_at` text,
	`completed_by` text,
	`outcome` text,
	`remind_at` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `support_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "tasks_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL OR ticket_id IS NOT NULL),
	CONSTRAINT "tasks_assignee_is_owner" CHECK(assigned_to = owner_id),
	CONSTRAINT "tasks_done_has_time" CHECK((status = 'done') = (completed_at IS NOT NULL)),
	CONSTRAINT "tasks_priority_values" CHECK(priority IS NULL OR priority IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "tasks_status_values" CHECK(status IS NULL OR status IN ('open', 'done'))
);
--> statement-breakpoint
CREATE INDEX `idx_tasks_assigned_status_due` ON `tasks` (`assigned_to`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `idx_tasks_team_status_due` ON `tasks` (`team_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `idx_tasks_lead` ON `tasks` (`lead_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_client` ON `tasks` (`client_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_ticket` ON `tasks` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_owner_id` ON `tasks` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_team_id` ON `tasks` (`team_id`);--> statement-breakpoint
ALTER TABLE `opportunities` ADD `created_by` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `support_tickets` ADD `created_by` text REFERENCES users(id) ON DELETE set null;