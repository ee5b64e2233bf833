DROP INDEX "users_email_unique";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "unclaimed_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "claimed_by_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "channel_network" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_unclaimed_email_unique" ON "users" USING btree (lower("email")) WHERE "users"."unclaimed_since" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email")) WHERE "users"."unclaimed_since" is null;