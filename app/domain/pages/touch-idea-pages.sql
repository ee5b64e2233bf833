-- Touches ideas' pages (docs/decisions/040): each idea's row is written once more, so its
-- page_version changes (the ideas_page_version trigger), unless this transaction wrote it already (a
-- vote's counters, a comment's count): that write gave it a version no committed page had, which is
-- all a reader needs. Called by the triggers of the rows an idea's page shows beside it
-- (drizzle/0032_idea_page_version.sql and later), which run when the transaction commits, after
-- the command's own write of the idea: one write of the idea per ballot
-- (tests/integration/query-plans.test.ts), and a bare follow or report still writes it once.
-- In plpgsql, so that its statement is planned once per connection: as LANGUAGE sql (its first
-- definition, in 0032) PostgreSQL 15 planned it again on every call, at every commit of a ballot
-- that made its voter follow the idea.
-- How to change this file: docs/database-functions.md.
CREATE OR REPLACE FUNCTION touch_idea_pages(idea_ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ideas SET page_version = page_version + 1
   WHERE id = ANY(idea_ids) AND xmin::text::bigint <> txid_current() % 4294967296;
END
$$;
