DROP INDEX `idx_policies_owner_expiration`;--> statement-breakpoint
DROP INDEX `idx_policies_carrier_expiration`;--> statement-breakpoint
CREATE INDEX `idx_policies_owner_expiration` ON `policies` (`owner_id`,`expiration_date`,`id`) WHERE deleted_at IS NULL AND status IN ('active', 'pending');--> statement-breakpoint
CREATE INDEX `idx_policies_carrier_expiration` ON `policies` (`carrier_id`,`expiration_date`,`id`);