ALTER TABLE "employees" ADD COLUMN "report_path" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "employees_report_path_idx" ON "employees" USING btree ("report_path" text_pattern_ops);--> statement-breakpoint
-- backfill the reporting-line paths of existing people (a manager cycle, if any, is left empty)
WITH RECURSIVE line(id, p) AS (
  SELECT id, '/' || id::text || '/' FROM employees WHERE manager_id IS NULL
  UNION ALL
  SELECT e.id, line.p || e.id::text || '/' FROM employees e JOIN line ON e.manager_id = line.id
)
UPDATE employees SET report_path = line.p FROM line WHERE employees.id = line.id;
