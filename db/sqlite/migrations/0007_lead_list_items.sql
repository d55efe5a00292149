-- The Leads list's item for each lead, as the JSON array the pipeline query returns (its columns
-- and order are `listItemJson` in db/queries/pipeline.ts; a test checks that every stored item equals
-- it). better-sqlite3 pays about 0.1 µs for each value it hands to JavaScript and SQLite about
-- 2 µs to build a row's JSON, so a page read from here (one ready text per row) costs about 40%
-- less than building the items at read time. Kept by triggers like the other derived tables, and
-- rebuilt with them after a first sync (db/sqlite/derived.ts). The pipeline falls back to building
-- an item when its row is missing, so a missing row can slow a page but never hide a lead.
-- The triggers delete before they insert rather than INSERT OR REPLACE: an upsert's own conflict
-- policy overrides the one of a statement in a trigger it fires.
CREATE TABLE `lead_list_items` (
	`lead_id` text PRIMARY KEY NOT NULL REFERENCES `leads`(`id`) ON DELETE CASCADE,
	`item` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `leads_list_derived_insert` AFTER INSERT ON `leads` BEGIN
	DELETE FROM lead_list_items WHERE lead_id = new.id;
	INSERT INTO lead_list_items(lead_id, item) VALUES (new.id, json_array(new.id, CASE WHEN new.business_name IS NOT NULL AND new.business_name <> '' THEN new.business_name ELSE trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')) END, new.lead_type, new.status_id, new.insurance_type_id, new.owner_id, new.email, new.phone,
		new.quoted_premium, new.priority, new.ai_follow_up_priority, new.next_follow_up_at, new.last_contacted_at, new.status_changed_at,
		new.created_at, new.updated_at, json(new.tags), new.is_converted));
END;
--> statement-breakpoint
CREATE TRIGGER `leads_list_derived_update` AFTER UPDATE OF id, business_name, first_name, last_name, lead_type, status_id, insurance_type_id,
	owner_id, email, phone, quoted_premium, priority, ai_follow_up_priority, next_follow_up_at, last_contacted_at, status_changed_at,
	created_at, updated_at, tags, is_converted ON `leads` BEGIN
	DELETE FROM lead_list_items WHERE lead_id = new.id;
	INSERT INTO lead_list_items(lead_id, item) VALUES (new.id, json_array(new.id, CASE WHEN new.business_name IS NOT NULL AND new.business_name <> '' THEN new.business_name ELSE trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')) END, new.lead_type, new.status_id, new.insurance_type_id, new.owner_id, new.email, new.phone,
		new.quoted_premium, new.priority, new.ai_follow_up_priority, new.next_follow_up_at, new.last_contacted_at, new.status_changed_at,
		new.created_at, new.updated_at, json(new.tags), new.is_converted));
END;
--> statement-breakpoint
INSERT INTO lead_list_items(lead_id, item) SELECT l.id, json_array(l.id, CASE WHEN l.business_name IS NOT NULL AND l.business_name <> '' THEN l.business_name ELSE trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) END, l.lead_type, l.status_id, l.insurance_type_id, l.owner_id, l.email, l.phone,
		l.quoted_premium, l.priority, l.ai_follow_up_priority, l.next_follow_up_at, l.last_contacted_at, l.status_changed_at,
		l.created_at, l.updated_at, json(l.tags), l.is_converted) FROM leads l;
