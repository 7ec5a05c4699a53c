CREATE TABLE "pip_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"outcome" text NOT NULL,
	"note" text NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"extension_end" date,
	"extension_reason" text,
	"previous_end" date NOT NULL,
	"status" text NOT NULL,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"return_comment" text,
	"returned_by_name" text,
	"returned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pip_role_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"from_position" text NOT NULL,
	"from_grade" text,
	"to_position" text NOT NULL,
	"to_grade" text,
	"effective_on" date NOT NULL,
	"reason" text NOT NULL,
	"relation" text NOT NULL,
	"notice_text" text NOT NULL,
	"notice_sha256" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pip_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"gap" text NOT NULL,
	"goal_ids" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"trainer" text NOT NULL,
	"attendance" text,
	"attendance_note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "pip_plans_one_open_uq";--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD COLUMN "kind" text DEFAULT 'point' NOT NULL;--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD COLUMN "goals_version" integer;--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD COLUMN "conclusion" text;--> statement-breakpoint
ALTER TABLE "pip_outcomes" ADD CONSTRAINT "pip_outcomes_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_outcomes" ADD CONSTRAINT "pip_outcomes_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_outcomes" ADD CONSTRAINT "pip_outcomes_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_role_adjustments" ADD CONSTRAINT "pip_role_adjustments_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_role_adjustments" ADD CONSTRAINT "pip_role_adjustments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_trainings" ADD CONSTRAINT "pip_trainings_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_trainings" ADD CONSTRAINT "pip_trainings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pip_outcomes_plan_idx" ON "pip_outcomes" USING btree ("plan_id","round");--> statement-breakpoint
CREATE INDEX "pip_outcomes_proposed_by_idx" ON "pip_outcomes" USING btree ("proposed_by");--> statement-breakpoint
CREATE INDEX "pip_outcomes_confirmed_by_idx" ON "pip_outcomes" USING btree ("confirmed_by");--> statement-breakpoint
CREATE INDEX "pip_role_adjustments_plan_idx" ON "pip_role_adjustments" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "pip_role_adjustments_created_by_idx" ON "pip_role_adjustments" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "pip_trainings_plan_idx" ON "pip_trainings" USING btree ("plan_id","starts_on");--> statement-breakpoint
CREATE INDEX "pip_trainings_created_by_idx" ON "pip_trainings" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "pip_plans_one_open_uq" ON "pip_plans" USING btree ("employee_id") WHERE "pip_plans"."state" in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review', 'follow_up');