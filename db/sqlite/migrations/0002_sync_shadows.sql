CREATE TABLE `sync_shadows` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`data` text,
	PRIMARY KEY(`table_name`, `row_id`)
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `lsn` text;