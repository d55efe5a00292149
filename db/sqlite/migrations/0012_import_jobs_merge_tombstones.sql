-- Import jobs (replica-only: import_jobs, import_rows, import_issues) and merges (shared/mutations/merge.ts): the merged-away lead, client or contact keeps merged_into_id, and a timeline kind for the merge. drizzle-kit leaves ON DELETE out of SQLite ALTER ... ADD ... REFERENCES: added by hand.
CREATE TABLE `import_issues` (
	`import_id` text NOT NULL,
	`row` integer NOT NULL,
	`seq` integer NOT NULL,
	`column` text NOT NULL,
	`value` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`import_id`, `row`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`file` text NOT NULL,
	`options` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`invalid` integer DEFAULT 0 NOT NULL,
	`error` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`undone_at` text,
	CONSTRAINT "import_jobs_status_values" CHECK(status IN ('running', 'done', 'failed', 'cancelled', 'undone')),
	CONSTRAINT "import_jobs_options_json" CHECK(json_valid(options))
);
--> statement-breakpoint
CREATE TABLE `import_rows` (
	`import_id` text NOT NULL,
	`row` integer NOT NULL,
	`outcome` text NOT NULL,
	`table_name` text,
	`record_id` text,
	`created` text,
	`match_key` text,
	PRIMARY KEY(`import_id`, `row`),
	CONSTRAINT "import_rows_outcome_values" CHECK(outcome IN ('created', 'updated', 'skipped', 'invalid'))
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_timeline_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`kind` text NOT NULL,
	`occurred_at` text NOT NULL,
	`actor_id` text,
	`payload` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "timeline_events_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "timeline_events_kind_values" CHECK(kind IS NULL OR kind IN ('created', 'status_changed', 'assigned', 'follow_up_scheduled', 'follow_up_completed', 'converted', 'deleted', 'restored', 'campaign_enrolled', 'merged')),
	CONSTRAINT "timeline_events_payload_json" CHECK(payload IS NULL OR json_valid(payload))
);
--> statement-breakpoint
INSERT INTO `__new_timeline_events`("id", "created_at", "updated_at", "deleted_at", "owner_id", "team_id", "lead_id", "client_id", "kind", "occurred_at", "actor_id", "payload") SELECT "id", "created_at", "updated_at", "deleted_at", "owner_id", "team_id", "lead_id", "client_id", "kind", "occurred_at", "actor_id", "payload" FROM `timeline_events`;--> statement-breakpoint
DROP TABLE `timeline_events`;--> statement-breakpoint
ALTER TABLE `__new_timeline_events` RENAME TO `timeline_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `idx_timeline_events_lead_occurred` ON `timeline_events` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_client_occurred` ON `timeline_events` (`client_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_kind_occurred` ON `timeline_events` (`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_owner_id` ON `timeline_events` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_team_id` ON `timeline_events` (`team_id`);--> statement-breakpoint
ALTER TABLE `clients` ADD `merged_into_id` text REFERENCES clients(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `contacts` ADD `merged_into_id` text REFERENCES contacts(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `leads` ADD `merged_into_id` text REFERENCES leads(id) ON DELETE set null;