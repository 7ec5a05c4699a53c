CREATE TABLE "wecom_sync_fields" (
	"field" text PRIMARY KEY NOT NULL,
	"master" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wecom_sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"mode" text NOT NULL,
	"hash" text NOT NULL,
	"diff" jsonb NOT NULL,
	"status" text NOT NULL,
	"result" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "wecom_sync_runs_seq_idx" ON "wecom_sync_runs" USING btree ("seq");