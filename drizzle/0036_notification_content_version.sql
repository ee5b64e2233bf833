CREATE TABLE "notification_content_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "notification_content_version_one_row" CHECK ("notification_content_version"."id" = 1)
);
--> statement-breakpoint
-- What notifications show of the rows they name has a version (docs/decisions/050): /notifications'
-- version hashes a person's own notification rows, cheap to read, and this row stands for the text
-- they show of others: set, in the same transaction as the change, to that transaction's id (as
-- reference_version, 0031), so no version an instance saw comes back with other text. Updates of
-- the columns the page shows, when their value changes; deletes of the rows named only in a
-- notification's payload (the rest cascade to the notifications themselves, which changes their
-- hash). tests/integration/notifications-version.test.ts changes every column selectNotificationEvents
-- reads of another table, and deletes every row it joins, and requires the version to change.
CREATE FUNCTION bump_notification_content_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_content_version (id, version) VALUES (1, txid_current())
  ON CONFLICT (id) DO UPDATE SET version = excluded.version
  WHERE notification_content_version.version IS DISTINCT FROM excluded.version;
  RETURN NULL;
END
$$;--> statement-breakpoint
INSERT INTO notification_content_version (id, version) VALUES (1, txid_current());--> statement-breakpoint
CREATE TRIGGER ideas_notification_content AFTER UPDATE OF slug, title, description, withdrawn_at ON ideas
  FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.title IS DISTINCT FROM NEW.title
    OR OLD.description IS DISTINCT FROM NEW.description OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at)
  EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER updates_notification_content AFTER UPDATE OF slug, title, summary ON updates
  FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.title IS DISTINCT FROM NEW.title
    OR OLD.summary IS DISTINCT FROM NEW.summary)
  EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER users_notification_content AFTER UPDATE OF display_name ON users
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
  EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER comments_notification_content AFTER UPDATE OF body, deleted_at, hidden_at ON comments
  FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at)
  EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER idea_responses_notification_content AFTER UPDATE OF body ON idea_responses
  FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body)
  EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER idea_responses_notification_content_gone AFTER DELETE OR TRUNCATE ON idea_responses
  FOR EACH STATEMENT EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER internal_notes_notification_content AFTER UPDATE OF body ON internal_notes
  FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body)
  EXECUTE FUNCTION bump_notification_content_version();--> statement-breakpoint
CREATE TRIGGER internal_notes_notification_content_gone AFTER DELETE OR TRUNCATE ON internal_notes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_notification_content_version();
