-- Trending that is not "New" (Ideabox issue 16, docs/decisions/017-trending.md): the same shape of
-- rank (the score's order of magnitude plus the age), with a decay of 7 days (604,800 s) instead of
-- 12.5 hours, so ten times the votes outrank an idea a week younger. ideas.rules.ts hotScore is the
-- same formula in TypeScript. cast_vote and cast_votes call this function by name: they need no change.
CREATE OR REPLACE FUNCTION ideas_hot_score(score bigint, created_at timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT round((sign(score) * log(greatest(abs(score), 1)) + (extract(epoch from created_at) - 1704067200) / 604800)::numeric, 7)::float8
$$;--> statement-breakpoint

-- The stored ranks were computed with the old decay: recompute every one with the new function.
UPDATE ideas SET hot_score = ideas_hot_score(score, created_at);
