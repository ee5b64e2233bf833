-- The trending rank (docs/decisions/017-trending.md), stored in ideas.hot_score by cast_vote and the
-- recounts: the score's order of magnitude plus the age, in units of 7 days (604,800 s) since
-- 2024-01-01, so ten times the votes outrank an idea a week younger. ideas.rules.ts hotScore is the
-- same formula in TypeScript; hot-score.parity.server.test.ts compares both. The age is read from
-- the interval since 2024-01-01 (00:00 UTC): that `extract` is immutable, so PostgreSQL inlines the
-- function into the statement that calls it. `extract(epoch from created_at)` gives the same number
-- but is marked stable (other fields of a timestamptz depend on the time zone): an immutable
-- function using it is never inlined, and a LANGUAGE sql function that is not is parsed and
-- planned again on every call (a twelfth of a ballot's time in PostgreSQL).
-- How to change this file: docs/database-functions.md (stored ranks are not recomputed by itself).
CREATE OR REPLACE FUNCTION ideas_hot_score(score bigint, created_at timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT round((sign(score) * log(greatest(abs(score), 1)) + extract(epoch from created_at - timestamptz '2024-01-01 00:00:00+00') / 604800)::numeric, 7)::float8
$$;
