-- Today's overdue follow-ups in the order of an upper bound of their priority (SQLite only,
-- derived state like rollup_follow_ups, migration 0022). Today ranks the most pressing overdue
-- follow-ups; scoring every one of them (16k at 100k leads for the busiest agent) cost 4.7 ms.
-- Each open follow-up (next_follow_up_at set, not deleted, not converted) has a row here with the
-- facts the local priority scores and `base`: the most its status-free signals can add up to at
-- any time while it is overdue (shared/ai/local-priority.ts): 40 for the overdue days (30 + at most
-- 10), 18 uncontacted (a fresh new lead's 28 is 18 + the 10 of stage "new") or else 10 for "no
-- contact in N days", then premium, manual and AI priority exactly. With the stage weight of its
-- status, added at read time (so editing a status leaves nothing stale), base bounds the score
-- from above; db/queries/today-rank.ts reads each status's rows in base order and stops once the
-- page is made of scores no unread row can reach. test/queries/today-bound.test.ts checks the
-- bound against localScore. The three copies of the sum below (insert, update, fill) are the same.
-- Triggers are named *_derived_*: a first sync or bulk load sets them aside and replays the
-- insert trigger over every row (db/sqlite/derived.ts).
CREATE TABLE `today_ranks` (
	`owner_id` text NOT NULL,
	`status_id` text NOT NULL,
	`base` integer NOT NULL,
	`lead_id` text NOT NULL,
	`next_follow_up_at` text NOT NULL,
	`quoted_premium` real,
	`priority` integer,
	`ai_follow_up_priority` integer,
	`last_contacted_at` text,
	`created_at` text NOT NULL,
	PRIMARY KEY (`owner_id`, `status_id`, `base`, `lead_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_today_ranks_lead` ON `today_ranks` (`lead_id`);
--> statement-breakpoint
-- The team's Today (every owner): the same order without the owner, covering the scored facts
-- (a lookup into the table per row read cost 2 ms of 5 at 100k leads).
CREATE INDEX `idx_today_ranks_team` ON `today_ranks` (`status_id`, `base`, `next_follow_up_at`, `quoted_premium`,
	`priority`, `ai_follow_up_priority`, `last_contacted_at`, `created_at`);
--> statement-breakpoint
CREATE TRIGGER `leads_today_derived_insert` AFTER INSERT ON `leads`
	WHEN new.next_follow_up_at IS NOT NULL AND new.deleted_at IS NULL AND new.is_converted = 0
BEGIN
	INSERT OR REPLACE INTO today_ranks(owner_id, status_id, base, lead_id, next_follow_up_at, quoted_premium, priority,
		ai_follow_up_priority, last_contacted_at, created_at)
	VALUES (new.owner_id, new.status_id,
		40
		+ CASE WHEN coalesce(new.last_contacted_at, '') = '' THEN 18 ELSE 10 END
		+ CASE WHEN new.quoted_premium >= 5000 THEN 15 WHEN new.quoted_premium >= 2500 THEN 11
			WHEN new.quoted_premium >= 1000 THEN 7 WHEN new.quoted_premium > 0 THEN 3 ELSE 0 END
		+ CASE WHEN new.priority BETWEEN 1 AND 5 THEN (3 - new.priority) * 5 ELSE 0 END
		+ CASE WHEN new.ai_follow_up_priority BETWEEN 1 AND 5 THEN (3 - new.ai_follow_up_priority) * 2 ELSE 0 END,
		new.id, new.next_follow_up_at, new.quoted_premium, new.priority, new.ai_follow_up_priority,
		new.last_contacted_at, new.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_today_derived_update` AFTER UPDATE OF id, owner_id, status_id, next_follow_up_at, deleted_at,
	is_converted, quoted_premium, priority, ai_follow_up_priority, last_contacted_at, created_at ON `leads`
BEGIN
	DELETE FROM today_ranks WHERE lead_id = old.id;
	INSERT OR REPLACE INTO today_ranks(owner_id, status_id, base, lead_id, next_follow_up_at, quoted_premium, priority,
		ai_follow_up_priority, last_contacted_at, created_at)
	SELECT new.owner_id, new.status_id,
		40
		+ CASE WHEN coalesce(new.last_contacted_at, '') = '' THEN 18 ELSE 10 END
		+ CASE WHEN new.quoted_premium >= 5000 THEN 15 WHEN new.quoted_premium >= 2500 THEN 11
			WHEN new.quoted_premium >= 1000 THEN 7 WHEN new.quoted_premium > 0 THEN 3 ELSE 0 END
		+ CASE WHEN new.priority BETWEEN 1 AND 5 THEN (3 - new.priority) * 5 ELSE 0 END
		+ CASE WHEN new.ai_follow_up_priority BETWEEN 1 AND 5 THEN (3 - new.ai_follow_up_priority) * 2 ELSE 0 END,
		new.id, new.next_follow_up_at, new.quoted_premium, new.priority, new.ai_follow_up_priority,
		new.last_contacted_at, new.created_at
	WHERE new.next_follow_up_at IS NOT NULL AND new.deleted_at IS NULL AND new.is_converted = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `leads_today_derived_delete` AFTER DELETE ON `leads` BEGIN
	DELETE FROM today_ranks WHERE lead_id = old.id;
END;
--> statement-breakpoint
INSERT INTO today_ranks(owner_id, status_id, base, lead_id, next_follow_up_at, quoted_premium, priority,
	ai_follow_up_priority, last_contacted_at, created_at)
SELECT owner_id, status_id,
	40
	+ CASE WHEN coalesce(last_contacted_at, '') = '' THEN 18 ELSE 10 END
	+ CASE WHEN quoted_premium >= 5000 THEN 15 WHEN quoted_premium >= 2500 THEN 11
		WHEN quoted_premium >= 1000 THEN 7 WHEN quoted_premium > 0 THEN 3 ELSE 0 END
	+ CASE WHEN priority BETWEEN 1 AND 5 THEN (3 - priority) * 5 ELSE 0 END
	+ CASE WHEN ai_follow_up_priority BETWEEN 1 AND 5 THEN (3 - ai_follow_up_priority) * 2 ELSE 0 END,
	id, next_follow_up_at, quoted_premium, priority, ai_follow_up_priority, last_contacted_at, created_at
FROM leads WHERE next_follow_up_at IS NOT NULL AND deleted_at IS NULL AND is_converted = 0;
