CREATE INDEX "idx_leads_policy_expiration_date" ON "leads" USING btree ("policy_expiration_date","id","deleted_at","is_converted");--> statement-breakpoint
CREATE INDEX "idx_policies_sort_policy_number" ON "policies" USING btree ("policy_number","id");--> statement-breakpoint
CREATE INDEX "idx_policies_sort_effective_date" ON "policies" USING btree ("effective_date","id");--> statement-breakpoint
CREATE INDEX "idx_policies_sort_expiration_date" ON "policies" USING btree ("expiration_date","id");--> statement-breakpoint
CREATE INDEX "idx_policies_sort_written_premium" ON "policies" USING btree ("written_premium","id");