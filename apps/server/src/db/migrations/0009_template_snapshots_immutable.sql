-- A snapshot is what a PIP started with: the application only ever inserts them (identical
-- content reuses the row). Updates and deletes fail loudly; the stored SHA-256 catches an edit
-- made with the trigger disabled.
CREATE OR REPLACE FUNCTION uplift_template_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'template snapshots are immutable (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER template_snapshots_immutable BEFORE UPDATE OR DELETE ON "template_snapshots"
  FOR EACH ROW EXECUTE FUNCTION uplift_template_snapshot_immutable();
