-- What the learned scores read when they rank every open lead and live term (issue #15):
-- idx_leads_score and idx_policies_live_score (from the catalogue) let the open leads and live
-- terms be read from an index alone, and the rest of this file (hand-written, SQLite only) keeps
-- each lead's activity counts.
CREATE INDEX `idx_leads_score` ON `leads` (`is_converted`,`deleted_at`,`status_id`,`id`,`source`,`insurance_type_id`,`owner_id`,`quoted_premium`,`current_premium`,`email`,`phone`,`priority`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `idx_policies_live_score` ON `policies` (`client_id`,`expiration_date`,`deleted_at`,`status`,`id`,`effective_date`,`renews_policy_id`,`premium_change_pct`,`written_premium`,`commission_rate`,`insurance_type_id`,`carrier_id`,`billing`) WHERE deleted_at IS NULL AND status IN ('active', 'pending');
--> statement-breakpoint
-- Each lead's activity counts (SQLite only, derived state like the dashboard roll-ups), for the
-- learned lead score: scoring every open lead read its notes' and communications' index entries
-- (1.5M at 100k leads) and its contacts' rows, most of a second. Kept by the same transactions
-- that change the rows:
--   contacts        its people on file (contacts not deleted, lead_id = the lead)
--   notes           its notes, deleted ones included (activity all the same)
--   communications  its calls and emails, deleted ones included
-- A lead with none has no row, or a row of zeros. Triggers are named *_derived_*: a first sync or
-- bulk load sets them aside and replays the insert triggers over every row (db/sqlite/derived.ts).
CREATE TABLE `lead_activity` (
	`lead_id` text PRIMARY KEY NOT NULL,
	`contacts` integer NOT NULL DEFAULT 0,
	`notes` integer NOT NULL DEFAULT 0,
	`communications` integer NOT NULL DEFAULT 0
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `contacts_activity_derived_insert` AFTER INSERT ON `contacts`
	WHEN new.lead_id IS NOT NULL AND new.deleted_at IS NULL
BEGIN
	INSERT INTO lead_activity(lead_id, contacts) VALUES (new.lead_id, 1) ON CONFLICT DO UPDATE SET contacts = contacts + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_activity_derived_update` AFTER UPDATE OF lead_id, deleted_at ON `contacts`
	WHEN old.lead_id IS NOT new.lead_id OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	UPDATE lead_activity SET contacts = contacts - 1
		WHERE lead_id = old.lead_id AND old.deleted_at IS NULL;
	INSERT INTO lead_activity(lead_id, contacts) SELECT new.lead_id, 1 WHERE new.lead_id IS NOT NULL AND new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET contacts = contacts + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_activity_derived_delete` AFTER DELETE ON `contacts`
	WHEN old.lead_id IS NOT NULL AND old.deleted_at IS NULL
BEGIN
	UPDATE lead_activity SET contacts = contacts - 1 WHERE lead_id = old.lead_id;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_notes_activity_derived_insert` AFTER INSERT ON `lead_notes` WHEN new.lead_id IS NOT NULL
BEGIN
	INSERT INTO lead_activity(lead_id, notes) VALUES (new.lead_id, 1) ON CONFLICT DO UPDATE SET notes = notes + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_notes_activity_derived_update` AFTER UPDATE OF lead_id ON `lead_notes`
	WHEN old.lead_id IS NOT new.lead_id
BEGIN
	UPDATE lead_activity SET notes = notes - 1 WHERE lead_id = old.lead_id;
	INSERT INTO lead_activity(lead_id, notes) SELECT new.lead_id, 1 WHERE new.lead_id IS NOT NULL
		ON CONFLICT DO UPDATE SET notes = notes + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_notes_activity_derived_delete` AFTER DELETE ON `lead_notes` WHEN old.lead_id IS NOT NULL
BEGIN
	UPDATE lead_activity SET notes = notes - 1 WHERE lead_id = old.lead_id;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_communications_activity_derived_insert` AFTER INSERT ON `lead_communications`
	WHEN new.lead_id IS NOT NULL
BEGIN
	INSERT INTO lead_activity(lead_id, communications) VALUES (new.lead_id, 1)
		ON CONFLICT DO UPDATE SET communications = communications + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_communications_activity_derived_update` AFTER UPDATE OF lead_id ON `lead_communications`
	WHEN old.lead_id IS NOT new.lead_id
BEGIN
	UPDATE lead_activity SET communications = communications - 1 WHERE lead_id = old.lead_id;
	INSERT INTO lead_activity(lead_id, communications) SELECT new.lead_id, 1 WHERE new.lead_id IS NOT NULL
		ON CONFLICT DO UPDATE SET communications = communications + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_communications_activity_derived_delete` AFTER DELETE ON `lead_communications`
	WHEN old.lead_id IS NOT NULL
BEGIN
	UPDATE lead_activity SET communications = communications - 1 WHERE lead_id = old.lead_id;
END;
--> statement-breakpoint
INSERT INTO lead_activity(lead_id, contacts, notes, communications)
	SELECT lead_id, sum(contacts), sum(notes), sum(communications) FROM (
		SELECT lead_id, count(*) AS contacts, 0 AS notes, 0 AS communications FROM contacts
			WHERE lead_id IS NOT NULL AND deleted_at IS NULL GROUP BY lead_id
		UNION ALL
		SELECT lead_id, 0, count(*), 0 FROM lead_notes WHERE lead_id IS NOT NULL GROUP BY lead_id
		UNION ALL
		SELECT lead_id, 0, 0, count(*) FROM lead_communications WHERE lead_id IS NOT NULL GROUP BY lead_id
	) GROUP BY lead_id;
