-- The dashboard's conversions and premium won by week, by owner and by insurance type (SQLite only,
-- derived state beside migration 0017's day roll-ups). The day roll-ups are keyed by day, owner and
-- type together, so a 12-week window read one bucket per day and combination: ~2,100 buckets at 100k
-- leads against ~360 at 10k, and the read grew with the book. Here a week holds one bucket per
-- owner and one per type (at most weeks × (owners + types)); the window's partial first and last
-- weeks still come from the day roll-ups, its partial first and last days from the rows.
--   rollup_sales_weeks  week ('%Y-W%W', as the dashboard groups), dim ('owner' | 'type') and id:
--                       live converted leads by conversion week, and live won opportunities by
--                       closing week with their premium in cents ('' for a won opportunity without a type)
-- Triggers are named *_derived_* so a first sync or bulk load rebuilds the table (db/sqlite/derived.ts).
CREATE TABLE `rollup_sales_weeks` (
	`week` text NOT NULL,
	`dim` text NOT NULL,
	`id` text NOT NULL,
	`converted` integer NOT NULL,
	`won` integer NOT NULL,
	`premium_cents` integer NOT NULL,
	PRIMARY KEY (`week`, `dim`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `leads_sales_week_derived_insert` AFTER INSERT ON `leads`
	WHEN new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		VALUES (strftime('%Y-W%W', substr(new.conversion_date, 1, 10)), 'owner', new.owner_id, 1, 0, 0),
			(strftime('%Y-W%W', substr(new.conversion_date, 1, 10)), 'type', new.insurance_type_id, 1, 0, 0)
		ON CONFLICT DO UPDATE SET converted = converted + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_sales_week_derived_update` AFTER UPDATE OF owner_id, insurance_type_id, conversion_date, deleted_at ON `leads`
	WHEN old.owner_id IS NOT new.owner_id OR old.insurance_type_id IS NOT new.insurance_type_id
		OR old.conversion_date IS NOT new.conversion_date OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	UPDATE rollup_sales_weeks SET converted = converted - 1
		WHERE old.deleted_at IS NULL AND old.conversion_date IS NOT NULL AND week = strftime('%Y-W%W', substr(old.conversion_date, 1, 10))
			AND ((dim = 'owner' AND id = old.owner_id) OR (dim = 'type' AND id = old.insurance_type_id));
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(new.conversion_date, 1, 10)), d.dim, d.id, 1, 0, 0
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', new.insurance_type_id) AS d
		WHERE new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_sales_week_derived_delete` AFTER DELETE ON `leads`
	WHEN old.deleted_at IS NULL AND old.conversion_date IS NOT NULL
BEGIN
	UPDATE rollup_sales_weeks SET converted = converted - 1
		WHERE week = strftime('%Y-W%W', substr(old.conversion_date, 1, 10))
			AND ((dim = 'owner' AND id = old.owner_id) OR (dim = 'type' AND id = old.insurance_type_id));
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_sales_week_derived_insert` AFTER INSERT ON `opportunities`
	WHEN new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		VALUES (strftime('%Y-W%W', substr(new.closed_at, 1, 10)), 'owner', new.owner_id, 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)),
			(strftime('%Y-W%W', substr(new.closed_at, 1, 10)), 'type', coalesce(new.insurance_type_id, ''), 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER))
		ON CONFLICT DO UPDATE SET won = won + 1, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_sales_week_derived_update` AFTER UPDATE OF stage, closed_at, owner_id, insurance_type_id, amount, deleted_at ON `opportunities`
	WHEN old.stage IS NOT new.stage OR old.closed_at IS NOT new.closed_at OR old.owner_id IS NOT new.owner_id
		OR old.insurance_type_id IS NOT new.insurance_type_id OR old.amount IS NOT new.amount OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	UPDATE rollup_sales_weeks SET won = won - 1, premium_cents = premium_cents - CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		WHERE old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL AND week = strftime('%Y-W%W', substr(old.closed_at, 1, 10))
			AND ((dim = 'owner' AND id = old.owner_id) OR (dim = 'type' AND id = coalesce(old.insurance_type_id, '')));
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(new.closed_at, 1, 10)), d.dim, d.id, 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', coalesce(new.insurance_type_id, '')) AS d
		WHERE new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET won = won + 1, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_sales_week_derived_delete` AFTER DELETE ON `opportunities`
	WHEN old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
BEGIN
	UPDATE rollup_sales_weeks SET won = won - 1, premium_cents = premium_cents - CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		WHERE week = strftime('%Y-W%W', substr(old.closed_at, 1, 10))
			AND ((dim = 'owner' AND id = old.owner_id) OR (dim = 'type' AND id = coalesce(old.insurance_type_id, '')));
END;
--> statement-breakpoint
INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
	SELECT strftime('%Y-W%W', substr(conversion_date, 1, 10)), 'owner', owner_id, count(*), 0, 0 FROM leads
	WHERE deleted_at IS NULL AND conversion_date IS NOT NULL GROUP BY 1, 3;
--> statement-breakpoint
INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
	SELECT strftime('%Y-W%W', substr(conversion_date, 1, 10)), 'type', insurance_type_id, count(*), 0, 0 FROM leads
	WHERE deleted_at IS NULL AND conversion_date IS NOT NULL GROUP BY 1, 3;
--> statement-breakpoint
INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
	SELECT strftime('%Y-W%W', substr(closed_at, 1, 10)), 'owner', owner_id, 0, count(*), sum(CAST(round(coalesce(amount, 0) * 100) AS INTEGER))
	FROM opportunities WHERE deleted_at IS NULL AND stage = 'won' AND closed_at IS NOT NULL GROUP BY 1, 3
	ON CONFLICT DO UPDATE SET won = excluded.won, premium_cents = excluded.premium_cents;
--> statement-breakpoint
INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
	SELECT strftime('%Y-W%W', substr(closed_at, 1, 10)), 'type', coalesce(insurance_type_id, ''), 0, count(*), sum(CAST(round(coalesce(amount, 0) * 100) AS INTEGER))
	FROM opportunities WHERE deleted_at IS NULL AND stage = 'won' AND closed_at IS NOT NULL GROUP BY 1, 3
	ON CONFLICT DO UPDATE SET won = excluded.won, premium_cents = excluded.premium_cents;
