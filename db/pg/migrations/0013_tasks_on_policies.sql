ALTER TABLE "tasks" DROP CONSTRAINT "tasks_subject";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "policy_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_tasks_policy" ON "tasks" USING btree ("policy_id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL OR ticket_id IS NOT NULL OR policy_id IS NOT NULL);