CREATE TABLE `addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`state` text NOT NULL,
	`postal_code` text NOT NULL,
	`county` text,
	`country` text DEFAULT 'US' NOT NULL,
	`latitude` real,
	`longitude` real,
	`geocode_accuracy` text,
	`geocoded_at` text,
	`is_verified` integer DEFAULT 0 NOT NULL,
	`verification_source` text,
	`verified_at` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "addresses_latitude_range" CHECK(latitude IS NULL OR (latitude >= -90 AND latitude <= 90)),
	CONSTRAINT "addresses_longitude_range" CHECK(longitude IS NULL OR (longitude >= -180 AND longitude <= 180)),
	CONSTRAINT "addresses_geocode_accuracy_values" CHECK(geocode_accuracy IS NULL OR geocode_accuracy IN ('rooftop', 'range', 'street', 'postal_code', 'city', 'unknown')),
	CONSTRAINT "addresses_is_verified_bool" CHECK(is_verified IN (0, 1))
);
--> statement-breakpoint
CREATE INDEX `idx_addresses_postal_code` ON `addresses` (`postal_code`);--> statement-breakpoint
CREATE INDEX `idx_addresses_state_city` ON `addresses` (`state`,`city`);--> statement-breakpoint
CREATE INDEX `idx_addresses_owner_id` ON `addresses` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_addresses_team_id` ON `addresses` (`team_id`);--> statement-breakpoint
CREATE TABLE `ai_interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`type` text NOT NULL,
	`lead_id` text,
	`client_id` text,
	`communication_id` text,
	`ticket_id` text,
	`user_id` text,
	`provider` text,
	`model` text NOT NULL,
	`temperature` real,
	`prompt` text NOT NULL,
	`response` text,
	`summary` text,
	`status` text DEFAULT 'ok' NOT NULL,
	`error` text,
	`prompt_tokens` integer,
	`completion_tokens` integer,
	`total_tokens` integer,
	`latency_ms` integer,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`communication_id`) REFERENCES `lead_communications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `support_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ai_interactions_type_values" CHECK(type IS NULL OR type IN ('summary', 'next_action', 'sentiment', 'risk', 'triage', 'cross_sell', 'contact_likelihood', 'draft', 'chat', 'insight')),
	CONSTRAINT "ai_interactions_status_values" CHECK(status IS NULL OR status IN ('ok', 'error')),
	CONSTRAINT "ai_interactions_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_type_created` ON `ai_interactions` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_lead` ON `ai_interactions` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_client` ON `ai_interactions` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_ticket` ON `ai_interactions` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_communication` ON `ai_interactions` (`communication_id`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_user_created` ON `ai_interactions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_owner_id` ON `ai_interactions` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_ai_interactions_team_id` ON `ai_interactions` (`team_id`);--> statement-breakpoint
CREATE TABLE `campaign_enrollments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`campaign_id` text NOT NULL,
	`lead_id` text,
	`client_id` text,
	`status` text DEFAULT 'enrolled' NOT NULL,
	`enrolled_at` text NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "campaign_enrollments_target" CHECK((lead_id IS NULL) <> (client_id IS NULL)),
	CONSTRAINT "campaign_enrollments_status_values" CHECK(status IS NULL OR status IN ('enrolled', 'contacted', 'responded', 'unsubscribed', 'completed')),
	CONSTRAINT "campaign_enrollments_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_campaign_enrollments_campaign` ON `campaign_enrollments` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `idx_campaign_enrollments_lead` ON `campaign_enrollments` (`lead_id`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `idx_campaign_enrollments_client` ON `campaign_enrollments` (`client_id`);--> statement-breakpoint
CREATE INDEX `idx_campaign_enrollments_owner_id` ON `campaign_enrollments` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_campaign_enrollments_team_id` ON `campaign_enrollments` (`team_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`description` text,
	`channel` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`starts_at` text,
	`ends_at` text,
	`budget` real,
	`insurance_type_id` text,
	`created_by` text,
	`color` text DEFAULT '#64748b' NOT NULL,
	`icon` text DEFAULT 'circle' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`ai_prompt_template` text,
	`ai_summary_template` text,
	`ai_action_template` text,
	`workflow` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`insurance_type_id`) REFERENCES `insurance_types`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "campaigns_channel_values" CHECK(channel IS NULL OR channel IN ('phone', 'email', 'sms', 'in_person', 'mail', 'video', 'other')),
	CONSTRAINT "campaigns_status_values" CHECK(status IS NULL OR status IN ('draft', 'active', 'paused', 'completed')),
	CONSTRAINT "campaigns_workflow_json" CHECK(workflow IS NULL OR json_valid(workflow)),
	CONSTRAINT "campaigns_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_campaigns_status` ON `campaigns` (`status`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`client_type` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`first_name` text,
	`middle_name` text,
	`last_name` text,
	`date_of_birth` text,
	`occupation` text,
	`marital_status` text,
	`business_name` text,
	`dba_name` text,
	`business_structure` text,
	`industry` text,
	`naics_code` text,
	`fein` text,
	`year_established` integer,
	`annual_revenue` real,
	`employee_count` integer,
	`email` text,
	`phone` text,
	`website` text,
	`preferred_contact_method` text,
	`address_id` text,
	`mailing_address_id` text,
	`source` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`custom_fields` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`ai_summary` text,
	`ai_risk_score` real,
	`ai_lifetime_value` real,
	`ai_insights` text,
	`ai_updated_at` text,
	`client_since` text,
	`last_contact_at` text,
	`next_contact_at` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`address_id`) REFERENCES `addresses`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`mailing_address_id`) REFERENCES `addresses`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "clients_identifiers_match_type" CHECK((client_type = 'individual' AND first_name IS NOT NULL AND last_name IS NOT NULL AND business_name IS NULL AND fein IS NULL AND dba_name IS NULL) OR (client_type = 'business' AND business_name IS NOT NULL AND first_name IS NULL AND last_name IS NULL AND middle_name IS NULL AND date_of_birth IS NULL)),
	CONSTRAINT "clients_ai_risk_score_range" CHECK(ai_risk_score IS NULL OR (ai_risk_score >= 0 AND ai_risk_score <= 100)),
	CONSTRAINT "clients_client_type_values" CHECK(client_type IS NULL OR client_type IN ('individual', 'business')),
	CONSTRAINT "clients_status_values" CHECK(status IS NULL OR status IN ('active', 'inactive', 'former')),
	CONSTRAINT "clients_preferred_contact_method_values" CHECK(preferred_contact_method IS NULL OR preferred_contact_method IN ('phone', 'email', 'sms', 'mail', 'in_person')),
	CONSTRAINT "clients_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "clients_custom_fields_json" CHECK(custom_fields IS NULL OR json_valid(custom_fields)),
	CONSTRAINT "clients_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata)),
	CONSTRAINT "clients_ai_insights_json" CHECK(ai_insights IS NULL OR json_valid(ai_insights))
);
--> statement-breakpoint
CREATE INDEX `idx_clients_name` ON `clients` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `idx_clients_business_name` ON `clients` (`business_name`);--> statement-breakpoint
CREATE INDEX `idx_clients_email` ON `clients` (`email`);--> statement-breakpoint
CREATE INDEX `idx_clients_type` ON `clients` (`client_type`);--> statement-breakpoint
CREATE INDEX `idx_clients_next_contact_at` ON `clients` (`next_contact_at`);--> statement-breakpoint
CREATE INDEX `idx_clients_ai_risk_score` ON `clients` (`ai_risk_score`);--> statement-breakpoint
CREATE INDEX `idx_clients_updated_at` ON `clients` (`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_clients_owner_id` ON `clients` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_clients_team_id` ON `clients` (`team_id`);--> statement-breakpoint
CREATE TABLE `communication_types` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`color` text DEFAULT '#64748b' NOT NULL,
	`icon` text DEFAULT 'circle' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`ai_prompt_template` text,
	`ai_summary_template` text,
	`ai_action_template` text,
	`workflow` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	CONSTRAINT "communication_types_channel_values" CHECK(channel IS NULL OR channel IN ('phone', 'email', 'sms', 'in_person', 'mail', 'video', 'other')),
	CONSTRAINT "communication_types_workflow_json" CHECK(workflow IS NULL OR json_valid(workflow)),
	CONSTRAINT "communication_types_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `communication_types_code_unique` ON `communication_types` (`code`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`mutation_id` text,
	`mutation_name` text,
	`table_name` text,
	`row_id` text,
	`field` text,
	`local_value` text,
	`server_value` text,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`resolved_at` text,
	`resolution` text,
	CONSTRAINT "conflicts_kind_values" CHECK(kind IN ('rejected', 'overwritten'))
);
--> statement-breakpoint
CREATE INDEX `idx_conflicts_open` ON `conflicts` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`phone` text,
	`mobile_phone` text,
	`job_title` text,
	`department` text,
	`roles` text DEFAULT '[]' NOT NULL,
	`is_primary_contact` integer DEFAULT 0 NOT NULL,
	`preferred_contact_method` text,
	`preferred_contact_time` text,
	`company` text,
	`linkedin_url` text,
	`reports_to_contact_id` text,
	`ai_relationship_strength` real,
	`ai_summary` text,
	`ai_updated_at` text,
	`last_contacted_at` text,
	`next_contact_at` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reports_to_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "contacts_lead_xor_client" CHECK((lead_id IS NULL) <> (client_id IS NULL)),
	CONSTRAINT "contacts_relationship_strength_range" CHECK(ai_relationship_strength IS NULL OR (ai_relationship_strength >= 0 AND ai_relationship_strength <= 1)),
	CONSTRAINT "contacts_preferred_contact_method_values" CHECK(preferred_contact_method IS NULL OR preferred_contact_method IN ('phone', 'email', 'sms', 'mail', 'in_person')),
	CONSTRAINT "contacts_roles_json" CHECK(roles IS NULL OR json_valid(roles)),
	CONSTRAINT "contacts_is_primary_contact_bool" CHECK(is_primary_contact IN (0, 1)),
	CONSTRAINT "contacts_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_contacts_lead_primary` ON `contacts` (`lead_id`,`is_primary_contact`);--> statement-breakpoint
CREATE INDEX `idx_contacts_client_primary` ON `contacts` (`client_id`,`is_primary_contact`);--> statement-breakpoint
CREATE INDEX `idx_contacts_name` ON `contacts` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `idx_contacts_email` ON `contacts` (`email`);--> statement-breakpoint
CREATE INDEX `idx_contacts_next_contact_at` ON `contacts` (`next_contact_at`);--> statement-breakpoint
CREATE INDEX `idx_contacts_owner_id` ON `contacts` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_contacts_team_id` ON `contacts` (`team_id`);--> statement-breakpoint
CREATE TABLE `insurance_types` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`line` text NOT NULL,
	`coverage_doc` text,
	`color` text DEFAULT '#64748b' NOT NULL,
	`icon` text DEFAULT 'circle' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`ai_prompt_template` text,
	`ai_summary_template` text,
	`ai_action_template` text,
	`workflow` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	CONSTRAINT "insurance_types_line_values" CHECK(line IS NULL OR line IN ('personal', 'commercial', 'life')),
	CONSTRAINT "insurance_types_coverage_doc_values" CHECK(coverage_doc IS NULL OR coverage_doc IN ('auto_data', 'home_data', 'specialty_data', 'commercial_data')),
	CONSTRAINT "insurance_types_workflow_json" CHECK(workflow IS NULL OR json_valid(workflow)),
	CONSTRAINT "insurance_types_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insurance_types_code_unique` ON `insurance_types` (`code`);--> statement-breakpoint
CREATE TABLE `lead_communications` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`communication_type_id` text NOT NULL,
	`contact_id` text,
	`campaign_id` text,
	`direction` text DEFAULT 'outbound' NOT NULL,
	`subject` text,
	`body` text,
	`outcome` text,
	`occurred_at` text NOT NULL,
	`duration_seconds` integer,
	`follow_up_at` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`ai_summary` text,
	`ai_sentiment` text,
	`ai_sentiment_score` real,
	`ai_entities` text,
	`ai_action_items` text,
	`ai_updated_at` text,
	`created_by` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`communication_type_id`) REFERENCES `communication_types`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "lead_communications_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "lead_communications_direction_values" CHECK(direction IS NULL OR direction IN ('inbound', 'outbound')),
	CONSTRAINT "lead_communications_ai_sentiment_values" CHECK(ai_sentiment IS NULL OR ai_sentiment IN ('positive', 'neutral', 'negative', 'mixed')),
	CONSTRAINT "lead_communications_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "lead_communications_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata)),
	CONSTRAINT "lead_communications_ai_entities_json" CHECK(ai_entities IS NULL OR json_valid(ai_entities)),
	CONSTRAINT "lead_communications_ai_action_items_json" CHECK(ai_action_items IS NULL OR json_valid(ai_action_items))
);
--> statement-breakpoint
CREATE INDEX `idx_lead_communications_lead_occurred` ON `lead_communications` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_client_occurred` ON `lead_communications` (`client_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_type` ON `lead_communications` (`communication_type_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_follow_up_at` ON `lead_communications` (`follow_up_at`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_ai_sentiment` ON `lead_communications` (`ai_sentiment`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_owner_id` ON `lead_communications` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_lead_communications_team_id` ON `lead_communications` (`team_id`);--> statement-breakpoint
CREATE TABLE `lead_marketing_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`email_opt_in` integer DEFAULT 0 NOT NULL,
	`sms_opt_in` integer DEFAULT 0 NOT NULL,
	`phone_opt_in` integer DEFAULT 1 NOT NULL,
	`mail_opt_in` integer DEFAULT 1 NOT NULL,
	`do_not_contact` integer DEFAULT 0 NOT NULL,
	`consent_source` text,
	`consent_at` text,
	`opted_out_at` text,
	`opt_out_reason` text,
	`preferred_channel` text,
	`preferred_time` text,
	`preferred_tone` text,
	`frequency` text DEFAULT 'as_needed' NOT NULL,
	`ai_recommended_channel` text,
	`ai_updated_at` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "lead_marketing_settings_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "lead_marketing_settings_frequency_values" CHECK(frequency IS NULL OR frequency IN ('as_needed', 'weekly', 'monthly', 'quarterly', 'never')),
	CONSTRAINT "lead_marketing_settings_email_opt_in_bool" CHECK(email_opt_in IN (0, 1)),
	CONSTRAINT "lead_marketing_settings_sms_opt_in_bool" CHECK(sms_opt_in IN (0, 1)),
	CONSTRAINT "lead_marketing_settings_phone_opt_in_bool" CHECK(phone_opt_in IN (0, 1)),
	CONSTRAINT "lead_marketing_settings_mail_opt_in_bool" CHECK(mail_opt_in IN (0, 1)),
	CONSTRAINT "lead_marketing_settings_do_not_contact_bool" CHECK(do_not_contact IN (0, 1)),
	CONSTRAINT "lead_marketing_settings_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "lead_marketing_settings_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_lead_marketing_settings_lead` ON `lead_marketing_settings` (`lead_id`);--> statement-breakpoint
CREATE INDEX `idx_lead_marketing_settings_client` ON `lead_marketing_settings` (`client_id`);--> statement-breakpoint
CREATE INDEX `idx_lead_marketing_settings_owner_id` ON `lead_marketing_settings` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_lead_marketing_settings_team_id` ON `lead_marketing_settings` (`team_id`);--> statement-breakpoint
CREATE TABLE `lead_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`body` text NOT NULL,
	`is_pinned` integer DEFAULT 0 NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`ai_summary` text,
	`ai_sentiment` text,
	`ai_sentiment_score` real,
	`ai_entities` text,
	`ai_action_items` text,
	`ai_updated_at` text,
	`created_by` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "lead_notes_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "lead_notes_ai_sentiment_values" CHECK(ai_sentiment IS NULL OR ai_sentiment IN ('positive', 'neutral', 'negative', 'mixed')),
	CONSTRAINT "lead_notes_is_pinned_bool" CHECK(is_pinned IN (0, 1)),
	CONSTRAINT "lead_notes_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "lead_notes_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata)),
	CONSTRAINT "lead_notes_ai_entities_json" CHECK(ai_entities IS NULL OR json_valid(ai_entities)),
	CONSTRAINT "lead_notes_ai_action_items_json" CHECK(ai_action_items IS NULL OR json_valid(ai_action_items))
);
--> statement-breakpoint
CREATE INDEX `idx_lead_notes_lead_created` ON `lead_notes` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_lead_notes_client_created` ON `lead_notes` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_lead_notes_owner_id` ON `lead_notes` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_lead_notes_team_id` ON `lead_notes` (`team_id`);--> statement-breakpoint
CREATE TABLE `lead_statuses` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`category` text DEFAULT 'open' NOT NULL,
	`color` text DEFAULT '#64748b' NOT NULL,
	`icon` text DEFAULT 'circle' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`ai_prompt_template` text,
	`ai_summary_template` text,
	`ai_action_template` text,
	`workflow` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	CONSTRAINT "lead_statuses_category_values" CHECK(category IS NULL OR category IN ('open', 'won', 'lost')),
	CONSTRAINT "lead_statuses_workflow_json" CHECK(workflow IS NULL OR json_valid(workflow)),
	CONSTRAINT "lead_statuses_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_statuses_code_unique` ON `lead_statuses` (`code`);--> statement-breakpoint
