CREATE TABLE "carriers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"name" text NOT NULL,
	"naic_code" text,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"producer_code" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"color" text DEFAULT '#64748b' NOT NULL,
	"icon" text DEFAULT 'circle' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"ai_prompt_template" text,
	"ai_summary_template" text,
	"ai_action_template" text,
	"workflow" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "carriers_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"name" text NOT NULL,
	"household_type" text DEFAULT 'family' NOT NULL,
	"notes" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ai_summary" text,
	"ai_updated_at" timestamp(3) with time zone,
	CONSTRAINT "households_household_type_values" CHECK (household_type IS NULL OR household_type IN ('family', 'business_group'))
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"client_id" uuid NOT NULL,
	"carrier_id" uuid NOT NULL,
	"insurance_type_id" uuid NOT NULL,
	"opportunity_id" uuid,
	"renews_policy_id" uuid,
	"policy_number" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"effective_date" date NOT NULL,
	"expiration_date" date NOT NULL,
	"term_months" integer DEFAULT 12 NOT NULL,
	"written_premium" numeric(12, 2) NOT NULL,
	"premium_change_pct" double precision,
	"billing" text DEFAULT 'direct' NOT NULL,
	"commission_rate" double precision,
	"commission_amount" numeric(12, 2),
	"cancellation_date" date,
	"cancellation_reason" text,
	"non_renewal_reason" text,
	"status_changed_at" timestamp(3) with time zone,
	"auto_data" jsonb,
	"auto_data_schema_version" integer,
	"home_data" jsonb,
	"home_data_schema_version" integer,
	"specialty_data" jsonb,
	"specialty_data_schema_version" integer,
	"commercial_data" jsonb,
	"commercial_data_schema_version" integer,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ai_retention_risk" integer,
	"ai_retention_reasons" jsonb,
	"ai_summary" text,
	"ai_updated_at" timestamp(3) with time zone,
	CONSTRAINT "policies_dates_order" CHECK (expiration_date > effective_date),
	CONSTRAINT "policies_premium_positive" CHECK (written_premium >= 0),
	CONSTRAINT "policies_term_months_range" CHECK (term_months BETWEEN 1 AND 120),
	CONSTRAINT "policies_not_self_renewal" CHECK (renews_policy_id IS NULL OR renews_policy_id <> id),
	CONSTRAINT "policies_commission_rate_range" CHECK (commission_rate IS NULL OR (commission_rate >= 0 AND commission_rate <= 100)),
	CONSTRAINT "policies_commission_amount_positive" CHECK (commission_amount IS NULL OR commission_amount >= 0),
	CONSTRAINT "policies_cancellation_matches" CHECK ((status = 'cancelled') = (cancellation_date IS NOT NULL)),
	CONSTRAINT "policies_ai_retention_risk_range" CHECK (ai_retention_risk IS NULL OR ai_retention_risk BETWEEN 0 AND 100),
	CONSTRAINT "policies_auto_data_version" CHECK ((auto_data IS NULL) = (auto_data_schema_version IS NULL)),
	CONSTRAINT "policies_home_data_version" CHECK ((home_data IS NULL) = (home_data_schema_version IS NULL)),
	CONSTRAINT "policies_specialty_data_version" CHECK ((specialty_data IS NULL) = (specialty_data_schema_version IS NULL)),
	CONSTRAINT "policies_commercial_data_version" CHECK ((commercial_data IS NULL) = (commercial_data_schema_version IS NULL)),
	CONSTRAINT "policies_status_values" CHECK (status IS NULL OR status IN ('active', 'pending', 'cancelled', 'expired', 'non_renewed', 'renewed')),
	CONSTRAINT "policies_billing_values" CHECK (billing IS NULL OR billing IN ('direct', 'agency'))
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "household_id" uuid;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_insurance_type_id_insurance_types_id_fk" FOREIGN KEY ("insurance_type_id") REFERENCES "public"."insurance_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_renews_policy_id_policies_id_fk" FOREIGN KEY ("renews_policy_id") REFERENCES "public"."policies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_carriers_sort_order" ON "carriers" USING btree ("sort_order");--> statement-breakpoint
CREATE INDEX "idx_households_owner_id" ON "households" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_households_team_id" ON "households" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_policies_live_expiration" ON "policies" USING btree ("expiration_date","id") WHERE deleted_at IS NULL AND status IN ('active', 'pending');--> statement-breakpoint
CREATE INDEX "idx_policies_owner_expiration" ON "policies" USING btree ("owner_id","expiration_date") WHERE deleted_at IS NULL AND status IN ('active', 'pending');--> statement-breakpoint
CREATE INDEX "idx_policies_carrier_expiration" ON "policies" USING btree ("carrier_id","expiration_date");--> statement-breakpoint
CREATE INDEX "idx_policies_client" ON "policies" USING btree ("client_id","expiration_date");--> statement-breakpoint
CREATE INDEX "idx_policies_policy_number" ON "policies" USING btree ("policy_number");--> statement-breakpoint
CREATE UNIQUE INDEX "idx_policies_renews" ON "policies" USING btree ("renews_policy_id");--> statement-breakpoint
CREATE INDEX "idx_policies_opportunity" ON "policies" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "idx_policies_owner_id" ON "policies" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_policies_team_id" ON "policies" USING btree ("team_id");--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_clients_household" ON "clients" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "idx_leads_xdate" ON "leads" USING btree ("policy_expiration_date","id","is_converted") WHERE deleted_at IS NULL;