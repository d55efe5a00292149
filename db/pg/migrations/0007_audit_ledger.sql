-- The audit ledger (server only: not in the catalogue, so no shape ever streams it) and the
-- devices that have signed in before. Custom SQL: drizzle-kit does not generate triggers.
--
-- Every applied mutation and every sign-in is appended to audit_ledger. Each entry holds the
-- hash of the one before (prev_hash) and its own hash over its fields and prev_hash, so a row
-- changed, removed or inserted afterwards breaks the chain at that row
-- (`npm run cli -- server:audit-verify`). The chain's head is one row, locked by each append
-- until its transaction ends: concurrent batches append one after another, in commit order.
CREATE TABLE "audit_ledger" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp(3) with time zone NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"detail" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_ledger_kind_values" CHECK (kind IN ('mutation', 'sign_in'))
);
--> statement-breakpoint
CREATE TABLE "audit_ledger_head" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_ledger_head_one_row" CHECK (id)
);
--> statement-breakpoint
INSERT INTO "audit_ledger_head" (id, seq, hash) VALUES (true, 0, repeat('0', 64));
--> statement-breakpoint
-- The text an entry's hash is taken over; server/audit.ts rebuilds the same text to verify.
CREATE FUNCTION audit_entry_text(seq bigint, prev_hash text, at timestamptz, kind text, user_id uuid, detail jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT seq::text || E'\n' || prev_hash || E'\n' || ((extract(epoch FROM at) * 1000)::bigint)::text || E'\n'
		|| kind || E'\n' || coalesce(user_id::text, '') || E'\n' || detail::text
$$;
--> statement-breakpoint
CREATE FUNCTION audit_ledger_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	head record;
BEGIN
	SELECT h.seq, h.hash INTO head FROM audit_ledger_head h WHERE h.id FOR UPDATE;
	NEW.seq := head.seq + 1;
	NEW.prev_hash := head.hash;
	-- Milliseconds, as the column keeps them, so the hash covers exactly the stored time.
	NEW.at := date_trunc('milliseconds', coalesce(NEW.at, now()));
	NEW.hash := encode(sha256(convert_to(audit_entry_text(NEW.seq, NEW.prev_hash, NEW.at, NEW.kind, NEW.user_id, NEW.detail), 'UTF8')), 'hex');
	UPDATE audit_ledger_head SET seq = NEW.seq, hash = NEW.hash WHERE id;
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_ledger_append" BEFORE INSERT ON "audit_ledger" FOR EACH ROW EXECUTE FUNCTION audit_ledger_append();
--> statement-breakpoint
-- Append-only for every role that does not first alter the table (only its owner or a
-- superuser can, and the chain shows what such a change did).
CREATE FUNCTION audit_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit ledger is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_ledger_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_ledger" FOR EACH ROW EXECUTE FUNCTION audit_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_ledger_no_truncate" BEFORE TRUNCATE ON "audit_ledger" FOR EACH STATEMENT EXECUTE FUNCTION audit_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_ledger_head_no_delete" BEFORE DELETE ON "audit_ledger_head" FOR EACH ROW EXECUTE FUNCTION audit_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "audit_ledger_head_no_truncate" BEFORE TRUNCATE ON "audit_ledger_head" FOR EACH STATEMENT EXECUTE FUNCTION audit_ledger_refuse_change();
--> statement-breakpoint
-- The application role reads the ledger when its user is an admin, and never writes it (the
-- gateway appends as the table owner, inside the transaction whose work it records).
REVOKE ALL ON "audit_ledger", "audit_ledger_head" FROM PUBLIC;
--> statement-breakpoint
ALTER TABLE "audit_ledger" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "audit_ledger_admins_read" ON "audit_ledger" FOR SELECT TO fieldline_app USING (app_user_role() = 'admin');
--> statement-breakpoint
GRANT SELECT ON "audit_ledger" TO fieldline_app;
--> statement-breakpoint
-- A device that has signed in as a user: a sign-in that sends its token is not slowed down by
-- failed attempts others made on that email. Only the token's sha256 is kept.
CREATE TABLE "known_devices" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idx_known_devices_user" ON "known_devices" ("user_id");
