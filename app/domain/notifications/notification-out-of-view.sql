-- Whether what notification `n` is about is out of its recipient's view, so that the app neither
-- lists nor counts it (notifications.out_of_view, kept by the triggers of
-- drizzle/0037_notifications_out_of_view.sql): an idea no longer public (hidden, withdrawn, held)
-- that is not the recipient's own, for what links to its page; a comment deleted or hidden, for
-- what announces it; an update no longer published; a notice that the recipient's comment or idea
-- was hidden, once it is shown again (drizzle/0038). Its TypeScript side is
-- notifications.server.ts' `shownInApp`, which reads the column.
-- In plpgsql, so that its statements are planned once per connection (docs/database-functions.md).
-- How to change this file: docs/database-functions.md.
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
$$;
