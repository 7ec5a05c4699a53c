-- The chain starts at seq 0 with the genesis hash.
INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000') ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Append-only: the application never updates or deletes audit rows; this makes an accidental or
-- casual edit fail loudly. A determined superuser can still disable it, which the hash chain and
-- the signed checkpoints then detect.
CREATE OR REPLACE FUNCTION uplift_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION uplift_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION uplift_audit_append_only();
