ALTER TABLE "record_changes" DROP CONSTRAINT "record_changes_subject";--> statement-breakpoint
ALTER TABLE "record_changes" ADD COLUMN "policy_id" uuid;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_record_changes_policy_changed" ON "record_changes" USING btree ("policy_id","changed_at");--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_subject" CHECK (lead_id IS NOT NULL OR client_id IS NOT NULL OR policy_id IS NOT NULL);