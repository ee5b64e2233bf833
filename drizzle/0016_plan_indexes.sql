DROP INDEX "ideas_triage_idx";--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role","display_name");--> statement-breakpoint
CREATE INDEX "ideas_triage_queue_idx" ON "ideas" USING btree (coalesce("first_response_due_at", 'infinity'::timestamptz),"id") WHERE "ideas"."answered_at" is null and "ideas"."is_public";