CREATE INDEX `idx_lead_statuses_sort_order` ON `lead_statuses` (`sort_order`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_type` text DEFAULT 'individual' NOT NULL,
	`first_name` text,
	`last_name` text,
	`business_name` text,
	`email` text,
	`phone` text,
	`preferred_contact_method` text,
	`date_of_birth` text,
	`status_id` text NOT NULL,
	`insurance_type_id` text NOT NULL,
	`campaign_id` text,
	`address_id` text,
	`source` text,
	`priority` integer DEFAULT 3 NOT NULL,
	`current_carrier` text,
	`current_premium` real,
	`quoted_premium` real,
	`umbrella_limit` real,
	`umbrella_premium` real,
	`policy_expiration_date` text,
	`auto_data` text,
	`auto_data_schema_version` integer,
	`home_data` text,
	`home_data_schema_version` integer,
	`specialty_data` text,
	`specialty_data_schema_version` integer,
	`commercial_data` text,
	`commercial_data_schema_version` integer,
	`tags` text DEFAULT '[]' NOT NULL,
	`custom_fields` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`is_converted` integer DEFAULT 0 NOT NULL,
	`converted_to_client_id` text,
	`conversion_date` text,
	`lost_reason` text,
	`ai_summary` text,
	`ai_next_action` text,
	`ai_follow_up_priority` integer,
	`ai_score` real,
	`ai_insights` text,
	`ai_updated_at` text,
	`status_changed_at` text,
	`first_contacted_at` text,
	`last_contacted_at` text,
	`next_follow_up_at` text,
	`follow_up_note` text,
	`quoted_at` text,
	`lost_at` text,
	`created_by` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`status_id`) REFERENCES `lead_statuses`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`insurance_type_id`) REFERENCES `insurance_types`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`address_id`) REFERENCES `addresses`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`converted_to_client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "leads_identity" CHECK((lead_type = 'individual' AND last_name IS NOT NULL) OR (lead_type = 'business' AND business_name IS NOT NULL)),
	CONSTRAINT "leads_priority_range" CHECK(priority BETWEEN 1 AND 5),
	CONSTRAINT "leads_ai_priority_range" CHECK(ai_follow_up_priority IS NULL OR ai_follow_up_priority BETWEEN 1 AND 5),
	CONSTRAINT "leads_conversion_fields" CHECK((converted_to_client_id IS NULL AND conversion_date IS NULL) OR (converted_to_client_id IS NOT NULL AND conversion_date IS NOT NULL)),
	CONSTRAINT "leads_is_converted_matches" CHECK(is_converted = (converted_to_client_id IS NOT NULL)),
	CONSTRAINT "leads_auto_data_version" CHECK((auto_data IS NULL) = (auto_data_schema_version IS NULL)),
	CONSTRAINT "leads_home_data_version" CHECK((home_data IS NULL) = (home_data_schema_version IS NULL)),
	CONSTRAINT "leads_specialty_data_version" CHECK((specialty_data IS NULL) = (specialty_data_schema_version IS NULL)),
	CONSTRAINT "leads_commercial_data_version" CHECK((commercial_data IS NULL) = (commercial_data_schema_version IS NULL)),
	CONSTRAINT "leads_lead_type_values" CHECK(lead_type IS NULL OR lead_type IN ('individual', 'business')),
	CONSTRAINT "leads_preferred_contact_method_values" CHECK(preferred_contact_method IS NULL OR preferred_contact_method IN ('phone', 'email', 'sms', 'mail', 'in_person')),
	CONSTRAINT "leads_auto_data_json" CHECK(auto_data IS NULL OR json_valid(auto_data)),
	CONSTRAINT "leads_home_data_json" CHECK(home_data IS NULL OR json_valid(home_data)),
	CONSTRAINT "leads_specialty_data_json" CHECK(specialty_data IS NULL OR json_valid(specialty_data)),
	CONSTRAINT "leads_commercial_data_json" CHECK(commercial_data IS NULL OR json_valid(commercial_data)),
	CONSTRAINT "leads_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "leads_custom_fields_json" CHECK(custom_fields IS NULL OR json_valid(custom_fields)),
	CONSTRAINT "leads_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata)),
	CONSTRAINT "leads_is_converted_bool" CHECK(is_converted IN (0, 1)),
	CONSTRAINT "leads_ai_insights_json" CHECK(ai_insights IS NULL OR json_valid(ai_insights))
);
--> statement-breakpoint
CREATE INDEX `idx_leads_status_id` ON `leads` (`status_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_insurance_type_id` ON `leads` (`insurance_type_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_name` ON `leads` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `idx_leads_email` ON `leads` (`email`);--> statement-breakpoint
CREATE INDEX `idx_leads_updated_at` ON `leads` (`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_created_at` ON `leads` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_owner_status` ON `leads` (`owner_id`,`status_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_next_follow_up_at` ON `leads` (`next_follow_up_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_status_changed_at` ON `leads` (`status_changed_at`);--> statement-breakpoint
CREATE INDEX `idx_leads_quoted_premium` ON `leads` (`quoted_premium`);--> statement-breakpoint
CREATE INDEX `idx_leads_ai_follow_up_priority` ON `leads` (`ai_follow_up_priority`);--> statement-breakpoint
CREATE INDEX `idx_leads_ai_score` ON `leads` (`ai_score`);--> statement-breakpoint
CREATE INDEX `idx_leads_campaign_id` ON `leads` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `idx_leads_converted_to_client_id` ON `leads` (`converted_to_client_id`);--> statement-breakpoint
CREATE INDEX `idx_leads_is_converted` ON `leads` (`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_leads_conversion_date` ON `leads` (`conversion_date`);--> statement-breakpoint
CREATE INDEX `idx_leads_owner_id` ON `leads` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_leads_team_id` ON `leads` (`team_id`);--> statement-breakpoint
CREATE TABLE `local_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`lead_id` text,
	`client_id` text,
	`insurance_type_id` text,
	`name` text NOT NULL,
	`stage` text DEFAULT 'prospecting' NOT NULL,
	`amount` real,
	`probability` integer,
	`expected_close_date` text,
	`carrier` text,
	`policy_number` text,
	`effective_date` text,
	`closed_at` text,
	`close_reason` text,
	`stage_changed_at` text,
	`ai_win_probability` real,
	`ai_next_step` text,
	`ai_summary` text,
	`ai_updated_at` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`insurance_type_id`) REFERENCES `insurance_types`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "opportunities_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "opportunities_probability_range" CHECK(probability IS NULL OR probability BETWEEN 0 AND 100),
	CONSTRAINT "opportunities_amount_positive" CHECK(amount IS NULL OR amount >= 0),
	CONSTRAINT "opportunities_closed_has_date" CHECK((stage IN ('won', 'lost')) = (closed_at IS NOT NULL)),
	CONSTRAINT "opportunities_stage_values" CHECK(stage IS NULL OR stage IN ('prospecting', 'quoting', 'proposal', 'negotiation', 'won', 'lost')),
	CONSTRAINT "opportunities_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "opportunities_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_opportunities_lead` ON `opportunities` (`lead_id`,`stage`);--> statement-breakpoint
CREATE INDEX `idx_opportunities_client` ON `opportunities` (`client_id`,`stage`);--> statement-breakpoint
CREATE INDEX `idx_opportunities_stage_close` ON `opportunities` (`stage`,`expected_close_date`);--> statement-breakpoint
CREATE INDEX `idx_opportunities_closed_at` ON `opportunities` (`closed_at`);--> statement-breakpoint
CREATE INDEX `idx_opportunities_ai_win_probability` ON `opportunities` (`ai_win_probability`);--> statement-breakpoint
CREATE INDEX `idx_opportunities_owner_id` ON `opportunities` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_opportunities_team_id` ON `opportunities` (`team_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`txid` text,
	`error` text,
	`last_attempt_at` text,
	`confirmed_at` text,
	CONSTRAINT "outbox_status_values" CHECK(status IN ('pending', 'sent', 'confirmed', 'rejected')),
	CONSTRAINT "outbox_args_json" CHECK(json_valid(args))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `idx_outbox_status_seq` ON `outbox` (`status`,`seq`);--> statement-breakpoint
CREATE TABLE `support_tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`owner_id` text NOT NULL,
	`team_id` text,
	`client_id` text,
	`lead_id` text,
	`contact_id` text,
	`subject` text NOT NULL,
	`description` text,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`issue_type` text DEFAULT 'other' NOT NULL,
	`assigned_to` text,
	`due_at` text,
	`resolution` text,
	`resolved_at` text,
	`ai_summary` text,
	`ai_category` text,
	`ai_urgency` text,
	`ai_suggested_reply` text,
	`ai_updated_at` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "support_tickets_subject" CHECK(lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "support_tickets_resolution" CHECK(status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL),
	CONSTRAINT "support_tickets_status_values" CHECK(status IS NULL OR status IN ('open', 'pending', 'resolved', 'closed')),
	CONSTRAINT "support_tickets_priority_values" CHECK(priority IS NULL OR priority IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "support_tickets_issue_type_values" CHECK(issue_type IS NULL OR issue_type IN ('billing', 'claim', 'policy_change', 'coverage_question', 'cancellation', 'document_request', 'other')),
	CONSTRAINT "support_tickets_tags_json" CHECK(tags IS NULL OR json_valid(tags)),
	CONSTRAINT "support_tickets_metadata_json" CHECK(metadata IS NULL OR json_valid(metadata))
);
--> statement-breakpoint
CREATE INDEX `idx_support_tickets_status_priority` ON `support_tickets` (`status`,`priority`);--> statement-breakpoint
CREATE INDEX `idx_support_tickets_assigned` ON `support_tickets` (`assigned_to`,`status`);--> statement-breakpoint
CREATE INDEX `idx_support_tickets_client` ON `support_tickets` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_support_tickets_lead` ON `support_tickets` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_support_tickets_due_at` ON `support_tickets` (`due_at`);--> statement-breakpoint
CREATE INDEX `idx_support_tickets_owner_id` ON `support_tickets` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_support_tickets_team_id` ON `support_tickets` (`team_id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`shape` text PRIMARY KEY NOT NULL,
	`handle` text,
	`offset` text,
	`last_lsn` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE TABLE `timeline_events` (
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
	CONSTRAINT "timeline_events_kind_values" CHECK(kind IS NULL OR kind IN ('created', 'status_changed', 'assigned', 'follow_up_scheduled', 'follow_up_completed', 'converted', 'deleted', 'restored', 'campaign_enrolled')),
	CONSTRAINT "timeline_events_payload_json" CHECK(payload IS NULL OR json_valid(payload))
);
--> statement-breakpoint
CREATE INDEX `idx_timeline_events_lead_occurred` ON `timeline_events` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_client_occurred` ON `timeline_events` (`client_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_kind_occurred` ON `timeline_events` (`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_owner_id` ON `timeline_events` (`owner_id`);--> statement-breakpoint
CREATE INDEX `idx_timeline_events_team_id` ON `timeline_events` (`team_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`email` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text DEFAULT 'agent' NOT NULL,
	`team_id` text,
	`phone` text,
	`title` text,
	`is_active` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "users_role_values" CHECK(role IS NULL OR role IN ('agent', 'staff', 'manager', 'admin')),
	CONSTRAINT "users_is_active_bool" CHECK(is_active IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `idx_users_team_id` ON `users` (`team_id`);