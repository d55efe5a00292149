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
