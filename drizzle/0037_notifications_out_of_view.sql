ALTER TABLE "notifications" ADD COLUMN "out_of_view" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_idea_idx" ON "notifications" USING btree ("idea_id") WHERE "notifications"."idea_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_comment_idx" ON "notifications" USING btree ("comment_id") WHERE "notifications"."comment_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_update_idx" ON "notifications" USING btree ("update_id") WHERE "notifications"."update_id" is not null;--> statement-breakpoint
-- A notification whose subject left its recipient's view is neither listed nor counted in the app:
-- an idea hidden, withdrawn or held (not the recipient's own), for the notifications that link to
-- its page; a comment deleted or hidden, for those that announce it; an update taken back from
-- publication. Kept as a column, by triggers on what can take the subject out of view and back, so
-- that /notifications' version (decision 050) still hashes the notification rows alone. The
-- function is app/domain/notifications/notification-out-of-view.sql's (created here for the
-- backfill, the file applies it again after the migrations).
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
          AND NOT EXISTS (SELECT 1 FROM updates u WHERE u.id = n.update_id AND u.status = 'published'));
END
$$;--> statement-breakpoint
CREATE FUNCTION notifications_refresh_out_of_view() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ideas' THEN
    UPDATE notifications n SET out_of_view = notification_out_of_view(n)
     WHERE n.idea_id = NEW.id AND n.out_of_view IS DISTINCT FROM notification_out_of_view(n);
  ELSIF TG_TABLE_NAME = 'comments' THEN
    UPDATE notifications n SET out_of_view = notification_out_of_view(n)
     WHERE n.comment_id = NEW.id AND n.out_of_view IS DISTINCT FROM notification_out_of_view(n);
  ELSE
    UPDATE notifications n SET out_of_view = notification_out_of_view(n)
     WHERE n.update_id = NEW.id AND n.out_of_view IS DISTINCT FROM notification_out_of_view(n);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER ideas_notifications_out_of_view AFTER UPDATE OF withdrawn_at, hidden_at, held_at ON ideas
  FOR EACH ROW WHEN (OLD.is_public IS DISTINCT FROM NEW.is_public)
  EXECUTE FUNCTION notifications_refresh_out_of_view();--> statement-breakpoint
CREATE TRIGGER comments_notifications_out_of_view AFTER UPDATE OF deleted_at, hidden_at ON comments
  FOR EACH ROW WHEN ((OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL)
    IS DISTINCT FROM (NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL))
  EXECUTE FUNCTION notifications_refresh_out_of_view();--> statement-breakpoint
CREATE TRIGGER updates_notifications_out_of_view AFTER UPDATE OF status ON updates
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION notifications_refresh_out_of_view();--> statement-breakpoint
-- A notification made about what is already out of view starts out of view.
CREATE FUNCTION notifications_out_of_view_at_first() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.out_of_view := notification_out_of_view(NEW);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER notifications_out_of_view BEFORE INSERT OR UPDATE OF type, user_id, idea_id, comment_id, update_id ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_out_of_view_at_first();--> statement-breakpoint
UPDATE notifications n SET out_of_view = true WHERE notification_out_of_view(n);
