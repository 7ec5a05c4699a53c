-- Who may do what changed: every node drops the sessions and access it keeps between requests
-- (modules/auth/auth-cache.ts). One NOTIFY per statement; PostgreSQL folds repeats in a transaction.
CREATE FUNCTION uplift_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('uplift_auth', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION uplift_auth_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION uplift_auth_changed();
--> statement-breakpoint
CREATE TRIGGER role_grants_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants FOR EACH STATEMENT EXECUTE FUNCTION uplift_auth_changed();
--> statement-breakpoint
CREATE TRIGGER employees_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employees FOR EACH STATEMENT EXECUTE FUNCTION uplift_auth_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION uplift_auth_changed();
