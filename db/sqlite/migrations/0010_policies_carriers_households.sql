CREATE TABLE `carriers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`naic_code` text,
	`lines` text DEFAULT '[]' NOT NULL,
	`producer_code` text,
	`is_active` integer DEFAULT 1 NOT NULL,
	`color` text DEFAULT '#64748b' NOT NULL,
	`icon` text DEFAULT 'circle' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`ai_prompt_template` text,
	`ai_summary_template` text,
	`ai_action_template` text,
	`workflow` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	CONSTRAINT "carriers_lines_json" CHECK(lines IS NULL OR json_valid(lines)),
	CONSTRAINT "carriers_is_active_bool" CHECK(is_active IN (0, 1)),
	CONSTRAINT "carriers_workflow_json" CHECK(workflow IS NULL OR json_valid(workflow)),
	CONSTRAINT "carriers_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `carriers_name_unique` ON `carriers` (`name`);--> statement-breakpoint
CREATE INDEX `idx_carriers_sort_order` ON `carriers` (`sort_order`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`name` text NOT NULL,
	`household_type` text DEFAULT 'family' NOT NULL,
	`notes` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	`ai_summary` text,
	`ai_updated_at` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "households_household_type_values" CHECK(household_type IS NULL OR household_type IN ('family', 'business_group')),
	CONSTRAINT "households_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_households_owner_id` ON `households` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_households_team_id` ON `households` (`team_id`);--> statement-breakpoint
CREATE TABLE `policies` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`client_id` text NOT NULL,
	`carrier_id` text NOT NULL,
	`insurance_type_id` text NOT NULL,
	`opportunity_id` text,
	`renews_policy_id` text,
	`policy_number` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`effective_date` text NOT NULL,
	`expiration_date` text NOT NULL,
	`term_months` integer DEFAULT 12 NOT NULL,
	`written_premium` real NOT NULL,
	`premium_change_pct` real,
	`billing` text DEFAULT 'direct' NOT NULL,
	`commission_rate` real,
	`commission_amount` real,
	`cancellation_date` text,
	`cancellation_reason` text,
	`non_renewal_reason` text,
	`status_changed_at` text,
	`auto_data` text,
	`auto_data_schema_version` integer,
	`home_data` text,
	`home_data_schema_version` integer,
	`specialty_data` text,
	`specialty_data_schema_version` integer,
	`commercial_data` text,
	`commercial_data_schema_version` integer,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`ai_retention_risk` integer,
	`ai_retention_reasons` text,
	`ai_summary` text,
	`ai_updated_at` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`carrier_id`) REFERENCES `carriers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`insurance_type_id`) REFERENCES `insurance_types`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`renews_policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "policies_dates_order" CHECK(expiration_date > effective_date),
	CONSTRAINT "policies_premium_positive" CHECK(written_premium >= 0),
	CONSTRAINT "policies_term_months_range" CHECK(term_months BETWEEN 1 AND 120),
	CONSTRAINT "policies_not_self_renewal" CHECK(renews_policy_id IS NULL OR renews_policy_id <> id),
	CONSTRAINT "policies_commission_rate_range" CHECK(commission_rate IS NULL OR (commission_rate >= 0 AND commission_rate <= 100)),
	CONSTRAINT "policies_commission_amount_positive" CHECK(commission_amount IS NULL OR commission_amount >= 0),
	CONSTRAINT "policies_cancellation_matches" CHECK((status = 'cancelled') = (cancellation_date IS NOT NULL)),
	CONSTRAINT "policies_ai_retention_risk_range" CHECK(ai_retention_risk IS NULL OR ai_retention_risk BETWEEN 0 AND 100),
	CONSTRAINT "policies_auto_data_version" CHECK((auto_data IS NULL) = (auto_data_schema_version IS NULL)),
	CONSTRAINT "policies_home_data_version" CHECK((home_data IS NULL) = (home_data_schema_version IS NULL)),
	CONSTRAINT "policies_specialty_data_version" CHECK((specialty_data IS NULL) = (specialty_data_schema_version IS NULL)),
	CONSTRAINT "policies_commercial_data_version" CHECK((commercial_data IS NULL) = (commercial_data_schema_version IS NULL)),
	CONSTRAINT "policies_status_values" CHECK(status IS NULL OR status IN ('active', 'pending', 'cancelled', 'expired', 'non_renewed', 'renewed')),
	CONSTRAINT "policies_billing_values" CHECK(billing IS NULL OR billing IN ('direct', 'agency')),
	CONSTRAINT "policies_auto_data_json" CHECK(auto_data IS NULL OR json_valid(auto_data)),
	CONSTRAINT "policies_home_data_json" CHECK(home_data IS NULL OR json_valid(home_data)),
	CONSTRAINT "policies_specialty_data_json" CHECK(specialty_data IS NULL OR json_valid(specialty_data)),
	CONSTRAINT "policies_commercial_data_json" CHECK(commercial_data IS NULL OR json_valid(commercial_data)),
	CONSTRAINT "policies_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "policies_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata)),
	CONSTRAINT "policies_ai_retention_reasons_json" CHECK(ai_retention_reasons IS NULL OR json_valid(ai_retention_reasons))
);
--> statement-breakpoint
CREATE INDEX `idx_policies_live_expiration` ON `policies` (`expiration_date`,`id`) WHERE deleted_at IS NULL AND status IN ('active', 'pending');--> statement-breakpoint
CREATE INDEX `idx_policies_owner_expiration` ON `policies` (`owner_id`,`expiration_date`) WHERE deleted_at IS NULL AND status IN ('active', 'pending');--> statement-breakpoint
CREATE INDEX `idx_policies_carrier_expiration` ON `policies` (`carrier_id`,`expiration_date`);--> statement-breakpoint
CREATE INDEX `idx_policies_client` ON `policies` (`client_id`,`expiration_date`);--> statement-breakpoint
CREATE INDEX `idx_policies_policy_number` ON `policies` (`policy_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_policies_renews` ON `policies` (`renews_policy_id`);--> statement-breakpoint
CREATE INDEX `idx_policies_opportunity` ON `policies` (`opportunity_id`);--> statement-breakpoint
CREATE INDEX `idx_policies_owner_id` ON `policies` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_policies_team_id` ON `policies` (`team_id`);--> statement-breakpoint
ALTER TABLE `clients` ADD `household_id` text REFERENCES households(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `idx_clients_household` ON `clients` (`household_id`);--> statement-breakpoint
CREATE INDEX `idx_leads_xdate` ON `leads` (`policy_expiration_date`,`id`,`is_converted`) WHERE deleted_at IS NULL;