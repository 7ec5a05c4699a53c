CREATE TABLE "wecom_card_clicks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" text NOT NULL,
	"wecom_user_id" text NOT NULL,
	"event_key" text NOT NULL,
	"response_code" text NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wecom_cards" (
	"task_id" text PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"recipient_id" uuid NOT NULL,
	"wecom_user_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"plan_id" uuid,
	"keys" jsonb NOT NULL,
	"msgid" text,
	"update_code" text,
	"code_expires_at" timestamp with time zone,
	"status" text NOT NULL,
	"closed_text" text,
	"closed_at" timestamp with time zone,
	"check_due" boolean DEFAULT false NOT NULL,
	"update_status" text DEFAULT 'none' NOT NULL,
	"update_attempts" integer DEFAULT 0 NOT NULL,
	"update_error" text,
	"next_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wecom_cards_outbox_id_unique" UNIQUE("outbox_id")
);
--> statement-breakpoint
ALTER TABLE "wecom_cards" ADD CONSTRAINT "wecom_cards_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wecom_cards" ADD CONSTRAINT "wecom_cards_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wecom_card_clicks_pending_idx" ON "wecom_card_clicks" USING btree ("received_at") WHERE "wecom_card_clicks"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "wecom_card_clicks_task_idx" ON "wecom_card_clicks" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "wecom_cards_subject_idx" ON "wecom_cards" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "wecom_cards_plan_open_idx" ON "wecom_cards" USING btree ("plan_id") WHERE "wecom_cards"."status" = 'open';--> statement-breakpoint
CREATE INDEX "wecom_cards_work_idx" ON "wecom_cards" USING btree ("next_attempt_at") WHERE "wecom_cards"."check_due" or "wecom_cards"."update_status" = 'pending';