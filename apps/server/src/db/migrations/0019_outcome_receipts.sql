ALTER TABLE "pip_outcomes" ADD COLUMN "receipt_text" text;--> statement-breakpoint
ALTER TABLE "pip_outcomes" ADD COLUMN "receipt_sha256" text;