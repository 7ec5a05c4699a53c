CREATE TABLE "protected_situations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"kind_enc" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"note_enc" text,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"ended_by_name" text,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retirement_dates" (
	"employee_id" uuid PRIMARY KEY NOT NULL,
	"date" date NOT NULL,
	"source" text NOT NULL,
	"basis" jsonb,
	"note_enc" text,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "termination_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" text NOT NULL,
	"review_date" date NOT NULL,
	"union_notified_on" date NOT NULL,
	"union_note" text NOT NULL,
	"notice_mode" text NOT NULL,
	"notice_on" date NOT NULL,
	"last_day" date NOT NULL,
	"figures_enc" text NOT NULL,
	"guard_enc" text NOT NULL,
	"unmet" jsonb NOT NULL,
	"overrides" jsonb NOT NULL,
	"proposed_by" uuid,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decision_note" text,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "protected_situations" ADD CONSTRAINT "protected_situations_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_situations" ADD CONSTRAINT "protected_situations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retirement_dates" ADD CONSTRAINT "retirement_dates_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retirement_dates" ADD CONSTRAINT "retirement_dates_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_reviews" ADD CONSTRAINT "termination_reviews_plan_id_pip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."pip_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_reviews" ADD CONSTRAINT "termination_reviews_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_reviews" ADD CONSTRAINT "termination_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "protected_situations_employee_idx" ON "protected_situations" USING btree ("employee_id","from_date");--> statement-breakpoint
CREATE INDEX "protected_situations_recorded_by_idx" ON "protected_situations" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "retirement_dates_recorded_by_idx" ON "retirement_dates" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "termination_reviews_plan_idx" ON "termination_reviews" USING btree ("plan_id","proposed_at");--> statement-breakpoint
CREATE INDEX "termination_reviews_proposed_by_idx" ON "termination_reviews" USING btree ("proposed_by");--> statement-breakpoint
CREATE INDEX "termination_reviews_decided_by_idx" ON "termination_reviews" USING btree ("decided_by");--> statement-breakpoint
-- Protected situations and termination reviews are the employer's proof: ended or decided, never removed.
CREATE OR REPLACE FUNCTION uplift_compliance_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'compliance records are never deleted (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER protected_situations_no_delete BEFORE DELETE ON "protected_situations" FOR EACH ROW EXECUTE FUNCTION uplift_compliance_no_delete();
--> statement-breakpoint
CREATE TRIGGER termination_reviews_no_delete BEFORE DELETE ON "termination_reviews" FOR EACH ROW EXECUTE FUNCTION uplift_compliance_no_delete();
