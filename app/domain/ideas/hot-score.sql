-- The trending rank (docs/decisions/017-trending.md), stored in ideas.hot_score by cast_vote and the
-- recounts: the score's order of magnitude plus the age, in units of 7 days (604,800 s) since
-- 2024-01-01, so ten times the votes outrank an idea a week younger. ideas.rules.ts hotScore is the
-- same formula in TypeScript; hot-score.parity.server.test.ts compares both. The epoch of a
-- timestamptz does not depend on the session's time zone, so the function is immutable.
-- How to change this file: docs/database-functions.md (stored ranks are not recomputed by itself).
CREATE OR REPLACE FUNCTION ideas_hot_score(score bigint, created_at timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT round((sign(score) * log(greatest(abs(score), 1)) + (extract(epoch from created_at) - 1704067200) / 604800)::numeric, 7)::float8
$$;
