CREATE TABLE "addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"postal_code" text NOT NULL,
	"county" text,
	"country" text DEFAULT 'US' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"geocode_accuracy" text,
	"geocoded_at" timestamp(3) with time zone,
	"is_verified" boolean DEFAULT false NOT NULL,
	"verification_source" text,
	"verified_at" timestamp(3) with time zone,
	CONSTRAINT "addresses_latitude_range" CHECK (latitude IS NULL OR (latitude >= -90 AND latitude <= 90)),
	CONSTRAINT "addresses_longitude_range" CHECK (longitude IS NULL OR (longitude >= -180 AND longitude <= 180)),
	CONSTRAINT "addresses_geocode_accuracy_values" CHECK (geocode_accuracy IS NULL OR geocode_accuracy IN ('rooftop', 'range', 'street', 'postal_code', 'city', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "ai_interactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"type" text NOT NULL,
	"lead_id" uuid,
	"client_id" uuid,
	"communication_id" uuid,
	"ticket_id" uuid,
	"user_id" uuid,
	"provider" text,
	"model" text NOT NULL,
	"temperature" double precision,
	"prompt" text NOT NULL,
	"response" text,
	"summary" text,
	"status" text DEFAULT 'ok' NOT NULL,
	"error" text,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"total_tokens" integer,
	"latency_ms" integer,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "ai_interactions_type_values" CHECK (type IS NULL OR type IN ('summary', 'next_action', 'sentiment', 'risk', 'triage', 'cross_sell', 'contact_likelihood', 'draft', 'chat', 'insight')),
	CONSTRAINT "ai_interactions_status_values" CHECK (status IS NULL OR status IN ('ok', 'error'))
);
--> statement-breakpoint
CREATE TABLE "applied_mutations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"outcome" text NOT NULL,
	"result" jsonb NOT NULL,
	"txid" text,
	"applied_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_enrollments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"campaign_id" uuid NOT NULL,
	"lead_id" uuid,
	"client_id" uuid,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"enrolled_at" timestamp(3) with time zone NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "campaign_enrollments_target" CHECK ((lead_id IS NULL) <> (client_id IS NULL)),
	CONSTRAINT "campaign_enrollments_status_values" CHECK (status IS NULL OR status IN ('enrolled', 'contacted', 'responded', 'unsubscribed', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"name" text NOT NULL,
	"description" text,
	"channel" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp(3) with time zone,
	"ends_at" timestamp(3) with time zone,
	"budget" numeric(12, 2),
	"insurance_type_id" uuid,
	"created_by" uuid,
	"color" text DEFAULT '#64748b' NOT NULL,
	"icon" text DEFAULT 'circle' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"ai_prompt_template" text,
	"ai_summary_template" text,
	"ai_action_template" text,
	"workflow" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "campaigns_channel_values" CHECK (channel IS NULL OR channel IN ('phone', 'email', 'sms', 'in_person', 'mail', 'video', 'other')),
	CONSTRAINT "campaigns_status_values" CHECK (status IS NULL OR status IN ('draft', 'active', 'paused', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"client_type" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"first_name" text,
	"middle_name" text,
	"last_name" text,
	"date_of_birth" date,
	"occupation" text,
	"marital_status" text,
	"business_name" text,
	"dba_name" text,
	"business_structure" text,
	"industry" text,
	"naics_code" text,
	"fein" text,
	"year_established" integer,
	"annual_revenue" numeric(12, 2),
	"employee_count" integer,
	"email" text,
	"phone" text,
	"website" text,
	"preferred_contact_method" text,
	"address_id" uuid,
	"mailing_address_id" uuid,
	"source" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ai_summary" text,
	"ai_risk_score" double precision,
	"ai_lifetime_value" numeric(12, 2),
	"ai_insights" jsonb,
	"ai_updated_at" timestamp(3) with time zone,
	"client_since" timestamp(3) with time zone,
	"last_contact_at" timestamp(3) with time zone,
	"next_contact_at" timestamp(3) with time zone,
	CONSTRAINT "clients_identifiers_match_type" CHECK ((client_type = 'individual' AND first_name IS NOT NULL AND last_name IS NOT NULL AND business_name IS NULL AND fein IS NULL AND dba_name IS NULL) OR (client_type = 'business' AND business_name IS NOT NULL AND first_name IS NULL AND last_name IS NULL AND middle_name IS NULL AND date_of_birth IS NULL)),
	CONSTRAINT "clients_ai_risk_score_range" CHECK (ai_risk_score IS NULL OR (ai_risk_score >= 0 AND ai_risk_score <= 100)),
	CONSTRAINT "clients_client_type_values" CHECK (client_type IS NULL OR client_type IN ('individual', 'business')),
	CONSTRAINT "clients_status_values" CHECK (status IS NULL OR status IN ('active', 'inactive', 'former')),
	CONSTRAINT "clients_preferred_contact_method_values" CHECK (preferred_contact_method IS NULL OR preferred_contact_method IN ('phone', 'email', 'sms', 'mail', 'in_person'))
);
--> statement-breakpoint
CREATE TABLE "communication_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"color" text DEFAULT '#64748b' NOT NULL,
	"icon" text DEFAULT 'circle' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"ai_prompt_template" text,
	"ai_summary_template" text,
	"ai_action_template" text,
	"workflow" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "communication_types_code_unique" UNIQUE("code"),
	CONSTRAINT "communication_types_channel_values" CHECK (channel IS NULL OR channel IN ('phone', 'email', 'sms', 'in_person', 'mail', 'video', 'other'))
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"mobile_phone" text,
	"job_title" text,
	"department" text,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_primary_contact" boolean DEFAULT false NOT NULL,
	"preferred_contact_method" text,
	"preferred_contact_time" text,
	"company" text,
	"linkedin_url" text,
	"reports_to_contact_id" uuid,
	"ai_relationship_strength" double precision,
	"ai_summary" text,
	"ai_updated_at" timestamp(3) with time zone,
	"last_contacted_at" timestamp(3) with time zone,
	"next_contact_at" timestamp(3) with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "contacts_lead_xor_client" CHECK ((lead_id IS NULL) <> (client_id IS NULL)),
	CONSTRAINT "contacts_relationship_strength_range" CHECK (ai_relationship_strength IS NULL OR (ai_relationship_strength >= 0 AND ai_relationship_strength <= 1)),
	CONSTRAINT "contacts_preferred_contact_method_values" CHECK (preferred_contact_method IS NULL OR preferred_contact_method IN ('phone', 'email', 'sms', 'mail', 'in_person'))
);
--> statement-breakpoint
CREATE TABLE "insurance_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"line" text NOT NULL,
	"coverage_doc" text,
	"color" text DEFAULT '#64748b' NOT NULL,
	"icon" text DEFAULT 'circle' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"ai_prompt_template" text,
	"ai_summary_template" text,
	"ai_action_template" text,
	"workflow" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "insurance_types_code_unique" UNIQUE("code"),
	CONSTRAINT "insurance_types_line_values" CHECK (line IS NULL OR line IN ('personal', 'commercial', 'life')),
	CONSTRAINT "insurance_types_coverage_doc_values" CHECK (coverage_doc IS NULL OR coverage_doc IN ('auto_data', 'home_data', 'specialty_data', 'commercial_data'))
);
--> statement-breakpoint
CREATE TABLE "lead_communications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"communication_type_id" uuid NOT NULL,
	"contact_id" uuid,
	"campaign_id" uuid,
	"direction" text DEFAULT 'outbound' NOT NULL,
	"subject" text,
	"body" text,
	"outcome" text,
	"occurred_at" timestamp(3) with time zone NOT NULL,
	"duration_seconds" integer,
	"follow_up_at" timestamp(3) with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ai_summary" text,
	"ai_sentiment" text,
	"ai_sentiment_score" double precision,
	"ai_entities" jsonb,
	"ai_action_items" jsonb,
	"ai_updated_at" timestamp(3) with time zone,
	"created_by" uuid,
	CONSTRAINT "lead_communications_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "lead_communications_direction_values" CHECK (direction IS NULL OR direction IN ('inbound', 'outbound')),
	CONSTRAINT "lead_communications_ai_sentiment_values" CHECK (ai_sentiment IS NULL OR ai_sentiment IN ('positive', 'neutral', 'negative', 'mixed'))
);
--> statement-breakpoint
CREATE TABLE "lead_marketing_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"email_opt_in" boolean DEFAULT false NOT NULL,
	"sms_opt_in" boolean DEFAULT false NOT NULL,
	"phone_opt_in" boolean DEFAULT true NOT NULL,
	"mail_opt_in" boolean DEFAULT true NOT NULL,
	"do_not_contact" boolean DEFAULT false NOT NULL,
	"consent_source" text,
	"consent_at" timestamp(3) with time zone,
	"opted_out_at" timestamp(3) with time zone,
	"opt_out_reason" text,
	"preferred_channel" text,
	"preferred_time" text,
	"preferred_tone" text,
	"frequency" text DEFAULT 'as_needed' NOT NULL,
	"ai_recommended_channel" text,
	"ai_updated_at" timestamp(3) with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "lead_marketing_settings_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "lead_marketing_settings_frequency_values" CHECK (frequency IS NULL OR frequency IN ('as_needed', 'weekly', 'monthly', 'quarterly', 'never'))
);
--> statement-breakpoint
CREATE TABLE "lead_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"body" text NOT NULL,
	"is_pinned" boolean DEFAULT false NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ai_summary" text,
	"ai_sentiment" text,
	"ai_sentiment_score" double precision,
	"ai_entities" jsonb,
	"ai_action_items" jsonb,
	"ai_updated_at" timestamp(3) with time zone,
	"created_by" uuid,
	CONSTRAINT "lead_notes_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "lead_notes_ai_sentiment_values" CHECK (ai_sentiment IS NULL OR ai_sentiment IN ('positive', 'neutral', 'negative', 'mixed'))
);
--> statement-breakpoint
CREATE TABLE "lead_statuses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"category" text DEFAULT 'open' NOT NULL,
	"color" text DEFAULT '#64748b' NOT NULL,
	"icon" text DEFAULT 'circle' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"ai_prompt_template" text,
	"ai_summary_template" text,
	"ai_action_template" text,
	"workflow" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "lead_statuses_code_unique" UNIQUE("code"),
	CONSTRAINT "lead_statuses_category_values" CHECK (category IS NULL OR category IN ('open', 'won', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_type" text DEFAULT 'individual' NOT NULL,
	"first_name" text,
	"last_name" text,
	"business_name" text,
	"email" text,
	"phone" text,
	"preferred_contact_method" text,
	"date_of_birth" date,
	"status_id" uuid NOT NULL,
	"insurance_type_id" uuid NOT NULL,
	"campaign_id" uuid,
	"address_id" uuid,
	"source" text,
	"priority" integer DEFAULT 3 NOT NULL,
	"current_carrier" text,
	"current_premium" numeric(12, 2),
	"quoted_premium" numeric(12, 2),
	"umbrella_limit" numeric(12, 2),
	"umbrella_premium" numeric(12, 2),
	"policy_expiration_date" date,
	"auto_data" jsonb,
	"auto_data_schema_version" integer,
	"home_data" jsonb,
	"home_data_schema_version" integer,
	"specialty_data" jsonb,
	"specialty_data_schema_version" integer,
	"commercial_data" jsonb,
	"commercial_data_schema_version" integer,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_converted" boolean DEFAULT false NOT NULL,
	"converted_to_client_id" uuid,
	"conversion_date" timestamp(3) with time zone,
	"lost_reason" text,
	"ai_summary" text,
	"ai_next_action" text,
	"ai_follow_up_priority" integer,
	"ai_score" double precision,
	"ai_insights" jsonb,
	"ai_updated_at" timestamp(3) with time zone,
	"status_changed_at" timestamp(3) with time zone,
	"first_contacted_at" timestamp(3) with time zone,
	"last_contacted_at" timestamp(3) with time zone,
	"next_follow_up_at" timestamp(3) with time zone,
	"follow_up_note" text,
	"quoted_at" timestamp(3) with time zone,
	"lost_at" timestamp(3) with time zone,
	"created_by" uuid,
	CONSTRAINT "leads_identity" CHECK ((lead_type = 'individual' AND last_name IS NOT NULL) OR (lead_type = 'business' AND business_name IS NOT NULL)),
	CONSTRAINT "leads_priority_range" CHECK (priority BETWEEN 1 AND 5),
	CONSTRAINT "leads_ai_priority_range" CHECK (ai_follow_up_priority IS NULL OR ai_follow_up_priority BETWEEN 1 AND 5),
	CONSTRAINT "leads_conversion_fields" CHECK ((converted_to_client_id IS NULL AND conversion_date IS NULL) OR (converted_to_client_id IS NOT NULL AND conversion_date IS NOT NULL)),
	CONSTRAINT "leads_is_converted_matches" CHECK (is_converted = (converted_to_client_id IS NOT NULL)),
	CONSTRAINT "leads_auto_data_version" CHECK ((auto_data IS NULL) = (auto_data_schema_version IS NULL)),
	CONSTRAINT "leads_home_data_version" CHECK ((home_data IS NULL) = (home_data_schema_version IS NULL)),
	CONSTRAINT "leads_specialty_data_version" CHECK ((specialty_data IS NULL) = (specialty_data_schema_version IS NULL)),
	CONSTRAINT "leads_commercial_data_version" CHECK ((commercial_data IS NULL) = (commercial_data_schema_version IS NULL)),
	CONSTRAINT "leads_lead_type_values" CHECK (lead_type IS NULL OR lead_type IN ('individual', 'business')),
	CONSTRAINT "leads_preferred_contact_method_values" CHECK (preferred_contact_method IS NULL OR preferred_contact_method IN ('phone', 'email', 'sms', 'mail', 'in_person'))
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"insurance_type_id" uuid,
	"name" text NOT NULL,
	"stage" text DEFAULT 'prospecting' NOT NULL,
	"amount" numeric(12, 2),
	"probability" integer,
	"expected_close_date" date,
	"carrier" text,
	"policy_number" text,
	"effective_date" date,
	"closed_at" timestamp(3) with time zone,
	"close_reason" text,
	"stage_changed_at" timestamp(3) with time zone,
	"ai_win_probability" double precision,
	"ai_next_step" text,
	"ai_summary" text,
	"ai_updated_at" timestamp(3) with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "opportunities_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "opportunities_probability_range" CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
	CONSTRAINT "opportunities_amount_positive" CHECK (amount IS NULL OR amount >= 0),
	CONSTRAINT "opportunities_closed_has_date" CHECK ((stage IN ('won', 'lost')) = (closed_at IS NOT NULL)),
	CONSTRAINT "opportunities_stage_values" CHECK (stage IS NULL OR stage IN ('prospecting', 'quoting', 'proposal', 'negotiation', 'won', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"client_id" uuid,
	"lead_id" uuid,
	"contact_id" uuid,
	"subject" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'open' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"issue_type" text DEFAULT 'other' NOT NULL,
	"assigned_to" uuid,
	"due_at" timestamp(3) with time zone,
	"resolution" text,
	"resolved_at" timestamp(3) with time zone,
	"ai_summary" text,
	"ai_category" text,
	"ai_urgency" text,
	"ai_suggested_reply" text,
	"ai_updated_at" timestamp(3) with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "support_tickets_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "support_tickets_resolution" CHECK (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL),
	CONSTRAINT "support_tickets_status_values" CHECK (status IS NULL OR status IN ('open', 'pending', 'resolved', 'closed')),
	CONSTRAINT "support_tickets_priority_values" CHECK (priority IS NULL OR priority IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "support_tickets_issue_type_values" CHECK (issue_type IS NULL OR issue_type IN ('billing', 'claim', 'policy_change', 'coverage_question', 'cancellation', 'document_request', 'other'))
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"name" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp(3) with time zone NOT NULL,
	"actor_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "timeline_events_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL),
	CONSTRAINT "timeline_events_kind_values" CHECK (kind IS NULL OR kind IN ('created', 'status_changed', 'assigned', 'follow_up_scheduled', 'follow_up_completed', 'converted', 'deleted', 'restored', 'campaign_enrolled'))
);
--> statement-breakpoint
CREATE TABLE "user_credentials" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"email" text NOT NULL,
	"full_name" text NOT NULL,
	"role" text DEFAULT 'agent' NOT NULL,
	"team_id" uuid,
	"phone" text,
	"title" text,
	"is_active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_values" CHECK (role IS NULL OR role IN ('agent', 'staff', 'manager', 'admin'))
);
--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_communication_id_lead_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."lead_communications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_ticket_id_support_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."support_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD CONSTRAINT "ai_interactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_insurance_type_id_insurance_types_id_fk" FOREIGN KEY ("insurance_type_id") REFERENCES "public"."insurance_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_address_id_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_mailing_address_id_addresses_id_fk" FOREIGN KEY ("mailing_address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_reports_to_contact_id_contacts_id_fk" FOREIGN KEY ("reports_to_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_communication_type_id_communication_types_id_fk" FOREIGN KEY ("communication_type_id") REFERENCES "public"."communication_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_communications" ADD CONSTRAINT "lead_communications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_marketing_settings" ADD CONSTRAINT "lead_marketing_settings_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_marketing_settings" ADD CONSTRAINT "lead_marketing_settings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_marketing_settings" ADD CONSTRAINT "lead_marketing_settings_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_marketing_settings" ADD CONSTRAINT "lead_marketing_settings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_status_id_lead_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."lead_statuses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_insurance_type_id_insurance_types_id_fk" FOREIGN KEY ("insurance_type_id") REFERENCES "public"."insurance_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_address_id_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_converted_to_client_id_clients_id_fk" FOREIGN KEY ("converted_to_client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_insurance_type_id_insurance_types_id_fk" FOREIGN KEY ("insurance_type_id") REFERENCES "public"."insurance_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_credentials" ADD CONSTRAINT "user_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_addresses_postal_code" ON "addresses" USING btree ("postal_code");--> statement-breakpoint
CREATE INDEX "idx_addresses_state_city" ON "addresses" USING btree ("state","city");--> statement-breakpoint
CREATE INDEX "idx_addresses_owner_id" ON "addresses" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_addresses_team_id" ON "addresses" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_type_created" ON "ai_interactions" USING btree ("type","created_at");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_lead" ON "ai_interactions" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_client" ON "ai_interactions" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_ticket" ON "ai_interactions" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_communication" ON "ai_interactions" USING btree ("communication_id");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_user_created" ON "ai_interactions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_owner_id" ON "ai_interactions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_ai_interactions_team_id" ON "ai_interactions" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_applied_mutations_user" ON "applied_mutations" USING btree ("user_id","applied_at");--> statement-breakpoint
CREATE INDEX "idx_campaign_enrollments_campaign" ON "campaign_enrollments" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "idx_campaign_enrollments_lead" ON "campaign_enrollments" USING btree ("lead_id","campaign_id");--> statement-breakpoint
CREATE INDEX "idx_campaign_enrollments_client" ON "campaign_enrollments" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "idx_campaign_enrollments_owner_id" ON "campaign_enrollments" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_campaign_enrollments_team_id" ON "campaign_enrollments" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_campaigns_status" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_clients_name" ON "clients" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "idx_clients_business_name" ON "clients" USING btree ("business_name");--> statement-breakpoint
CREATE INDEX "idx_clients_email" ON "clients" USING btree ("email");--> statement-breakpoint
CREATE INDEX "idx_clients_type" ON "clients" USING btree ("client_type");--> statement-breakpoint
CREATE INDEX "idx_clients_next_contact_at" ON "clients" USING btree ("next_contact_at");--> statement-breakpoint
CREATE INDEX "idx_clients_ai_risk_score" ON "clients" USING btree ("ai_risk_score");--> statement-breakpoint
CREATE INDEX "idx_clients_updated_at" ON "clients" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "idx_clients_owner_id" ON "clients" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_clients_team_id" ON "clients" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_contacts_lead_primary" ON "contacts" USING btree ("lead_id","is_primary_contact");--> statement-breakpoint
CREATE INDEX "idx_contacts_client_primary" ON "contacts" USING btree ("client_id","is_primary_contact");--> statement-breakpoint
CREATE INDEX "idx_contacts_name" ON "contacts" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "idx_contacts_email" ON "contacts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "idx_contacts_next_contact_at" ON "contacts" USING btree ("next_contact_at");--> statement-breakpoint
CREATE INDEX "idx_contacts_owner_id" ON "contacts" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_contacts_team_id" ON "contacts" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_lead_occurred" ON "lead_communications" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_client_occurred" ON "lead_communications" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_type" ON "lead_communications" USING btree ("communication_type_id","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_follow_up_at" ON "lead_communications" USING btree ("follow_up_at");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_ai_sentiment" ON "lead_communications" USING btree ("ai_sentiment");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_owner_id" ON "lead_communications" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_lead_communications_team_id" ON "lead_communications" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idx_lead_marketing_settings_lead" ON "lead_marketing_settings" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "idx_lead_marketing_settings_client" ON "lead_marketing_settings" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "idx_lead_marketing_settings_owner_id" ON "lead_marketing_settings" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_lead_marketing_settings_team_id" ON "lead_marketing_settings" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_lead_notes_lead_created" ON "lead_notes" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_lead_notes_client_created" ON "lead_notes" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_lead_notes_owner_id" ON "lead_notes" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_lead_notes_team_id" ON "lead_notes" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_lead_statuses_sort_order" ON "lead_statuses" USING btree ("sort_order");--> statement-breakpoint
CREATE INDEX "idx_leads_status_id" ON "leads" USING btree ("status_id","updated_at");--> statement-breakpoint
CREATE INDEX "idx_leads_insurance_type_id" ON "leads" USING btree ("insurance_type_id","updated_at");--> statement-breakpoint
CREATE INDEX "idx_leads_name" ON "leads" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "idx_leads_email" ON "leads" USING btree ("email");--> statement-breakpoint
CREATE INDEX "idx_leads_updated_at" ON "leads" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "idx_leads_created_at" ON "leads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idx_leads_owner_status" ON "leads" USING btree ("owner_id","status_id","updated_at");--> statement-breakpoint
CREATE INDEX "idx_leads_next_follow_up_at" ON "leads" USING btree ("next_follow_up_at");--> statement-breakpoint
CREATE INDEX "idx_leads_status_changed_at" ON "leads" USING btree ("status_changed_at");--> statement-breakpoint
CREATE INDEX "idx_leads_quoted_premium" ON "leads" USING btree ("quoted_premium");--> statement-breakpoint
CREATE INDEX "idx_leads_ai_follow_up_priority" ON "leads" USING btree ("ai_follow_up_priority");--> statement-breakpoint
CREATE INDEX "idx_leads_ai_score" ON "leads" USING btree ("ai_score");--> statement-breakpoint
CREATE INDEX "idx_leads_campaign_id" ON "leads" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "idx_leads_converted_to_client_id" ON "leads" USING btree ("converted_to_client_id");--> statement-breakpoint
CREATE INDEX "idx_leads_is_converted" ON "leads" USING btree ("is_converted");--> statement-breakpoint
CREATE INDEX "idx_leads_conversion_date" ON "leads" USING btree ("conversion_date");--> statement-breakpoint
CREATE INDEX "idx_leads_owner_id" ON "leads" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_leads_team_id" ON "leads" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_opportunities_lead" ON "opportunities" USING btree ("lead_id","stage");--> statement-breakpoint
CREATE INDEX "idx_opportunities_client" ON "opportunities" USING btree ("client_id","stage");--> statement-breakpoint
CREATE INDEX "idx_opportunities_stage_close" ON "opportunities" USING btree ("stage","expected_close_date");--> statement-breakpoint
CREATE INDEX "idx_opportunities_closed_at" ON "opportunities" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "idx_opportunities_ai_win_probability" ON "opportunities" USING btree ("ai_win_probability");--> statement-breakpoint
CREATE INDEX "idx_opportunities_owner_id" ON "opportunities" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_opportunities_team_id" ON "opportunities" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_status_priority" ON "support_tickets" USING btree ("status","priority");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_assigned" ON "support_tickets" USING btree ("assigned_to","status");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_client" ON "support_tickets" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_lead" ON "support_tickets" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_due_at" ON "support_tickets" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_owner_id" ON "support_tickets" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_support_tickets_team_id" ON "support_tickets" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_timeline_events_lead_occurred" ON "timeline_events" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_timeline_events_client_occurred" ON "timeline_events" USING btree ("client_id","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_timeline_events_kind_occurred" ON "timeline_events" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_timeline_events_owner_id" ON "timeline_events" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_timeline_events_team_id" ON "timeline_events" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_users_team_id" ON "users" USING btree ("team_id");