-- A notice that someone's comment or idea was hidden leaves their notifications once it is shown
-- again (fresh-eyes review: a restored comment's writer kept reading that it was hidden), or once it
-- is hidden again later, which sends a notice of its own. notification_out_of_view is
-- app/domain/notifications/notification-out-of-view.sql's, replaced here for the backfill (the file
-- applies it again after the migrations). The triggers of 0037 already refresh a comment's and an
-- idea's notifications when either is hidden or shown again.
CREATE OR REPLACE FUNCTION notification_out_of_view(n notifications) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (n.type IN ('comment', 'reply', 'status', 'response')
          AND EXISTS (SELECT 1 FROM ideas i WHERE i.id = n.idea_id AND NOT i.is_public
                        AND i.author_id IS DISTINCT FROM n.user_id))
      OR (n.type IN ('comment', 'reply')
          AND EXISTS (SELECT 1 FROM comments c WHERE c.id = n.comment_id
                        AND (c.deleted_at IS NOT NULL OR c.hidden_at IS NOT NULL)))
      OR (n.update_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.id = n.update_id AND u.status = 'published'))
      -- A notice that the recipient's comment or idea was hidden, once it is shown again (or hidden
      -- again later, which has a notice of its own): hidden since the notice, in its transaction.
      OR (n.type = 'hidden'
          AND CASE WHEN n.comment_id IS NOT NULL
                THEN NOT EXISTS (SELECT 1 FROM comments c WHERE c.id = n.comment_id AND c.hidden_at <= n.created_at)
                ELSE NOT EXISTS (SELECT 1 FROM ideas i WHERE i.id = n.idea_id AND i.hidden_at <= n.created_at)
              END);
END
$$;--> statement-breakpoint
UPDATE notifications n SET out_of_view = notification_out_of_view(n)
 WHERE n.type = 'hidden' AND n.out_of_view IS DISTINCT FROM notification_out_of_view(n);
