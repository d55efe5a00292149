CREATE INDEX `idx_leads_policy_expiration_date` ON `leads` (`policy_expiration_date`,`id`,`deleted_at`,`is_converted`);--> statement-breakpoint
CREATE INDEX `idx_policies_sort_policy_number` ON `policies` (`policy_number`,`id`);--> statement-breakpoint
CREATE INDEX `idx_policies_sort_effective_date` ON `policies` (`effective_date`,`id`);--> statement-breakpoint
CREATE INDEX `idx_policies_sort_expiration_date` ON `policies` (`expiration_date`,`id`);--> statement-breakpoint
CREATE INDEX `idx_policies_sort_written_premium` ON `policies` (`written_premium`,`id`);--> statement-breakpoint
-- The Leads list's stored items gain the current carrier, current premium and X-date (the lead's
-- current policy expiration), appended to the array so the older fields keep their places. The
-- triggers are the ones of 0007 with the longer item (listItemJson in db/queries/pipeline.ts;
-- a test checks every stored item equals it) and the three columns in the update trigger's list.
DROP TRIGGER IF EXISTS `leads_list_derived_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_list_derived_update`;
--> statement-breakpoint
CREATE TRIGGER `leads_list_derived_insert` AFTER INSERT ON `leads` BEGIN
	DELETE FROM lead_list_items WHERE lead_id = new.id;
	INSERT INTO lead_list_items(lead_id, item) VALUES (new.id, json_array(new.id, CASE WHEN new.business_name IS NOT NULL AND new.business_name <> '' THEN new.business_name ELSE trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')) END, new.lead_type, new.status_id, new.insurance_type_id, new.owner_id, new.email, new.phone,
		new.quoted_premium, new.priority, new.ai_follow_up_priority, new.next_follow_up_at, new.last_contacted_at, new.status_changed_at,
		new.created_at, new.updated_at, json(new.tags), new.is_converted, new.current_carrier, new.current_premium, new.policy_expiration_date));
END;
--> statement-breakpoint
CREATE TRIGGER `leads_list_derived_update` AFTER UPDATE OF id, business_name, first_name, last_name, lead_type, status_id, insurance_type_id,
	owner_id, email, phone, quoted_premium, priority, ai_follow_up_priority, next_follow_up_at, last_contacted_at, status_changed_at,
	created_at, updated_at, tags, is_converted, current_carrier, current_premium, policy_expiration_date ON `leads` BEGIN
	DELETE FROM lead_list_items WHERE lead_id = new.id;
	INSERT INTO lead_list_items(lead_id, item) VALUES (new.id, json_array(new.id, CASE WHEN new.business_name IS NOT NULL AND new.business_name <> '' THEN new.business_name ELSE trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '')) END, new.lead_type, new.status_id, new.insurance_type_id, new.owner_id, new.email, new.phone,
		new.quoted_premium, new.priority, new.ai_follow_up_priority, new.next_follow_up_at, new.last_contacted_at, new.status_changed_at,
		new.created_at, new.updated_at, json(new.tags), new.is_converted, new.current_carrier, new.current_premium, new.policy_expiration_date));
END;
--> statement-breakpoint
DELETE FROM lead_list_items;
--> statement-breakpoint
INSERT INTO lead_list_items(lead_id, item) SELECT l.id, json_array(l.id, CASE WHEN l.business_name IS NOT NULL AND l.business_name <> '' THEN l.business_name ELSE trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) END, l.lead_type, l.status_id, l.insurance_type_id, l.owner_id, l.email, l.phone,
		l.quoted_premium, l.priority, l.ai_follow_up_priority, l.next_follow_up_at, l.last_contacted_at, l.status_changed_at,
		l.created_at, l.updated_at, json(l.tags), l.is_converted, l.current_carrier, l.current_premium, l.policy_expiration_date) FROM leads l;
