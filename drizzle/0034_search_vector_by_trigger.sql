ALTER TABLE "ideas" ALTER COLUMN "search_vector" DROP EXPRESSION IF EXISTS;--> statement-breakpoint
-- The search words are computed when the title or description is written, not on every write of the
-- row: a generated column is computed again on every UPDATE, so each ballot's counters ran four
-- to_tsvector()s (pgbench on the bench's 100,000 ideas: 372 → 1,164 toggles a second). A direct write
-- of the column is overwritten with the same expression, so it always says what the idea says
-- (tests/integration/search-vector.test.ts).
CREATE FUNCTION ideas_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', NEW.title), 'A') || setweight(to_tsvector('dutch', NEW.title), 'A')
    || setweight(to_tsvector('english', NEW.description), 'B') || setweight(to_tsvector('dutch', NEW.description), 'B');
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER ideas_search_vector BEFORE INSERT OR UPDATE OF title, description, search_vector ON ideas
  FOR EACH ROW EXECUTE FUNCTION ideas_search_vector();
