CREATE TABLE "record_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"mutation" text NOT NULL,
	"changes" jsonb NOT NULL,
	"actor_id" uuid,
	"changed_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "record_changes_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp(3) with time zone,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"lead_id" uuid,
	"client_id" uuid,
	"ticket_id" uuid,
	"title" text NOT NULL,
	"notes" text,
	"due_at" timestamp(3) with time zone NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assigned_to" uuid NOT NULL,
	"assigned_by" uuid,
	"created_by" uuid,
	"completed_at" timestamp(3) with time zone,
	"completed_by" uuid,
	"outcome" text,
	"remind_at" timestamp(3) with time zone,
	CONSTRAINT "tasks_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL OR ticket_id IS NOT NULL),
	CONSTRAINT "tasks_assignee_is_owner" CHECK (assigned_to = owner_id),
	CONSTRAINT "tasks_done_has_time" CHECK ((status = 'done') = (completed_at IS NOT NULL)),
	CONSTRAINT "tasks_priority_values" CHECK (priority IS NULL OR priority IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "tasks_status_values" CHECK (status IS NULL OR status IN ('open', 'done'))
);
--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_ticket_id_support_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."support_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_record_changes_lead_changed" ON "record_changes" USING btree ("lead_id","changed_at");--> statement-breakpoint
CREATE INDEX "idx_record_changes_client_changed" ON "record_changes" USING btree ("client_id","changed_at");--> statement-breakpoint
CREATE INDEX "idx_record_changes_owner_id" ON "record_changes" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_record_changes_team_id" ON "record_changes" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "idx_tasks_assigned_status_due" ON "tasks" USING btree ("assigned_to","status","due_at");--> statement-breakpoint
CREATE INDEX "idx_tasks_team_status_due" ON "tasks" USING btree ("team_id","status","due_at");--> statement-breakpoint
CREATE INDEX "idx_tasks_lead" ON "tasks" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "idx_tasks_client" ON "tasks" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "idx_tasks_ticket" ON "tasks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "idx_tasks_owner_id" ON "tasks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_tasks_team_id" ON "tasks" USING btree ("team_id");--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;