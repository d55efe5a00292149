-- Each stored chance's main factor, kept beside it in today_ranks (SQLite only, derived local state
-- like the chance, migration 0028). Today's reasons name it ("62% likely to win (calls and emails
-- raise the chance)"), and asking the model for the page's 100 leads to get it (reading their facts
-- and scoring each with its factors) cost a quarter of an overdue page at 100k leads.
--   chance_factor  the chance's main factor under the same model, as a signed feature code
--                  (shared/score/binary-model.ts mainFactorOf: i + 1 raises, -(i + 1) lowers, 0
--                  none). Written with the chance, in the same UPDATE (lead-chances.ts); read only
--                  where chance is not NULL, so the triggers that make a chance stale need not touch it.
-- It is in both learned indexes, so the overdue rows bring it with their chance: a code of one or
-- two bytes a row, where a lookup into the table for the page's rows would cost a seek each.
ALTER TABLE `today_ranks` ADD COLUMN `chance_factor` integer;
--> statement-breakpoint
DROP INDEX `idx_today_ranks_learned`;
--> statement-breakpoint
DROP INDEX `idx_today_ranks_learned_team`;
--> statement-breakpoint
CREATE INDEX `idx_today_ranks_learned` ON `today_ranks` (`owner_id`, `status_id`, `learned_bound`, `next_follow_up_at`,
	`quoted_premium`, `priority`, `ai_follow_up_priority`, `last_contacted_at`, `created_at`, `chance`, `chance_factor`);
--> statement-breakpoint
CREATE INDEX `idx_today_ranks_learned_team` ON `today_ranks` (`status_id`, `learned_bound`, `next_follow_up_at`,
	`quoted_premium`, `priority`, `ai_follow_up_priority`, `last_contacted_at`, `created_at`, `chance`, `chance_factor`);
--> statement-breakpoint
-- The chances stored before this migration have no factor: made stale, so the main process fills
-- each in again with its factor (Today counts them as 100% meanwhile: slower, never wrong).
UPDATE `today_ranks` SET `chance` = NULL WHERE `chance` IS NOT NULL;
