ALTER TABLE "ideas" ADD COLUMN "page_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- What an idea's page shows has a version (docs/decisions/040): kept pages are answered after one
-- statement that reads it, so every write to anything the page shows must change it, in the same
-- transaction. Triggers do it, so that no command can forget: the idea's own row counts one more on
-- every update (its counters included: every vote, comment and follow changes them), and the rows
-- the page reads beside it touch their idea. tests/integration/idea-page-version.test.ts lists
-- every table that refers to ideas, comments or people's names and requires each to be here or to
-- say why not.
CREATE FUNCTION ideas_next_page_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.page_version := OLD.page_version + 1;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER ideas_page_version BEFORE UPDATE ON ideas
  FOR EACH ROW EXECUTE FUNCTION ideas_next_page_version();--> statement-breakpoint

-- Touches an idea's page: its row is written once more, unless this transaction wrote it already
-- (a vote's counters, a comment's count): that write gave it a version no committed page had, which
-- is all a reader needs. The triggers of the rows beside an idea run when the transaction commits
-- (deferred), after the command's own write of the idea: one write of the idea per ballot
-- (tests/integration/query-plans.test.ts), and a bare follow or report still writes it once.
CREATE FUNCTION touch_idea_pages(idea_ids integer[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE ideas SET page_version = page_version + 1
  WHERE id = ANY(idea_ids) AND xmin::text::bigint <> txid_current() % 4294967296;
$$;--> statement-breakpoint

-- A merged idea's page names the idea it went into, by title and address.
CREATE FUNCTION ideas_touch_merged_pages() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM touch_idea_pages(ARRAY(SELECT id FROM ideas WHERE merged_into_id = NEW.id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ideas_merged_page_version AFTER UPDATE OF title, slug ON ideas
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.slug IS DISTINCT FROM NEW.slug)
  EXECUTE FUNCTION ideas_touch_merged_pages();--> statement-breakpoint

-- A row with an idea_id: its idea's page (before and after, should the row move).
CREATE FUNCTION touch_idea_page() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM touch_idea_pages(ARRAY[NEW.idea_id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM touch_idea_pages(ARRAY[OLD.idea_id]);
  ELSE
    PERFORM touch_idea_pages(ARRAY[OLD.idea_id, NEW.idea_id]);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER comments_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON comments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_idea_page();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER follows_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON follows
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_idea_page();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER idea_responses_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON idea_responses
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_idea_page();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER idea_revisions_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON idea_revisions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_idea_page();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER idea_tags_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON idea_tags
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_idea_page();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER update_ideas_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON update_ideas
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_idea_page();--> statement-breakpoint

-- A report names an idea, or a comment on one: the page offers its reporter no second report.
CREATE FUNCTION reports_touch_idea_page() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  report reports;
BEGIN
  IF TG_OP = 'DELETE' THEN report := OLD; ELSE report := NEW; END IF;
  PERFORM touch_idea_pages(ARRAY[coalesce(report.idea_id,
    (SELECT c.idea_id FROM comments c WHERE c.id = report.comment_id))]);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER reports_idea_page_version AFTER INSERT OR UPDATE OR DELETE ON reports
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reports_touch_idea_page();--> statement-breakpoint

-- An update's title, address and publication are shown on the pages of the ideas it names.
CREATE FUNCTION updates_touch_idea_pages() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM touch_idea_pages(ARRAY(
    SELECT ui.idea_id FROM update_ideas ui WHERE ui.update_id = coalesce(NEW.id, OLD.id)));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER updates_idea_page_version AFTER UPDATE OR DELETE ON updates
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION updates_touch_idea_pages();--> statement-breakpoint

-- A person's name, handle and role are shown on the ideas they posted, commented on or answered.
CREATE FUNCTION users_touch_idea_pages() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM touch_idea_pages(ARRAY(
    SELECT i.id FROM ideas i WHERE i.author_id = NEW.id
    UNION SELECT c.idea_id FROM comments c WHERE c.author_id = NEW.id
    UNION SELECT r.idea_id FROM idea_responses r WHERE r.author_id = NEW.id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_idea_page_version AFTER UPDATE OF display_name, handle, role ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name
    OR OLD.handle IS DISTINCT FROM NEW.handle OR OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION users_touch_idea_pages();
