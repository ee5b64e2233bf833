-- Counts one hit in a fixed-window rate limit (rate-limits.server.ts hitRateLimit, and cast_vote /
-- cast_votes for ballots): one atomic upsert, so parallel requests on any instance cannot slip past
-- the limit. The windows themselves (limit, seconds) are rateLimitRules in rate-limits.server.ts.
-- In plpgsql, so that its statement is planned once per connection (a LANGUAGE sql function that
-- writes is never inlined, and PostgreSQL 15 plans its body again on every call).
-- How to change this file: docs/database-functions.md.
CREATE OR REPLACE FUNCTION hit_rate_limit(p_bucket text, p_window_seconds integer, OUT hits integer, OUT retry_after integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO rate_limits AS r (bucket, hits, reset_at)
  VALUES (p_bucket, 1, now() + make_interval(secs => p_window_seconds))
  ON CONFLICT (bucket) DO UPDATE SET
    hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
    reset_at = CASE WHEN r.reset_at <= now() THEN now() + make_interval(secs => p_window_seconds) ELSE r.reset_at END
  RETURNING r.hits, ceil(extract(epoch from (r.reset_at - now())))::int INTO hits, retry_after;
END
$$;
