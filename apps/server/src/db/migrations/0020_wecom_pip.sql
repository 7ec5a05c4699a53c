CREATE TABLE "wecom_pip_chats" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"chatid" text NOT NULL,
	"members" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wecom_pip_ops" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"op" text NOT NULL,
	"dedupe_key" text,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"errcode" integer,
	"due_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wecom_pip_rsvps" (
	"checkin_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wecom_pip_rsvps_checkin_id_employee_id_pk" PRIMARY KEY("checkin_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "wecom_pip_schedules" (
	"checkin_id" uuid PRIMARY KEY NOT NULL,
	"schedule_id" text NOT NULL,
	"status" text NOT NULL,
	"attendees" jsonb NOT NULL,
	"synced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wecom_pip_chats" ADD CONSTRAINT "wecom_pip_chats_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wecom_pip_rsvps" ADD CONSTRAINT "wecom_pip_rsvps_checkin_id_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wecom_pip_rsvps" ADD CONSTRAINT "wecom_pip_rsvps_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wecom_pip_schedules" ADD CONSTRAINT "wecom_pip_schedules_checkin_id_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_pip_chats_chatid_uq" ON "wecom_pip_chats" USING btree ("chatid");--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_pip_ops_dedupe_uq" ON "wecom_pip_ops" USING btree ("kind","ref","dedupe_key") WHERE "wecom_pip_ops"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "wecom_pip_ops_pending_idx" ON "wecom_pip_ops" USING btree ("due_at") WHERE "wecom_pip_ops"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "wecom_pip_ops_ref_idx" ON "wecom_pip_ops" USING btree ("kind","ref","id");--> statement-breakpoint
CREATE INDEX "wecom_pip_rsvps_employee_idx" ON "wecom_pip_rsvps" USING btree ("employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_pip_schedules_schedule_uq" ON "wecom_pip_schedules" USING btree ("schedule_id");