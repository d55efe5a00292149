-- drizzle-kit leaves ON DELETE out of an added column's REFERENCES in SQLite; added by hand so both dialects set null.
ALTER TABLE `opportunities` ADD `created_by` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `support_tickets` ADD `created_by` text REFERENCES users(id) ON DELETE set null;