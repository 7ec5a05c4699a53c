CREATE TABLE "checkin_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkin_id" uuid NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkin_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"percent" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"cadence_seq" integer,
	"scheduled_at" timestamp with time zone NOT NULL,
	"scheduled_on" date NOT NULL,
	"status" text NOT NULL,
	"rescheduled_from" timestamp with time zone,
	"reschedule_reason" text,
	"cancel_reason" text,
	"minutes" text,
	"minutes_recorded_at" timestamp with time zone,
	"minutes_recorded_by" uuid,
	"minutes_due_on" date NOT NULL,
	"employee_confirmed_at" timestamp with time zone,
	"reminder_due_at" timestamp with time zone NOT NULL,
	"reminder_step" integer DEFAULT 1 NOT NULL,
	"reminded_at" timestamp with time zone,
	"overdue_reminded_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkin_comments" ADD CONSTRAINT "checkin_comments_checkin_id_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_comments" ADD CONSTRAINT "checkin_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_progress" ADD CONSTRAINT "checkin_progress_checkin_id_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_progress" ADD CONSTRAINT "checkin_progress_goal_id_pip_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."pip_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_minutes_recorded_by_users_id_fk" FOREIGN KEY ("minutes_recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkin_comments_checkin_idx" ON "checkin_comments" USING btree ("checkin_id","at");--> statement-breakpoint
CREATE INDEX "checkin_comments_author_idx" ON "checkin_comments" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_progress_uq" ON "checkin_progress" USING btree ("checkin_id","goal_id");--> statement-breakpoint
CREATE INDEX "checkin_progress_goal_idx" ON "checkin_progress" USING btree ("goal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkins_cadence_uq" ON "checkins" USING btree ("plan_id","kind","cadence_seq") WHERE "checkins"."origin" = 'cadence';--> statement-breakpoint
CREATE INDEX "checkins_plan_idx" ON "checkins" USING btree ("plan_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "checkins_reminder_due_idx" ON "checkins" USING btree ("reminder_due_at") WHERE "checkins"."status" = 'scheduled' and "checkins"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "checkins_minutes_due_idx" ON "checkins" USING btree ("minutes_due_on") WHERE "checkins"."minutes_recorded_at" is null and "checkins"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "checkins_minutes_recorded_by_idx" ON "checkins" USING btree ("minutes_recorded_by");--> statement-breakpoint
CREATE INDEX "checkins_created_by_idx" ON "checkins" USING btree ("created_by");