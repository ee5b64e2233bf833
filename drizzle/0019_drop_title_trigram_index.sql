-- Every vote, comment count and status change writes a new version of the idea's row, and each
-- version enters every index on ideas: this GIN index on titles' trigrams took ~60 entries per
-- version. No query uses it since similar ideas find their candidates through the full-text index
-- and rank only those by similarity() (docs/decisions/007-search.md); pg_trgm stays for that.
DROP INDEX "ideas_title_trgm_idx";
