CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"sections" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"effective_from" date,
	"content_sha256" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"in_force_at" timestamp with time zone,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_owner_unit_id_org_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_owner_version_uq" ON "policy_versions" USING btree ("owner_unit_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_in_force_uq" ON "policy_versions" USING btree ("owner_unit_id") WHERE "policy_versions"."state" = 'in_force';--> statement-breakpoint
CREATE INDEX "policy_versions_state_idx" ON "policy_versions" USING btree ("state","effective_from");