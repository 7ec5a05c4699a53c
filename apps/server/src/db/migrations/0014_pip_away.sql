CREATE TABLE "pip_approval_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
ALTER TABLE "pip_approval_delegations" ADD CONSTRAINT "pip_approval_delegations_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_delegations" ADD CONSTRAINT "pip_approval_delegations_delegate_id_employees_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_delegations" ADD CONSTRAINT "pip_approval_delegations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pip_approval_delegations" ADD CONSTRAINT "pip_approval_delegations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pip_approval_delegations_active_idx" ON "pip_approval_delegations" USING btree ("employee_id","from_date","to_date") WHERE "pip_approval_delegations"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "pip_approval_delegations_delegate_idx" ON "pip_approval_delegations" USING btree ("delegate_id");--> statement-breakpoint
CREATE INDEX "pip_approval_delegations_created_by_idx" ON "pip_approval_delegations" USING btree ("created_by");