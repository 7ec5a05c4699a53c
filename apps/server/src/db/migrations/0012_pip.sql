CREATE TABLE "pip_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"handler_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pip_approval_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"seq" integer NOT NULL,
	"node_key" text NOT NULL,
	"kind" text NOT NULL,
	"approver_id" uuid NOT NULL,
	"delegate_id" uuid,
	"status" text NOT NULL,
	"comment" text,
	"requested_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "pip_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"author_role" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pip_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"plan_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pip_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"metric" text NOT NULL,
	"baseline" text NOT NULL,
	"target" text NOT NULL,
	"unit" text NOT NULL,
	"weight" integer NOT NULL,
	"due_date" date,
	"support" text NOT NULL,
	"drafted_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pip_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"problem_type" text NOT NULL,
	"candidate_id" uuid,
	"evidence" jsonb,
	"reason_text" text NOT NULL,
	"violation" jsonb,
	"initiator_user_id" uuid,
	"initiator_name" text NOT NULL,
	"manager_id" uuid,
	"hrbp_id" uuid,
	"policy_version_id" uuid,
	"policy_version" integer,
	"snapshot_id" uuid NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"state" text NOT NULL,
	"pause_reason" text,
	"paused_at" timestamp with time zone,
	"paused_days" integer DEFAULT 0 NOT NULL,
	"goals_version" integer DEFAULT 0 NOT NULL,
	"goals_finalised_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"outcome" jsonb,
	"cancel_reason" text,
	"closed_reason" text,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pip_appeals" ADD CONSTRAINT "pip_appeals_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_appeals" ADD CONSTRAINT "pip_appeals_handler_id_employees_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_appeals" ADD CONSTRAINT "pip_appeals_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_steps" ADD CONSTRAINT "pip_approval_steps_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_steps" ADD CONSTRAINT "pip_approval_steps_approver_id_employees_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_steps" ADD CONSTRAINT "pip_approval_steps_delegate_id_employees_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_steps" ADD CONSTRAINT "pip_approval_steps_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_comments" ADD CONSTRAINT "pip_comments_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_comments" ADD CONSTRAINT "pip_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_events" ADD CONSTRAINT "pip_events_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_events" ADD CONSTRAINT "pip_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_goals" ADD CONSTRAINT "pip_goals_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_candidate_id_pip_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."pip_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_initiator_user_id_users_id_fk" FOREIGN KEY ("initiator_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_manager_id_employees_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_hrbp_id_employees_id_fk" FOREIGN KEY ("hrbp_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_plans" ADD CONSTRAINT "pip_plans_snapshot_id_template_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."template_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pip_appeals_plan_idx" ON "pip_appeals" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "pip_appeals_open_handler_idx" ON "pip_appeals" USING btree ("handler_id") WHERE "pip_appeals"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "pip_approval_steps_uq" ON "pip_approval_steps" USING btree ("plan_id","round","seq");--> statement-breakpoint
CREATE INDEX "pip_approval_steps_pending_approver_idx" ON "pip_approval_steps" USING btree ("approver_id") WHERE "pip_approval_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "pip_approval_steps_pending_delegate_idx" ON "pip_approval_steps" USING btree ("delegate_id") WHERE "pip_approval_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "pip_comments_plan_idx" ON "pip_comments" USING btree ("plan_id","at");--> statement-breakpoint
CREATE INDEX "pip_events_plan_idx" ON "pip_events" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "pip_goals_plan_idx" ON "pip_goals" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "pip_plans_one_open_uq" ON "pip_plans" USING btree ("employee_id") WHERE "pip_plans"."state" in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review');--> statement-breakpoint
CREATE INDEX "pip_plans_employee_idx" ON "pip_plans" USING btree ("employee_id","created_at");--> statement-breakpoint
CREATE INDEX "pip_plans_state_idx" ON "pip_plans" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "pip_plans_manager_idx" ON "pip_plans" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "pip_plans_hrbp_idx" ON "pip_plans" USING btree ("hrbp_id");