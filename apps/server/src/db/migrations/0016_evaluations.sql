CREATE TABLE "pip_evaluation_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"part" text NOT NULL,
	"goal_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"percent" integer,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pip_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"point_key" text NOT NULL,
	"name" text NOT NULL,
	"at_percent" integer NOT NULL,
	"status" text NOT NULL,
	"opens_on" date NOT NULL,
	"due_on" date,
	"escalate_on" date,
	"opened_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"manager_overall" text,
	"manager_summary" text,
	"manager_at" timestamp with time zone,
	"manager_by" uuid,
	"manager_name" text,
	"self_summary" text,
	"self_at" timestamp with time zone,
	"self_by" uuid,
	"self_name" text,
	"hrbp_comment" text,
	"hrbp_at" timestamp with time zone,
	"hrbp_by" uuid,
	"hrbp_name" text,
	"reminded_on" date,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pip_evaluation_goals" ADD CONSTRAINT "pip_evaluation_goals_evaluation_id_pip_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."pip_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_evaluation_goals" ADD CONSTRAINT "pip_evaluation_goals_goal_id_pip_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."pip_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD CONSTRAINT "pip_evaluations_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD CONSTRAINT "pip_evaluations_manager_by_users_id_fk" FOREIGN KEY ("manager_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD CONSTRAINT "pip_evaluations_self_by_users_id_fk" FOREIGN KEY ("self_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_evaluations" ADD CONSTRAINT "pip_evaluations_hrbp_by_users_id_fk" FOREIGN KEY ("hrbp_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pip_evaluation_goals_uq" ON "pip_evaluation_goals" USING btree ("evaluation_id","part","goal_id");--> statement-breakpoint
CREATE INDEX "pip_evaluation_goals_goal_idx" ON "pip_evaluation_goals" USING btree ("goal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pip_evaluations_point_uq" ON "pip_evaluations" USING btree ("plan_id","point_key");--> statement-breakpoint
CREATE INDEX "pip_evaluations_opens_idx" ON "pip_evaluations" USING btree ("opens_on") WHERE "pip_evaluations"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "pip_evaluations_due_idx" ON "pip_evaluations" USING btree ("due_on") WHERE "pip_evaluations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "pip_evaluations_manager_by_idx" ON "pip_evaluations" USING btree ("manager_by");--> statement-breakpoint
CREATE INDEX "pip_evaluations_self_by_idx" ON "pip_evaluations" USING btree ("self_by");--> statement-breakpoint
CREATE INDEX "pip_evaluations_hrbp_by_idx" ON "pip_evaluations" USING btree ("hrbp_by");