-- Each open follow-up's learned chance of winning, kept beside its bound in today_ranks (SQLite
-- only, derived local state like the model itself: not synced, every device computes its own).
-- With a learned model Today blends half the rule's urgency with half the chance; ranking by a
-- bound that counted every chance as 100% asked the model for ~2,400 leads at 100k (51 ms p95).
--   chance         round(100 × the probability) under the model named in local_settings
--                  (score.lead_chances), or NULL: not known yet, or stale since the facts it was
--                  computed from changed. NULL counts as 100, the bound that is always safe.
--   learned_bound  base + chance: with the stage weight of the status, twice the most the blended
--                  score can be ((rule + chance) / 2 with rule ≤ base + weight), so Today reads
--                  the overdue rows in this order and stops as soon as no unread row can make the page.
-- The chance is written by the main process (electron/main/score/lead-chances.ts), in pieces, for
-- the rows whose chance is NULL; the triggers below make it NULL in the transaction that changes a
-- fact it was computed from. The facts (openFactsSql in electron/main/score/lead-score.ts) are the
-- lead's own columns listed below and its counts in lead_activity (kept by triggers on contacts,
-- lead_notes and lead_communications, migration 0019). A row the 0025 triggers write anew (its
-- follow-up, status, owner, … changed) starts NULL. The status is read at Today's read time: a
-- closed one gets no chance at all there, so a status that changes category leaves nothing wrong.
-- The trigger on leads is named *_derived_*: a first sync or bulk load sets it aside and the rebuild
-- fills today_ranks anew, every chance NULL (db/sqlite/derived.ts). Those on lead_activity are not:
-- it is derived itself (WITHOUT ROWID, so it has no rows for the rebuild to replay an insert
-- trigger over), and while its own triggers are aside nothing writes it but the rebuild.
ALTER TABLE `today_ranks` ADD COLUMN `chance` integer;
--> statement-breakpoint
ALTER TABLE `today_ranks` ADD COLUMN `learned_bound` integer GENERATED ALWAYS AS (`base` + coalesce(`chance`, 100)) VIRTUAL;
--> statement-breakpoint
-- One owner's overdue rows by status in learned_bound order, and the team's, each covering the
-- scored facts and the chance like idx_today_ranks_team: an overdue page reads ~560 rows of the
-- busiest agent at 100k leads (the rule alone reads ~525 through the table's own order), and a
-- lookup into the table for each doubled the cost of reading them.
CREATE INDEX `idx_today_ranks_learned` ON `today_ranks` (`owner_id`, `status_id`, `learned_bound`, `next_follow_up_at`,
	`quoted_premium`, `priority`, `ai_follow_up_priority`, `last_contacted_at`, `created_at`, `chance`);
--> statement-breakpoint
CREATE INDEX `idx_today_ranks_learned_team` ON `today_ranks` (`status_id`, `learned_bound`, `next_follow_up_at`,
	`quoted_premium`, `priority`, `ai_follow_up_priority`, `last_contacted_at`, `created_at`, `chance`);
--> statement-breakpoint
-- The rows whose chance is still to be computed, found without reading the others, in the table's
-- own order: writing them in that order cost a third of writing them in lead_id order at 100k leads.
CREATE INDEX `idx_today_ranks_stale` ON `today_ranks` (`owner_id`, `status_id`, `base`, `lead_id`) WHERE `chance` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `leads_chance_derived_update` AFTER UPDATE OF id, source, insurance_type_id, owner_id, quoted_premium,
	current_premium, email, phone, priority ON `leads`
BEGIN
	UPDATE today_ranks SET chance = NULL WHERE lead_id IN (old.id, new.id) AND chance IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_activity_chance_stale_insert` AFTER INSERT ON `lead_activity`
BEGIN
	UPDATE today_ranks SET chance = NULL WHERE lead_id = new.lead_id AND chance IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_activity_chance_stale_update` AFTER UPDATE ON `lead_activity`
BEGIN
	UPDATE today_ranks SET chance = NULL WHERE lead_id IN (old.lead_id, new.lead_id) AND chance IS NOT NULL;
END;
