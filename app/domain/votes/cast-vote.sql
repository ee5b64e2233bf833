-- One person's ballot on one idea (docs/decisions/014-one-statement-per-ballot.md): the rate limit,
-- the idea's lock, the rules, the vote row, the follow, the author's points and the idea's counters,
-- in the one transaction of a single function call. app/domain/votes/votes.server.ts is its caller
-- (and cast-votes.sql, for a batch). The rules are also stated in TypeScript: votes.rules.ts
-- (voteRefusal, counterDelta), accounts.rules.ts (canParticipate) and points.rules.ts; the parity
-- tests in votes.server.test.ts and votes.parity.server.test.ts compare them case by case.
-- How to change this file: docs/database-functions.md.
--
-- p_value 1 (up), -1 (down) or 0 (withdraw). outcome is 'ok' with the idea's counters, or why
-- nothing changed: 'tooMany' (with retry_after seconds), 'notFound', 'suspended', 'withdrawn',
-- 'closed', 'downVotesOff'. p_limit_bucket null casts without a limit.
CREATE OR REPLACE FUNCTION cast_vote(
  p_user_id integer, p_idea_id integer, p_value integer, p_channel text,
  p_limit_bucket text, p_limit integer, p_limit_window_seconds integer,
  OUT outcome text, OUT up_votes integer, OUT down_votes integer, OUT score integer, OUT retry_after integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  idea record;
  voter record;
  mine record;
  twin record;
  twin_value integer := 0;
  own_up integer;
  limit_hits integer;
  previous integer := 0;
  cast_at timestamptz := now();
  delta_up integer;
  delta_down integer;
  followed integer := 0;
BEGIN
  IF p_limit_bucket IS NOT NULL THEN
    SELECT l.hits, l.retry_after INTO limit_hits, retry_after
      FROM hit_rate_limit(p_limit_bucket, p_limit_window_seconds) l;
    IF limit_hits > p_limit THEN
      outcome := 'tooMany';
      RETURN;
    END IF;
    retry_after := NULL;
  END IF;

  -- The idea's row lock serialises ballots on one idea, across every app instance.
  SELECT i.author_id, coalesce(i.is_public, false) AS is_public, i.up_votes, i.down_votes, i.score,
         s.category AS status_category
    INTO idea
    FROM ideas i JOIN statuses s ON s.id = i.status_id
   WHERE i.id = p_idea_id
     FOR UPDATE OF i;
  IF NOT FOUND THEN
    outcome := 'notFound';
    RETURN;
  END IF;

  -- accounts.rules.ts canParticipate: not banned, and any suspension is over.
  SELECT u.banned_at, u.suspended_until, u.email, u.unclaimed_since INTO voter FROM users u WHERE u.id = p_user_id;
  IF NOT FOUND OR voter.banned_at IS NOT NULL OR voter.suspended_until > now() THEN
    outcome := 'suspended';
    RETURN;
  END IF;

  -- votes.rules.ts voteRefusal: withdrawing is always allowed.
  IF p_value <> 0 THEN
    IF NOT idea.is_public THEN
      outcome := 'withdrawn';
      RETURN;
    ELSIF idea.status_category = 'closed' THEN
      outcome := 'closed';
      RETURN;
    ELSIF p_value = -1
      AND (SELECT st.value FROM site_settings st WHERE st.key = 'downVotesEnabled') = 'false'::jsonb THEN
      outcome := 'downVotesOff';
      RETURN;
    END IF;
  END IF;

  -- One person, one vote (decision 016): a vote staff captured for this account's address (its
  -- captured person, not yet claimed) is the account holder's own; the ballot they cast themselves
  -- replaces it, so the idea does not count them twice. Only an account's ballot looks (a captured
  -- person's own ballot is the captured vote itself).
  IF p_value <> 0 AND voter.unclaimed_since IS NULL THEN
    SELECT v.user_id, v.value, v.created_at INTO twin
      FROM users c JOIN votes v ON v.user_id = c.id AND v.idea_id = p_idea_id
     WHERE lower(c.email) = lower(voter.email) AND c.unclaimed_since IS NOT NULL
       AND c.claimed_by_id IS NULL;
    IF FOUND THEN
      DELETE FROM votes v WHERE v.idea_id = p_idea_id AND v.user_id = twin.user_id;
      twin_value := twin.value;
      -- The author's points for it go with it, in the month it was cast.
      IF twin.value = 1 AND idea.author_id <> twin.user_id THEN
        INSERT INTO contributor_points AS c (user_id, period, votes_received)
        VALUES (idea.author_id, 'all', -1),
               (idea.author_id, to_char(twin.created_at AT TIME ZONE 'UTC', 'YYYY-MM'), -1)
        ON CONFLICT (period, user_id) DO UPDATE SET votes_received = c.votes_received + excluded.votes_received;
      END IF;
    END IF;
  END IF;

  -- Read once the lock is held: a double submit that waited for it sees the first one's vote.
  SELECT v.value, v.created_at INTO mine FROM votes v WHERE v.idea_id = p_idea_id AND v.user_id = p_user_id;
  IF FOUND THEN
    previous := mine.value;
    -- Points count in the month the ballot was first cast, whatever changes later.
    cast_at := mine.created_at;
  END IF;

  outcome := 'ok';
  IF previous = p_value AND twin_value = 0 THEN
    up_votes := idea.up_votes;
    down_votes := idea.down_votes;
    score := idea.score;
    RETURN;
  END IF;

  IF p_value = 0 THEN
    DELETE FROM votes v WHERE v.idea_id = p_idea_id AND v.user_id = p_user_id;
  ELSE
    INSERT INTO votes AS v (idea_id, user_id, value, channel, created_at, updated_at)
    VALUES (p_idea_id, p_user_id, p_value, p_channel, cast_at, cast_at)
    ON CONFLICT (idea_id, user_id) DO UPDATE SET value = excluded.value, updated_at = now();
    -- Voting for an idea means wanting to hear what happens to it.
    INSERT INTO follows (idea_id, user_id) VALUES (p_idea_id, p_user_id) ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS followed = ROW_COUNT;
  END IF;

  own_up := (p_value = 1)::int - (previous = 1)::int;
  delta_up := own_up - (twin_value = 1)::int;
  delta_down := (p_value = -1)::int - (previous = -1)::int - (twin_value = -1)::int;

  -- Up-votes from others earn the author points (points.rules.ts POINTS_PER_VOTE weighs them).
  IF own_up <> 0 AND idea.author_id <> p_user_id THEN
    INSERT INTO contributor_points AS c (user_id, period, votes_received)
    VALUES (idea.author_id, 'all', own_up),
           (idea.author_id, to_char(cast_at AT TIME ZONE 'UTC', 'YYYY-MM'), own_up)
    ON CONFLICT (period, user_id) DO UPDATE SET votes_received = c.votes_received + excluded.votes_received;
  END IF;

  UPDATE ideas i SET
    up_votes = i.up_votes + delta_up,
    down_votes = i.down_votes + delta_down,
    score = i.score + delta_up - delta_down,
    hot_score = ideas_hot_score(i.score + delta_up - delta_down, i.created_at),
    follower_count = i.follower_count + followed
  WHERE i.id = p_idea_id
  RETURNING i.up_votes, i.down_votes, i.score INTO up_votes, down_votes, score;
END
$$;
