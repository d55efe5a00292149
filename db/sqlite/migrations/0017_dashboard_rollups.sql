-- Dashboard roll-ups (SQLite only, derived state like lead_list_items): counts kept by the same
-- transactions that change the rows, so a dashboard reads a number of buckets, not of leads. The
-- old reads grouped every live lead (40 ms at 100k leads, ten times the 10k figure).
--   rollup_lead_cells    live leads by status, insurance type and owner (the pipeline today)
--   rollup_lead_created  live leads by the day they were created and their status now (the cohort funnel)
--   rollup_conversions   live converted leads by conversion day, owner and insurance type
--   rollup_won           live won opportunities by closing day, owner and insurance type ('' for none):
--                        how many and their premium in cents (integers, so sums never drift)
-- A window's partial first and last days are read from the rows through their indexes
-- (db/queries/dashboard.ts), so figures are exact for any window. Buckets whose count falls to 0
-- stay (their number is bounded by the keys ever seen) and reads skip them.
-- Triggers are named *_derived_*: a first sync or bulk load sets them aside and replays the insert
-- triggers over every row (db/sqlite/derived.ts), which rebuilds the roll-ups from scratch.
CREATE TABLE `rollup_lead_cells` (
	`status_id` text NOT NULL,
	`insurance_type_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`status_id`, `insurance_type_id`, `owner_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_lead_created` (
	`day` text NOT NULL,
	`status_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`day`, `status_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_conversions` (
	`day` text NOT NULL,
	`owner_id` text NOT NULL,
	`insurance_type_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`day`, `owner_id`, `insurance_type_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_won` (
	`day` text NOT NULL,
	`owner_id` text NOT NULL,
	`insurance_type_id` text NOT NULL,
	`n` integer NOT NULL,
	`premium_cents` integer NOT NULL,
	PRIMARY KEY (`day`, `owner_id`, `insurance_type_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `leads_rollup_derived_insert` AFTER INSERT ON `leads` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO rollup_lead_cells(status_id, insurance_type_id, owner_id, n) VALUES (new.status_id, new.insurance_type_id, new.owner_id, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO rollup_lead_created(day, status_id, n) VALUES (substr(new.created_at, 1, 10), new.status_id, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO rollup_conversions(day, owner_id, insurance_type_id, n)
		SELECT substr(new.conversion_date, 1, 10), new.owner_id, new.insurance_type_id, 1 WHERE new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_rollup_derived_update` AFTER UPDATE OF status_id, insurance_type_id, owner_id, created_at, conversion_date, deleted_at ON `leads`
	WHEN old.status_id IS NOT new.status_id OR old.insurance_type_id IS NOT new.insurance_type_id OR old.owner_id IS NOT new.owner_id
		OR old.created_at IS NOT new.created_at OR old.conversion_date IS NOT new.conversion_date OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	UPDATE rollup_lead_cells SET n = n - 1
		WHERE old.deleted_at IS NULL AND status_id = old.status_id AND insurance_type_id = old.insurance_type_id AND owner_id = old.owner_id;
	UPDATE rollup_lead_created SET n = n - 1
		WHERE old.deleted_at IS NULL AND day = substr(old.created_at, 1, 10) AND status_id = old.status_id;
	UPDATE rollup_conversions SET n = n - 1
		WHERE old.deleted_at IS NULL AND old.conversion_date IS NOT NULL AND day = substr(old.conversion_date, 1, 10)
			AND owner_id = old.owner_id AND insurance_type_id = old.insurance_type_id;
	INSERT INTO rollup_lead_cells(status_id, insurance_type_id, owner_id, n)
		SELECT new.status_id, new.insurance_type_id, new.owner_id, 1 WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO rollup_lead_created(day, status_id, n)
		SELECT substr(new.created_at, 1, 10), new.status_id, 1 WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO rollup_conversions(day, owner_id, insurance_type_id, n)
		SELECT substr(new.conversion_date, 1, 10), new.owner_id, new.insurance_type_id, 1
		WHERE new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_rollup_derived_delete` AFTER DELETE ON `leads` WHEN old.deleted_at IS NULL BEGIN
	UPDATE rollup_lead_cells SET n = n - 1
		WHERE status_id = old.status_id AND insurance_type_id = old.insurance_type_id AND owner_id = old.owner_id;
	UPDATE rollup_lead_created SET n = n - 1 WHERE day = substr(old.created_at, 1, 10) AND status_id = old.status_id;
	UPDATE rollup_conversions SET n = n - 1
		WHERE old.conversion_date IS NOT NULL AND day = substr(old.conversion_date, 1, 10)
			AND owner_id = old.owner_id AND insurance_type_id = old.insurance_type_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_rollup_derived_insert` AFTER INSERT ON `opportunities`
	WHEN new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
BEGIN
	INSERT INTO rollup_won(day, owner_id, insurance_type_id, n, premium_cents)
		VALUES (substr(new.closed_at, 1, 10), new.owner_id, coalesce(new.insurance_type_id, ''), 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER))
		ON CONFLICT DO UPDATE SET n = n + 1, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_rollup_derived_update` AFTER UPDATE OF stage, closed_at, owner_id, insurance_type_id, amount, deleted_at ON `opportunities`
	WHEN old.stage IS NOT new.stage OR old.closed_at IS NOT new.closed_at OR old.owner_id IS NOT new.owner_id
		OR old.insurance_type_id IS NOT new.insurance_type_id OR old.amount IS NOT new.amount OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	UPDATE rollup_won SET n = n - 1, premium_cents = premium_cents - CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		WHERE old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
			AND day = substr(old.closed_at, 1, 10) AND owner_id = old.owner_id AND insurance_type_id = coalesce(old.insurance_type_id, '');
	INSERT INTO rollup_won(day, owner_id, insurance_type_id, n, premium_cents)
		SELECT substr(new.closed_at, 1, 10), new.owner_id, coalesce(new.insurance_type_id, ''), 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)
		WHERE new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET n = n + 1, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_rollup_derived_delete` AFTER DELETE ON `opportunities`
	WHEN old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
BEGIN
	UPDATE rollup_won SET n = n - 1, premium_cents = premium_cents - CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		WHERE day = substr(old.closed_at, 1, 10) AND owner_id = old.owner_id AND insurance_type_id = coalesce(old.insurance_type_id, '');
END;
--> statement-breakpoint
INSERT INTO rollup_lead_cells(status_id, insurance_type_id, owner_id, n)
	SELECT status_id, insurance_type_id, owner_id, count(*) FROM leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO rollup_lead_created(day, status_id, n)
	SELECT substr(created_at, 1, 10), status_id, count(*) FROM leads WHERE deleted_at IS NULL GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO rollup_conversions(day, owner_id, insurance_type_id, n)
	SELECT substr(conversion_date, 1, 10), owner_id, insurance_type_id, count(*) FROM leads
	WHERE deleted_at IS NULL AND conversion_date IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO rollup_won(day, owner_id, insurance_type_id, n, premium_cents)
	SELECT substr(closed_at, 1, 10), owner_id, coalesce(insurance_type_id, ''), count(*), sum(CAST(round(coalesce(amount, 0) * 100) AS INTEGER))
	FROM opportunities WHERE deleted_at IS NULL AND stage = 'won' AND closed_at IS NOT NULL GROUP BY 1, 2, 3;
