-- JSONB GIN indexes, the conversion views and row-level security. Custom SQL: drizzle-kit
-- does not generate these forms.
CREATE INDEX IF NOT EXISTS "idx_leads_auto_data_gin" ON "leads" USING gin ("auto_data" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_leads_home_data_gin" ON "leads" USING gin ("home_data" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_leads_specialty_data_gin" ON "leads" USING gin ("specialty_data" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_leads_commercial_data_gin" ON "leads" USING gin ("commercial_data" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_leads_tags_gin" ON "leads" USING gin ("tags");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_leads_custom_fields_gin" ON "leads" USING gin ("custom_fields" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_clients_tags_gin" ON "clients" USING gin ("tags");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_clients_custom_fields_gin" ON "clients" USING gin ("custom_fields" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_lead_communications_ai_entities_gin" ON "lead_communications" USING gin ("ai_entities" jsonb_path_ops);
--> statement-breakpoint
-- security_invoker: the views apply the reader's row-level security, not the view owner's.
CREATE VIEW "lead_conversion_summary" WITH (security_invoker = true) AS
SELECT
	l.id AS lead_id,
	l.lead_type,
	l.first_name,
	l.last_name,
	l.business_name,
	s.code AS status_code,
	s.name AS status_name,
	it.code AS insurance_type_code,
	it.name AS insurance_type_name,
	l.owner_id,
	l.team_id,
	l.source,
	l.quoted_premium,
	l.created_at AS lead_created_at,
	l.is_converted,
	l.conversion_date,
	l.converted_to_client_id AS client_id,
	c.client_type,
	CASE WHEN c.client_type = 'business' THEN c.business_name ELSE c.first_name || ' ' || c.last_name END AS client_name,
	EXTRACT(EPOCH FROM (l.conversion_date - l.created_at)) / 86400.0 AS days_to_convert
FROM leads l
JOIN lead_statuses s ON s.id = l.status_id
JOIN insurance_types it ON it.id = l.insurance_type_id
LEFT JOIN clients c ON c.id = l.converted_to_client_id
WHERE l.deleted_at IS NULL;
--> statement-breakpoint
CREATE VIEW "client_lead_history" WITH (security_invoker = true) AS
SELECT
	c.id AS client_id,
	c.client_type,
	CASE WHEN c.client_type = 'business' THEN c.business_name ELSE c.first_name || ' ' || c.last_name END AS client_name,
	c.owner_id,
	c.team_id,
	l.id AS lead_id,
	l.source AS lead_source,
	l.metadata AS lead_metadata,
	it.code AS insurance_type_code,
	it.name AS insurance_type_name,
	l.quoted_premium,
	l.created_at AS lead_created_at,
	l.conversion_date,
	EXTRACT(EPOCH FROM (l.conversion_date - l.created_at)) / 86400.0 AS days_to_convert,
	(SELECT count(*) FROM lead_notes n WHERE n.lead_id = l.id AND n.deleted_at IS NULL) AS note_count,
	(SELECT count(*) FROM lead_communications m WHERE m.lead_id = l.id AND m.deleted_at IS NULL) AS communication_count
FROM clients c
JOIN leads l ON l.converted_to_client_id = c.id
JOIN insurance_types it ON it.id = l.insurance_type_id
WHERE c.deleted_at IS NULL;
--> statement-breakpoint
-- Row-level security. The gateway runs each request as the role fieldline_app with
-- app.user_id set for the transaction; these policies then decide what that user may touch:
-- an agent their own rows, staff and managers their team's, an admin everything.
-- Roles are cluster-wide: two databases migrating at once may both try to create it.
DO $$ BEGIN
	CREATE ROLE fieldline_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO fieldline_app;
--> statement-breakpoint
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
	SELECT NULLIF(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
-- SECURITY DEFINER so the lookup of the caller's own role is not itself filtered by RLS.
CREATE FUNCTION app_user_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	SELECT role FROM users WHERE id = app_user_id() AND is_active AND deleted_at IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION app_user_team() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	SELECT team_id FROM users WHERE id = app_user_id()
$$;
--> statement-breakpoint
-- A row's team must be its owner's team, so nobody can hide a row from their own manager
-- or push it into another team's view by writing a different team_id.
CREATE FUNCTION app_owner_team_matches(owner uuid, team uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	SELECT team IS NOT DISTINCT FROM (SELECT team_id FROM users WHERE id = owner)
$$;
--> statement-breakpoint
CREATE FUNCTION app_can_access(owner uuid, team uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT CASE app_user_role()
		WHEN 'admin' THEN true
		WHEN 'manager' THEN owner = app_user_id() OR team = app_user_team()
		WHEN 'staff' THEN owner = app_user_id() OR team = app_user_team()
		WHEN 'agent' THEN owner = app_user_id()
		ELSE false
	END
$$;
--> statement-breakpoint
ALTER TABLE "addresses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "addresses_access" ON "addresses" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "addresses" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "clients" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "clients_access" ON "clients" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "clients" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "leads" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "leads_access" ON "leads" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "leads" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "contacts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "contacts_access" ON "contacts" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "contacts" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "lead_communications" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "lead_communications_access" ON "lead_communications" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "lead_communications" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "lead_notes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "lead_notes_access" ON "lead_notes" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "lead_notes" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "lead_marketing_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "lead_marketing_settings_access" ON "lead_marketing_settings" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "lead_marketing_settings" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "opportunities" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "opportunities_access" ON "opportunities" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "opportunities" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "support_tickets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "support_tickets_access" ON "support_tickets" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "support_tickets" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "ai_interactions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "ai_interactions_access" ON "ai_interactions" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "ai_interactions" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "timeline_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "timeline_events_access" ON "timeline_events" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "timeline_events" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "campaign_enrollments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "campaign_enrollments_access" ON "campaign_enrollments" FOR ALL TO fieldline_app
	USING (app_can_access(owner_id, team_id))
	WITH CHECK (app_can_access(owner_id, team_id) AND app_owner_team_matches(owner_id, team_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "campaign_enrollments" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "teams" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "teams_read" ON "teams" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "teams_write" ON "teams" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "teams" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "users_read" ON "users" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "users_write" ON "users" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "users" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "lead_statuses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "lead_statuses_read" ON "lead_statuses" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "lead_statuses_write" ON "lead_statuses" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "lead_statuses" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "insurance_types" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "insurance_types_read" ON "insurance_types" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "insurance_types_write" ON "insurance_types" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "insurance_types" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "communication_types" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "communication_types_read" ON "communication_types" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "communication_types_write" ON "communication_types" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "communication_types" TO fieldline_app;
--> statement-breakpoint
ALTER TABLE "campaigns" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "campaigns_read" ON "campaigns" FOR SELECT TO fieldline_app USING (app_user_role() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY "campaigns_write" ON "campaigns" FOR ALL TO fieldline_app
	USING ((SELECT app_user_role()) IN ('admin', 'manager', 'staff'))
	WITH CHECK ((SELECT app_user_role()) IN ('admin', 'manager', 'staff'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "campaigns" TO fieldline_app;
--> statement-breakpoint
GRANT SELECT ON "lead_conversion_summary", "client_lead_history" TO fieldline_app;
