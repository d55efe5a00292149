-- The book of business on the server: row-level security for households and policies (the
-- same rule as every owned table), carriers as a lookup every signed-in user reads and staff,
-- managers and admins extend, and each client's policies in force. Custom SQL: drizzle-kit does
-- not generate these forms.
ALTER TABLE "households" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "households_access" ON "households" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "households" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "policies" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "policies_access" ON "policies" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "policies" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "carriers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "carriers_read" ON "carriers" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "carriers_write" ON "carriers" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin', 'manager', 'staff'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin', 'manager', 'staff'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "carriers" TO fieldline_app;
--> statement-breakpoint
-- In force: an active term that has not expired. Clients with none have a row of zeros.
CREATE VIEW "client_policies_in_force" WITH (security_invoker = true) AS
SELECT
	c.id AS client_id,
	c.client_type,
	CASE WHEN c.client_type = 'business' THEN c.business_name ELSE c.first_name || ' ' || c.last_name END AS client_name,
	c.owner_id,
	c.team_id,
	c.household_id,
	count(p.id) AS policies_in_force,
	coalesce(sum(p.written_premium), 0) AS premium_in_force,
	coalesce(sum(p.commission_amount), 0) AS commission_in_force,
	count(DISTINCT p.insurance_type_id) AS lines_in_force,
	count(DISTINCT p.carrier_id) AS carriers_in_force,
	min(p.expiration_date) AS next_expiration_date
FROM clients c
LEFT JOIN policies p ON p.client_id = c.id AND p.deleted_at IS NULL AND p.status = 'active' AND p.expiration_date >= CURRENT_DATE
WHERE c.deleted_at IS NULL
-- Every client column named, not GROUP BY c.id alone: a view that leans on the primary key's
-- functional dependency is dumped by pg_dump as a placeholder replaced later.
GROUP BY c.id, c.client_type, c.business_name, c.first_name, c.last_name, c.owner_id, c.team_id, c.household_id;
--> statement-breakpoint
GRANT SELECT ON "client_policies_in_force" TO fieldline_app;
