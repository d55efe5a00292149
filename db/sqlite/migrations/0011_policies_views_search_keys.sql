-- Each client's policies in force (the book of business per client), and the search keys that
-- let global search find a policy number or a VIN typed with or without dashes and spaces.
-- Custom SQL: drizzle has no views or triggers.
--
-- In force: an active term that has not expired. Clients with none have a row of zeros.
CREATE VIEW `client_policies_in_force` AS
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
LEFT JOIN policies p ON p.client_id = c.id AND p.deleted_at IS NULL AND p.status = 'active' AND p.expiration_date >= date('now')
WHERE c.deleted_at IS NULL
GROUP BY c.id;
--> statement-breakpoint
-- Exact identifiers, normalized as shared/search/keys.ts normalizes what is typed: upper case,
-- no spaces, dashes, dots or slashes. A prefix of a key is a range scan of this index.
CREATE TABLE `search_keys` (
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`field` text NOT NULL,
	`ref_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_search_keys_key` ON `search_keys` (`key`, `ref_id`);
--> statement-breakpoint
CREATE INDEX `idx_search_keys_ref` ON `search_keys` (`ref_id`);
--> statement-breakpoint
CREATE TRIGGER `policies_keys_derived_insert` AFTER INSERT ON `policies` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_keys(key, kind, field, ref_id) VALUES (upper(replace(replace(replace(replace(new.policy_number, '-', ''), ' ', ''), '.', ''), '/', '')), 'policy', 'policy_number', new.id);
	INSERT INTO search_keys(key, kind, field, ref_id)
		SELECT upper(json_extract(v.value, '$.vin')), 'policy', 'vin', new.id FROM json_each(new.auto_data, '$.vehicles') AS v
		WHERE json_extract(v.value, '$.vin') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_keys_derived_update` AFTER UPDATE OF policy_number, auto_data, deleted_at ON `policies` BEGIN
	DELETE FROM search_keys WHERE ref_id = old.id;
	INSERT INTO search_keys(key, kind, field, ref_id)
		SELECT upper(replace(replace(replace(replace(new.policy_number, '-', ''), ' ', ''), '.', ''), '/', '')), 'policy', 'policy_number', new.id
		WHERE new.deleted_at IS NULL;
	INSERT INTO search_keys(key, kind, field, ref_id)
		SELECT upper(json_extract(v.value, '$.vin')), 'policy', 'vin', new.id FROM json_each(new.auto_data, '$.vehicles') AS v
		WHERE new.deleted_at IS NULL AND json_extract(v.value, '$.vin') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_keys_derived_delete` AFTER DELETE ON `policies` BEGIN
	DELETE FROM search_keys WHERE ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_keys_derived_insert` AFTER INSERT ON `leads` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_keys(key, kind, field, ref_id)
		SELECT upper(json_extract(v.value, '$.vin')), 'lead', 'vin', new.id FROM json_each(new.auto_data, '$.vehicles') AS v
		WHERE json_extract(v.value, '$.vin') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_keys_derived_update` AFTER UPDATE OF auto_data, deleted_at ON `leads` BEGIN
	DELETE FROM search_keys WHERE ref_id = old.id;
	INSERT INTO search_keys(key, kind, field, ref_id)
		SELECT upper(json_extract(v.value, '$.vin')), 'lead', 'vin', new.id FROM json_each(new.auto_data, '$.vehicles') AS v
		WHERE new.deleted_at IS NULL AND json_extract(v.value, '$.vin') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_keys_derived_delete` AFTER DELETE ON `leads` BEGIN
	DELETE FROM search_keys WHERE ref_id = old.id;
END;
--> statement-breakpoint
-- Leads already on the replica get their VIN keys now.
INSERT INTO search_keys(key, kind, field, ref_id)
	SELECT upper(json_extract(v.value, '$.vin')), 'lead', 'vin', l.id FROM leads AS l, json_each(l.auto_data, '$.vehicles') AS v
	WHERE l.deleted_at IS NULL AND json_extract(v.value, '$.vin') IS NOT NULL;
