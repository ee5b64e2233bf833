-- Group commit for ballots (docs/decisions/014-one-statement-per-ballot.md): the ballots an app
-- process received while its previous batch was in the database, cast in one statement and one
-- transaction, each exactly as cast_vote casts it alone. Answers one row per ballot, `n` being its
-- 1-based position in the arrays.
--
-- Locks are taken in one order, so that a batch cannot deadlock with another batch or with a
-- single ballot (which takes its rate-limit row, then its idea, then the author's points, 'all'
-- before the month), and batches run side by side (decision 051):
--   1. every rate-limit row of the batch, by bucket (each ballot counts one hit, in arrival order);
--   2. every idea of the batch, by id;
--   3. every points row a ballot may change, by person, 'all' first, then by month (a missing row is
--      made with nothing counted, so that it is locked as it is made);
--   4. then the ballots are cast in the order of their idea (then of arrival). The vote and follow
--      rows they write belong to an idea whose lock this batch holds.
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

  -- The points an up-vote earns or loses count for the idea's author, in 'all' and in the month the
  -- vote was first cast (cast_vote): the existing vote's month, or this one's. DO UPDATE … WHERE
  -- false changes nothing but locks the row, in the order of the SELECT.
  INSERT INTO contributor_points AS c (user_id, period, votes_received)
  SELECT r.user_id, r.period, 0
    FROM (SELECT DISTINCT i.author_id AS user_id, p.period
            FROM unnest(p_user_ids, p_idea_ids, p_values) AS b(user_id, idea_id, value)
            JOIN ideas i ON i.id = b.idea_id AND i.author_id <> b.user_id
            LEFT JOIN votes v ON v.idea_id = b.idea_id AND v.user_id = b.user_id
           CROSS JOIN LATERAL (VALUES ('all'), (to_char(coalesce(v.created_at, now()) AT TIME ZONE 'UTC', 'YYYY-MM'))) AS p(period)
           WHERE b.value = 1 OR v.value = 1) AS r
   ORDER BY r.user_id, r.period <> 'all', r.period
  ON CONFLICT (period, user_id) DO UPDATE SET votes_received = c.votes_received WHERE false;

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
