CREATE TABLE "reference_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "reference_version_one_row" CHECK ("reference_version"."id" = 1)
);
--> statement-breakpoint
-- The reference data's version (app/db/reference-data.server.ts, docs/decisions/036): set, in the
-- same transaction as the change, to that transaction's id, which no other transaction has, so a
-- version an instance saw never comes back with other rows. For each statement that writes the
-- tables, truncating included; upserted, so a truncated version row comes back too.
CREATE FUNCTION bump_reference_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reference_version (id, version) VALUES (1, txid_current())
  ON CONFLICT (id) DO UPDATE SET version = excluded.version
  WHERE reference_version.version IS DISTINCT FROM excluded.version;
  RETURN NULL;
END
$$;--> statement-breakpoint
INSERT INTO reference_version (id, version) VALUES (1, txid_current());--> statement-breakpoint
CREATE TRIGGER statuses_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statuses
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();--> statement-breakpoint
CREATE TRIGGER categories_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();--> statement-breakpoint
CREATE TRIGGER tags_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tags
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();--> statement-breakpoint
CREATE TRIGGER site_settings_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site_settings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
