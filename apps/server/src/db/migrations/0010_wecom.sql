CREATE TABLE "wecom_callback_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedup_key" text NOT NULL,
	"msg_type" text NOT NULL,
	"event" text,
	"from_user" text NOT NULL,
	"agent_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wecom_deliveries" (
	"outbox_id" bigint PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"wecom_userid" text,
	"status" text NOT NULL,
	"msgid" text,
	"errcode" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_callback_receipts_key_uq" ON "wecom_callback_receipts" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "wecom_callback_receipts_received_idx" ON "wecom_callback_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "wecom_deliveries_recipient_idx" ON "wecom_deliveries" USING btree ("recipient_id","created_at");