-- Group commit for ballots (docs/decisions/014-one-statement-per-ballot.md): the ballots an app
-- process received while its previous batch was in the database, cast in one statement and one
-- transaction, each exactly as cast_vote casts it alone. Answers one row per ballot, `n` being its
-- 1-based position in the arrays.
--
-- Locks are taken in one order, so that a batch cannot deadlock with another batch or with a
-- single ballot (which takes its rate-limit row, then its idea, then the author's points):
--   1. batches take turns (a transaction-level advisory lock: one batch at a time per database);
--   2. every rate-limit row of the batch, by bucket (each ballot counts one hit, in arrival order);
--   3. every idea of the batch, by id;
--   4. then the ballots are cast in the order of their idea (then of arrival).
-- How to change this file: docs/database-functions.md.
CREATE OR REPLACE FUNCTION cast_votes(
  p_user_ids integer[], p_idea_ids integer[], p_values integer[], p_channels text[],
  p_limit_buckets text[], p_limits integer[], p_limit_window_seconds integer[])
RETURNS TABLE (n integer, outcome text, up_votes integer, down_votes integer, score integer, retry_after integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  ballot record;
  hit record;
  cast_result record;
  refused_after integer[] := array_fill(NULL::integer, ARRAY[coalesce(array_length(p_user_ids, 1), 0)]);
BEGIN
  -- 'cast_votes' as a number: the advisory lock's key.
  PERFORM pg_advisory_xact_lock(hashtext('ideabox.cast_votes'));

  FOR ballot IN
    SELECT b.bucket, b.max_hits, b.window_seconds, b.position
      FROM unnest(p_limit_buckets, p_limits, p_limit_window_seconds)
           WITH ORDINALITY AS b(bucket, max_hits, window_seconds, position)
     WHERE b.bucket IS NOT NULL
     ORDER BY b.bucket, b.position
  LOOP
    SELECT l.hits, l.retry_after INTO hit FROM hit_rate_limit(ballot.bucket, ballot.window_seconds) l;
    IF hit.hits > ballot.max_hits THEN
      refused_after[ballot.position] := hit.retry_after;
    END IF;
  END LOOP;

  PERFORM 1 FROM ideas i WHERE i.id = ANY (p_idea_ids) ORDER BY i.id FOR UPDATE;

  FOR ballot IN
    SELECT b.*
      FROM unnest(p_user_ids, p_idea_ids, p_values, p_channels)
           WITH ORDINALITY AS b(user_id, idea_id, value, channel, position)
     ORDER BY b.idea_id, b.position
  LOOP
    n := ballot.position;
    IF refused_after[ballot.position] IS NOT NULL THEN
      outcome := 'tooMany';
      up_votes := NULL;
      down_votes := NULL;
      score := NULL;
      retry_after := refused_after[ballot.position];
    ELSE
      -- The rate limit was counted above: cast_vote casts without one.
      SELECT * INTO cast_result
        FROM cast_vote(ballot.user_id, ballot.idea_id, ballot.value, ballot.channel, NULL, NULL, NULL);
      outcome := cast_result.outcome;
      up_votes := cast_result.up_votes;
      down_votes := cast_result.down_votes;
      score := cast_result.score;
      retry_after := cast_result.retry_after;
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
