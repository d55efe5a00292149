-- Today's counts (SQLite only, derived state like the dashboard roll-ups): open follow-ups by
-- owner and the UTC day they fall on (substr(next_follow_up_at, 1, 10)), kept by the same
-- transactions that change the leads. Counting overdue, due today and upcoming from the leads
-- read every follow-up of the agent (16k index entries at 100k leads, ten times the 10k cost);
-- now whole days come from here and only the day holding `now` (and the one holding `until`) is
-- counted from idx_leads_owner_follow_ups (db/queries/today-counts.ts), so counts are exact.
-- An open follow-up: next_follow_up_at set, lead not deleted, not converted. Buckets whose count
-- falls to 0 stay and add nothing. Triggers are named *_derived_*: a first sync or bulk load sets
-- them aside and replays the insert trigger over every row (db/sqlite/derived.ts).
CREATE TABLE `rollup_follow_ups` (
	`owner_id` text NOT NULL,
	`day` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`owner_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `leads_follow_ups_derived_insert` AFTER INSERT ON `leads`
	WHEN new.next_follow_up_at IS NOT NULL AND new.deleted_at IS NULL AND new.is_converted = 0
BEGIN
	INSERT INTO rollup_follow_ups(owner_id, day, n) VALUES (new.owner_id, substr(new.next_follow_up_at, 1, 10), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_follow_ups_derived_update` AFTER UPDATE OF owner_id, next_follow_up_at, deleted_at, is_converted ON `leads`
	WHEN old.owner_id IS NOT new.owner_id
		OR substr(old.next_follow_up_at, 1, 10) IS NOT substr(new.next_follow_up_at, 1, 10)
		OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
		OR old.is_converted IS NOT new.is_converted
BEGIN
	UPDATE rollup_follow_ups SET n = n - 1
		WHERE old.next_follow_up_at IS NOT NULL AND old.deleted_at IS NULL AND old.is_converted = 0
			AND owner_id = old.owner_id AND day = substr(old.next_follow_up_at, 1, 10);
	INSERT INTO rollup_follow_ups(owner_id, day, n)
		SELECT new.owner_id, substr(new.next_follow_up_at, 1, 10), 1
		WHERE new.next_follow_up_at IS NOT NULL AND new.deleted_at IS NULL AND new.is_converted = 0
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_follow_ups_derived_delete` AFTER DELETE ON `leads`
	WHEN old.next_follow_up_at IS NOT NULL AND old.deleted_at IS NULL AND old.is_converted = 0
BEGIN
	UPDATE rollup_follow_ups SET n = n - 1 WHERE owner_id = old.owner_id AND day = substr(old.next_follow_up_at, 1, 10);
END;
--> statement-breakpoint
INSERT INTO rollup_follow_ups(owner_id, day, n)
	SELECT owner_id, substr(next_follow_up_at, 1, 10), count(*) FROM leads
	WHERE next_follow_up_at IS NOT NULL AND deleted_at IS NULL AND is_converted = 0 GROUP BY 1, 2;
