-- The dashboard's conversions and premium won, by owner and by insurance type (SQLite only, derived
-- state like migration 0017's roll-ups, which this replaces for sales). 0017 kept them by day, owner
-- and type together, so a 12-week window read a bucket per day and combination: ~2,100 at 100k
-- leads against ~360 at 10k, and the read grew with the book. Here each sale counts twice, once
-- under its owner (dim 'owner') and once under its insurance type (dim 'type', '' for a won
-- opportunity without one), so a period holds at most owners + types buckets:
--   rollup_sales_weeks  by week, named as the dashboard groups ('%Y-W%W'): the window's whole weeks
--   rollup_sales_days   by day: the rest of the window's first and last weeks
-- converted: live converted leads by conversion date; won and premium_cents: live won opportunities
-- by closing date and their premium in integer cents (sums never drift). The window's partial first
-- and last days still come from the rows (db/queries/dashboard.ts). Buckets whose counts fall to 0
-- stay; reads sum them. Triggers are named *_derived_*: a first sync or bulk load rebuilds the
-- tables from the rows (db/sqlite/derived.ts).
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
CREATE TABLE `rollup_sales_days` (
	`day` text NOT NULL,
	`dim` text NOT NULL,
	`id` text NOT NULL,
	`converted` integer NOT NULL,
	`won` integer NOT NULL,
	`premium_cents` integer NOT NULL,
	PRIMARY KEY (`day`, `dim`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `leads_sales_derived_insert` AFTER INSERT ON `leads`
	WHEN new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(new.conversion_date, 1, 10)), d.dim, d.id, 1, 0, 0
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', new.insurance_type_id) AS d
		WHERE new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(new.conversion_date, 1, 10), d.dim, d.id, 1, 0, 0
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', new.insurance_type_id) AS d
		WHERE new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_sales_derived_update` AFTER UPDATE OF owner_id, insurance_type_id, conversion_date, deleted_at ON `leads`
	WHEN old.owner_id IS NOT new.owner_id OR old.insurance_type_id IS NOT new.insurance_type_id
		OR old.conversion_date IS NOT new.conversion_date OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(old.conversion_date, 1, 10)), d.dim, d.id, -1, 0, 0
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', old.insurance_type_id) AS d
		WHERE old.deleted_at IS NULL AND old.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(old.conversion_date, 1, 10), d.dim, d.id, -1, 0, 0
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', old.insurance_type_id) AS d
		WHERE old.deleted_at IS NULL AND old.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(new.conversion_date, 1, 10)), d.dim, d.id, 1, 0, 0
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', new.insurance_type_id) AS d
		WHERE new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(new.conversion_date, 1, 10), d.dim, d.id, 1, 0, 0
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', new.insurance_type_id) AS d
		WHERE new.deleted_at IS NULL AND new.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_sales_derived_delete` AFTER DELETE ON `leads`
	WHEN old.deleted_at IS NULL AND old.conversion_date IS NOT NULL
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(old.conversion_date, 1, 10)), d.dim, d.id, -1, 0, 0
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', old.insurance_type_id) AS d
		WHERE old.deleted_at IS NULL AND old.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(old.conversion_date, 1, 10), d.dim, d.id, -1, 0, 0
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', old.insurance_type_id) AS d
		WHERE old.deleted_at IS NULL AND old.conversion_date IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_sales_derived_insert` AFTER INSERT ON `opportunities`
	WHEN new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(new.closed_at, 1, 10)), d.dim, d.id, 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', coalesce(new.insurance_type_id, '')) AS d
		WHERE new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(new.closed_at, 1, 10), d.dim, d.id, 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', coalesce(new.insurance_type_id, '')) AS d
		WHERE new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_sales_derived_update` AFTER UPDATE OF stage, closed_at, owner_id, insurance_type_id, amount, deleted_at ON `opportunities`
	WHEN old.stage IS NOT new.stage OR old.closed_at IS NOT new.closed_at OR old.owner_id IS NOT new.owner_id
		OR old.insurance_type_id IS NOT new.insurance_type_id OR old.amount IS NOT new.amount OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(old.closed_at, 1, 10)), d.dim, d.id, 0, -1, -CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', coalesce(old.insurance_type_id, '')) AS d
		WHERE old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(old.closed_at, 1, 10), d.dim, d.id, 0, -1, -CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', coalesce(old.insurance_type_id, '')) AS d
		WHERE old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(new.closed_at, 1, 10)), d.dim, d.id, 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', coalesce(new.insurance_type_id, '')) AS d
		WHERE new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(new.closed_at, 1, 10), d.dim, d.id, 0, 1, CAST(round(coalesce(new.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, new.owner_id AS id UNION ALL SELECT 'type', coalesce(new.insurance_type_id, '')) AS d
		WHERE new.deleted_at IS NULL AND new.stage = 'won' AND new.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_sales_derived_delete` AFTER DELETE ON `opportunities`
	WHEN old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
BEGIN
	INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
		SELECT strftime('%Y-W%W', substr(old.closed_at, 1, 10)), d.dim, d.id, 0, -1, -CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', coalesce(old.insurance_type_id, '')) AS d
		WHERE old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
	INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
		SELECT substr(old.closed_at, 1, 10), d.dim, d.id, 0, -1, -CAST(round(coalesce(old.amount, 0) * 100) AS INTEGER)
		FROM (SELECT 'owner' AS dim, old.owner_id AS id UNION ALL SELECT 'type', coalesce(old.insurance_type_id, '')) AS d
		WHERE old.deleted_at IS NULL AND old.stage = 'won' AND old.closed_at IS NOT NULL
		ON CONFLICT DO UPDATE SET converted = converted + excluded.converted, won = won + excluded.won, premium_cents = premium_cents + excluded.premium_cents;
END;
--> statement-breakpoint
INSERT INTO rollup_sales_weeks(week, dim, id, converted, won, premium_cents)
	SELECT s.period, d.dim, CASE d.dim WHEN 'owner' THEN s.owner_id ELSE s.type_id END, sum(s.converted), sum(s.won), sum(s.premium_cents)
	FROM (SELECT strftime('%Y-W%W', substr(conversion_date, 1, 10)) AS period, owner_id, insurance_type_id AS type_id, 1 AS converted, 0 AS won, 0 AS premium_cents
			FROM leads WHERE deleted_at IS NULL AND conversion_date IS NOT NULL
		UNION ALL SELECT strftime('%Y-W%W', substr(closed_at, 1, 10)), owner_id, coalesce(insurance_type_id, ''), 0, 1, CAST(round(coalesce(amount, 0) * 100) AS INTEGER)
			FROM opportunities WHERE deleted_at IS NULL AND stage = 'won' AND closed_at IS NOT NULL) AS s,
		(SELECT 'owner' AS dim UNION ALL SELECT 'type') AS d
	GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO rollup_sales_days(day, dim, id, converted, won, premium_cents)
	SELECT s.period, d.dim, CASE d.dim WHEN 'owner' THEN s.owner_id ELSE s.type_id END, sum(s.converted), sum(s.won), sum(s.premium_cents)
	FROM (SELECT substr(conversion_date, 1, 10) AS period, owner_id, insurance_type_id AS type_id, 1 AS converted, 0 AS won, 0 AS premium_cents
			FROM leads WHERE deleted_at IS NULL AND conversion_date IS NOT NULL
		UNION ALL SELECT substr(closed_at, 1, 10), owner_id, coalesce(insurance_type_id, ''), 0, 1, CAST(round(coalesce(amount, 0) * 100) AS INTEGER)
			FROM opportunities WHERE deleted_at IS NULL AND stage = 'won' AND closed_at IS NOT NULL) AS s,
		(SELECT 'owner' AS dim UNION ALL SELECT 'type') AS d
	GROUP BY 1, 2, 3;
--> statement-breakpoint
-- 0017's day roll-ups of sales (day × owner × type) are read by nothing now: their tables go, and
-- the lead triggers keep only the pipeline (rollup_lead_cells) and the cohort (rollup_lead_created).
DROP TRIGGER IF EXISTS `opportunities_rollup_derived_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `opportunities_rollup_derived_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `opportunities_rollup_derived_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_rollup_derived_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_rollup_derived_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `leads_rollup_derived_delete`;
--> statement-breakpoint
DROP TABLE `rollup_conversions`;
--> statement-breakpoint
DROP TABLE `rollup_won`;
--> statement-breakpoint
CREATE TRIGGER `leads_rollup_derived_insert` AFTER INSERT ON `leads` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO rollup_lead_cells(status_id, insurance_type_id, owner_id, n) VALUES (new.status_id, new.insurance_type_id, new.owner_id, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO rollup_lead_created(day, status_id, n) VALUES (substr(new.created_at, 1, 10), new.status_id, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_rollup_derived_update` AFTER UPDATE OF status_id, insurance_type_id, owner_id, created_at, deleted_at ON `leads`
	WHEN old.status_id IS NOT new.status_id OR old.insurance_type_id IS NOT new.insurance_type_id OR old.owner_id IS NOT new.owner_id
		OR old.created_at IS NOT new.created_at OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	UPDATE rollup_lead_cells SET n = n - 1
		WHERE old.deleted_at IS NULL AND status_id = old.status_id AND insurance_type_id = old.insurance_type_id AND owner_id = old.owner_id;
	UPDATE rollup_lead_created SET n = n - 1
		WHERE old.deleted_at IS NULL AND day = substr(old.created_at, 1, 10) AND status_id = old.status_id;
	INSERT INTO rollup_lead_cells(status_id, insurance_type_id, owner_id, n)
		SELECT new.status_id, new.insurance_type_id, new.owner_id, 1 WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO rollup_lead_created(day, status_id, n)
		SELECT substr(new.created_at, 1, 10), new.status_id, 1 WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_rollup_derived_delete` AFTER DELETE ON `leads` WHEN old.deleted_at IS NULL BEGIN
	UPDATE rollup_lead_cells SET n = n - 1
		WHERE status_id = old.status_id AND insurance_type_id = old.insurance_type_id AND owner_id = old.owner_id;
	UPDATE rollup_lead_created SET n = n - 1 WHERE day = substr(old.created_at, 1, 10) AND status_id = old.status_id;
END;
--> statement-breakpoint
-- The dashboard's book figures (db/queries/book-dashboard.ts) by carrier and by producer, kept by
-- the same transactions that change the policy terms: the read grouped every live term (740 ms at
-- 100k leads, 128k terms; 66 ms at 10k). Each term counts, once under its carrier ('carrier') and
-- once under its owner ('owner'):
--   by its expiration date: in force (active: count and written premium in cents), renewed, and
--     lost at renewal (non-renewed, expired, or cancelled within 30 days of its end: AT_RENEWAL_DAYS);
--   by its effective date: its written premium in cents as new business (renews nothing) or renewal;
--   rollup_book_months also holds the whole book under month '' (live_n: live terms), so every
--     carrier and producer with a live term is listed even when its figures are all zero.
-- Month buckets cover the whole months of a period, day buckets its partial first and last months
-- (and today's month for what is in force), so a read costs months plus about two months of days.
-- Buckets whose counts fall to 0 stay; reads sum them. Triggers are named *_derived_* (derived.ts).
CREATE TABLE `rollup_book_months` (
	`month` text NOT NULL,
	`dim` text NOT NULL,
	`id` text NOT NULL,
	`in_force_n` integer NOT NULL,
	`in_force_cents` integer NOT NULL,
	`renewed_n` integer NOT NULL,
	`lost_n` integer NOT NULL,
	`new_cents` integer NOT NULL,
	`renewal_cents` integer NOT NULL,
	`live_n` integer NOT NULL,
	PRIMARY KEY (`month`, `dim`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_book_days` (
	`day` text NOT NULL,
	`dim` text NOT NULL,
	`id` text NOT NULL,
	`in_force_n` integer NOT NULL,
	`in_force_cents` integer NOT NULL,
	`renewed_n` integer NOT NULL,
	`lost_n` integer NOT NULL,
	`new_cents` integer NOT NULL,
	`renewal_cents` integer NOT NULL,
	PRIMARY KEY (`day`, `dim`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `policies_book_derived_insert` AFTER INSERT ON `policies` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO rollup_book_months(month, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents, live_n)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents, p.live_n
		FROM (SELECT substr(new.expiration_date, 1, 7) AS period, (new.status = 'active') AS in_force_n, CASE WHEN new.status = 'active' THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, (new.status = 'renewed') AS renewed_n, coalesce(new.status IN ('non_renewed', 'expired') OR (new.status = 'cancelled' AND new.cancellation_date >= date(new.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents, 0 AS live_n
			UNION ALL SELECT substr(new.effective_date, 1, 7), 0, 0, 0, 0, CASE WHEN new.renews_policy_id IS NULL THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN new.renews_policy_id IS NULL THEN 0 ELSE CAST(round(new.written_premium * 100) AS INTEGER) END, 0
			UNION ALL SELECT '', 0, 0, 0, 0, 0, 0, 1) AS p,
			(SELECT 'carrier' AS dim, new.carrier_id AS id UNION ALL SELECT 'owner', new.owner_id) AS d
		WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents, live_n = live_n + excluded.live_n;
	INSERT INTO rollup_book_days(day, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents
		FROM (SELECT substr(new.expiration_date, 1, 10) AS period, (new.status = 'active') AS in_force_n, CASE WHEN new.status = 'active' THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, (new.status = 'renewed') AS renewed_n, coalesce(new.status IN ('non_renewed', 'expired') OR (new.status = 'cancelled' AND new.cancellation_date >= date(new.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents
			UNION ALL SELECT substr(new.effective_date, 1, 10), 0, 0, 0, 0, CASE WHEN new.renews_policy_id IS NULL THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN new.renews_policy_id IS NULL THEN 0 ELSE CAST(round(new.written_premium * 100) AS INTEGER) END) AS p,
			(SELECT 'carrier' AS dim, new.carrier_id AS id UNION ALL SELECT 'owner', new.owner_id) AS d
		WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_book_derived_update` AFTER UPDATE OF status, effective_date, expiration_date, written_premium, carrier_id, owner_id, renews_policy_id, cancellation_date, deleted_at ON `policies`
	WHEN old.status IS NOT new.status OR old.effective_date IS NOT new.effective_date OR old.expiration_date IS NOT new.expiration_date OR old.written_premium IS NOT new.written_premium OR old.carrier_id IS NOT new.carrier_id OR old.owner_id IS NOT new.owner_id OR old.renews_policy_id IS NOT new.renews_policy_id OR old.cancellation_date IS NOT new.cancellation_date OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
	INSERT INTO rollup_book_months(month, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents, live_n)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents, p.live_n
		FROM (SELECT substr(old.expiration_date, 1, 7) AS period, -(old.status = 'active') AS in_force_n, CASE WHEN old.status = 'active' THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, -(old.status = 'renewed') AS renewed_n, -coalesce(old.status IN ('non_renewed', 'expired') OR (old.status = 'cancelled' AND old.cancellation_date >= date(old.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents, 0 AS live_n
			UNION ALL SELECT substr(old.effective_date, 1, 7), 0, 0, 0, 0, CASE WHEN old.renews_policy_id IS NULL THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN old.renews_policy_id IS NULL THEN 0 ELSE -CAST(round(old.written_premium * 100) AS INTEGER) END, 0
			UNION ALL SELECT '', 0, 0, 0, 0, 0, 0, -1) AS p,
			(SELECT 'carrier' AS dim, old.carrier_id AS id UNION ALL SELECT 'owner', old.owner_id) AS d
		WHERE old.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents, live_n = live_n + excluded.live_n;
	INSERT INTO rollup_book_days(day, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents
		FROM (SELECT substr(old.expiration_date, 1, 10) AS period, -(old.status = 'active') AS in_force_n, CASE WHEN old.status = 'active' THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, -(old.status = 'renewed') AS renewed_n, -coalesce(old.status IN ('non_renewed', 'expired') OR (old.status = 'cancelled' AND old.cancellation_date >= date(old.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents
			UNION ALL SELECT substr(old.effective_date, 1, 10), 0, 0, 0, 0, CASE WHEN old.renews_policy_id IS NULL THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN old.renews_policy_id IS NULL THEN 0 ELSE -CAST(round(old.written_premium * 100) AS INTEGER) END) AS p,
			(SELECT 'carrier' AS dim, old.carrier_id AS id UNION ALL SELECT 'owner', old.owner_id) AS d
		WHERE old.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents;
	INSERT INTO rollup_book_months(month, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents, live_n)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents, p.live_n
		FROM (SELECT substr(new.expiration_date, 1, 7) AS period, (new.status = 'active') AS in_force_n, CASE WHEN new.status = 'active' THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, (new.status = 'renewed') AS renewed_n, coalesce(new.status IN ('non_renewed', 'expired') OR (new.status = 'cancelled' AND new.cancellation_date >= date(new.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents, 0 AS live_n
			UNION ALL SELECT substr(new.effective_date, 1, 7), 0, 0, 0, 0, CASE WHEN new.renews_policy_id IS NULL THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN new.renews_policy_id IS NULL THEN 0 ELSE CAST(round(new.written_premium * 100) AS INTEGER) END, 0
			UNION ALL SELECT '', 0, 0, 0, 0, 0, 0, 1) AS p,
			(SELECT 'carrier' AS dim, new.carrier_id AS id UNION ALL SELECT 'owner', new.owner_id) AS d
		WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents, live_n = live_n + excluded.live_n;
	INSERT INTO rollup_book_days(day, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents
		FROM (SELECT substr(new.expiration_date, 1, 10) AS period, (new.status = 'active') AS in_force_n, CASE WHEN new.status = 'active' THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, (new.status = 'renewed') AS renewed_n, coalesce(new.status IN ('non_renewed', 'expired') OR (new.status = 'cancelled' AND new.cancellation_date >= date(new.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents
			UNION ALL SELECT substr(new.effective_date, 1, 10), 0, 0, 0, 0, CASE WHEN new.renews_policy_id IS NULL THEN CAST(round(new.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN new.renews_policy_id IS NULL THEN 0 ELSE CAST(round(new.written_premium * 100) AS INTEGER) END) AS p,
			(SELECT 'carrier' AS dim, new.carrier_id AS id UNION ALL SELECT 'owner', new.owner_id) AS d
		WHERE new.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_book_derived_delete` AFTER DELETE ON `policies` WHEN old.deleted_at IS NULL BEGIN
	INSERT INTO rollup_book_months(month, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents, live_n)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents, p.live_n
		FROM (SELECT substr(old.expiration_date, 1, 7) AS period, -(old.status = 'active') AS in_force_n, CASE WHEN old.status = 'active' THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, -(old.status = 'renewed') AS renewed_n, -coalesce(old.status IN ('non_renewed', 'expired') OR (old.status = 'cancelled' AND old.cancellation_date >= date(old.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents, 0 AS live_n
			UNION ALL SELECT substr(old.effective_date, 1, 7), 0, 0, 0, 0, CASE WHEN old.renews_policy_id IS NULL THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN old.renews_policy_id IS NULL THEN 0 ELSE -CAST(round(old.written_premium * 100) AS INTEGER) END, 0
			UNION ALL SELECT '', 0, 0, 0, 0, 0, 0, -1) AS p,
			(SELECT 'carrier' AS dim, old.carrier_id AS id UNION ALL SELECT 'owner', old.owner_id) AS d
		WHERE old.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents, live_n = live_n + excluded.live_n;
	INSERT INTO rollup_book_days(day, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents)
		SELECT p.period, d.dim, d.id, p.in_force_n, p.in_force_cents, p.renewed_n, p.lost_n, p.new_cents, p.renewal_cents
		FROM (SELECT substr(old.expiration_date, 1, 10) AS period, -(old.status = 'active') AS in_force_n, CASE WHEN old.status = 'active' THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, -(old.status = 'renewed') AS renewed_n, -coalesce(old.status IN ('non_renewed', 'expired') OR (old.status = 'cancelled' AND old.cancellation_date >= date(old.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents
			UNION ALL SELECT substr(old.effective_date, 1, 10), 0, 0, 0, 0, CASE WHEN old.renews_policy_id IS NULL THEN -CAST(round(old.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN old.renews_policy_id IS NULL THEN 0 ELSE -CAST(round(old.written_premium * 100) AS INTEGER) END) AS p,
			(SELECT 'carrier' AS dim, old.carrier_id AS id UNION ALL SELECT 'owner', old.owner_id) AS d
		WHERE old.deleted_at IS NULL
		ON CONFLICT DO UPDATE SET in_force_n = in_force_n + excluded.in_force_n, in_force_cents = in_force_cents + excluded.in_force_cents, renewed_n = renewed_n + excluded.renewed_n, lost_n = lost_n + excluded.lost_n, new_cents = new_cents + excluded.new_cents, renewal_cents = renewal_cents + excluded.renewal_cents;
END;
--> statement-breakpoint
INSERT INTO rollup_book_months(month, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents, live_n)
	SELECT c.period, d.dim, CASE d.dim WHEN 'carrier' THEN c.carrier_id ELSE c.owner_id END, sum(c.in_force_n), sum(c.in_force_cents), sum(c.renewed_n), sum(c.lost_n), sum(c.new_cents), sum(c.renewal_cents), sum(c.live_n)
	FROM (SELECT substr(p.expiration_date, 1, 7) AS period, p.carrier_id, p.owner_id, (p.status = 'active') AS in_force_n, CASE WHEN p.status = 'active' THEN CAST(round(p.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, (p.status = 'renewed') AS renewed_n, coalesce(p.status IN ('non_renewed', 'expired') OR (p.status = 'cancelled' AND p.cancellation_date >= date(p.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents, 0 AS live_n FROM policies p WHERE p.deleted_at IS NULL
		UNION ALL SELECT substr(p.effective_date, 1, 7), p.carrier_id, p.owner_id, 0, 0, 0, 0, CASE WHEN p.renews_policy_id IS NULL THEN CAST(round(p.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN p.renews_policy_id IS NULL THEN 0 ELSE CAST(round(p.written_premium * 100) AS INTEGER) END, 0 FROM policies p WHERE p.deleted_at IS NULL
		UNION ALL SELECT '', p.carrier_id, p.owner_id, 0, 0, 0, 0, 0, 0, 1 FROM policies p WHERE p.deleted_at IS NULL) AS c,
		(SELECT 'carrier' AS dim UNION ALL SELECT 'owner') AS d
	GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO rollup_book_days(day, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents)
	SELECT c.period, d.dim, CASE d.dim WHEN 'carrier' THEN c.carrier_id ELSE c.owner_id END, sum(c.in_force_n), sum(c.in_force_cents), sum(c.renewed_n), sum(c.lost_n), sum(c.new_cents), sum(c.renewal_cents)
	FROM (SELECT substr(p.expiration_date, 1, 10) AS period, p.carrier_id, p.owner_id, (p.status = 'active') AS in_force_n, CASE WHEN p.status = 'active' THEN CAST(round(p.written_premium * 100) AS INTEGER) ELSE 0 END AS in_force_cents, (p.status = 'renewed') AS renewed_n, coalesce(p.status IN ('non_renewed', 'expired') OR (p.status = 'cancelled' AND p.cancellation_date >= date(p.expiration_date, '-30 days')), 0) AS lost_n, 0 AS new_cents, 0 AS renewal_cents FROM policies p WHERE p.deleted_at IS NULL
		UNION ALL SELECT substr(p.effective_date, 1, 10), p.carrier_id, p.owner_id, 0, 0, 0, 0, CASE WHEN p.renews_policy_id IS NULL THEN CAST(round(p.written_premium * 100) AS INTEGER) ELSE 0 END, CASE WHEN p.renews_policy_id IS NULL THEN 0 ELSE CAST(round(p.written_premium * 100) AS INTEGER) END FROM policies p WHERE p.deleted_at IS NULL) AS c,
		(SELECT 'carrier' AS dim UNION ALL SELECT 'owner') AS d
	GROUP BY 1, 2, 3;
