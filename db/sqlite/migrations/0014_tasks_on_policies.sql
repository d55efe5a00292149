-- Tasks on a policy term. drizzle-kit's table rebuild copied policy_id from the old table, which has none: removed from the copy by hand.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_tasks` (
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
	`policy_id` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `support_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "tasks_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL OR ticket_id IS NOT NULL OR policy_id IS NOT NULL),
	CONSTRAINT "tasks_assignee_is_owner" CHECK(assigned_to = owner_id),
	CONSTRAINT "tasks_done_has_time" CHECK((status = 'done') = (completed_at IS NOT NULL)),
	CONSTRAINT "tasks_priority_values" CHECK(priority IS NULL OR priority IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "tasks_status_values" CHECK(status IS NULL OR status IN ('open', 'done'))
);
--> statement-breakpoint
INSERT INTO `__new_tasks`("id", "created_at", "updated_at", "deleted_at", "owner_id", "team_id", "lead_id", "client_id", "ticket_id", "title", "notes", "due_at", "priority", "status", "assigned_to", "assigned_by", "created_by", "completed_at", "completed_by", "outcome", "remind_at") SELECT "id", "created_at", "updated_at", "deleted_at", "owner_id", "team_id", "lead_id", "client_id", "ticket_id", "title", "notes", "due_at", "priority", "status", "assigned_to", "assigned_by", "created_by", "completed_at", "completed_by", "outcome", "remind_at" FROM `tasks`;--> statement-breakpoint
DROP TABLE `tasks`;--> statement-breakpoint
ALTER TABLE `__new_tasks` RENAME TO `tasks`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `idx_tasks_assigned_status_due` ON `tasks` (`assigned_to`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `idx_tasks_team_status_due` ON `tasks` (`team_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `idx_tasks_lead` ON `tasks` (`lead_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_client` ON `tasks` (`client_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_ticket` ON `tasks` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_policy` ON `tasks` (`policy_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_owner_id` ON `tasks` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_tasks_team_id` ON `tasks` (`team_id`);