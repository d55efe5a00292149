-- Row-level security for tasks and record_changes. Custom SQL: drizzle-kit does not generate it.
-- Both are owned rows under the same rule as every other owned table. A task's owner is its
-- assignee (tasks_assignee_is_owner), so the assignee reaches it whoever owns the record.
ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tasks_access" ON "tasks" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tasks" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "record_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "record_changes_access" ON "record_changes" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "record_changes" TO fieldline_app;
