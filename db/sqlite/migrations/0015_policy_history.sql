-- A policy term's field history. drizzle-kit's table rebuild copied policy_id from the old table, which has none: removed from the copy by hand.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_record_changes` (
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
	`policy_id` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "record_changes_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL OR policy_id IS NOT NULL),
	CONSTRAINT "record_changes_changes_json" CHECK(changes IS NULL OR json_valid(changes))
);
--> statement-breakpoint
INSERT INTO `__new_record_changes`("id", "created_at", "updated_at", "deleted_at", "owner_id", "team_id", "lead_id", "client_id", "mutation", "changes", "actor_id", "changed_at") SELECT "id", "created_at", "updated_at", "deleted_at", "owner_id", "team_id", "lead_id", "client_id", "mutation", "changes", "actor_id", "changed_at" FROM `record_changes`;--> statement-breakpoint
DROP TABLE `record_changes`;--> statement-breakpoint
ALTER TABLE `__new_record_changes` RENAME TO `record_changes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `idx_record_changes_lead_changed` ON `record_changes` (`lead_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_client_changed` ON `record_changes` (`client_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_policy_changed` ON `record_changes` (`policy_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_owner_id` ON `record_changes` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_record_changes_team_id` ON `record_changes` (`team_id`);