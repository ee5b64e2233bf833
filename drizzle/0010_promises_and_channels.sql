CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "promises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"channel" text,
	"target_days" integer,
	"text_en" text NOT NULL,
	"text_nl" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promises_kind_check" CHECK ("promises"."kind" in ('first-response', 'decision', 'declined-reason'))
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "channel" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "channel" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "promises_kind_channel_unique" ON "promises" USING btree ("kind",coalesce("channel", ''));--> statement-breakpoint
CREATE INDEX "ideas_triage_due_idx" ON "ideas" USING btree ("first_response_due_at","id") WHERE "ideas"."answered_at" is null and "ideas"."is_public";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("users"."role" in ('customer', 'agent', 'moderator', 'marketer', 'admin'));--> statement-breakpoint
-- The promises every install starts with; admins edit them in the back office.
INSERT INTO "promises" ("kind", "channel", "target_days", "text_en", "text_nl", "position") VALUES
  ('first-response', NULL, 5, 'Every idea gets a first response from the product team within 5 working days.', 'Elk idee krijgt binnen 5 werkdagen een eerste reactie van het productteam.', 10),
  ('decision', NULL, 30, 'Once an idea is under review, we decide within 30 days: planned, or declined with a reason.', 'Als een idee in behandeling is, besluiten we binnen 30 dagen: gepland, of afgewezen met een reden.', 20),
  ('declined-reason', NULL, NULL, 'Every declined idea gets a public reason.', 'Elk afgewezen idee krijgt een openbare reden.', 30)
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Ideas from before promises existed: seven calendar days is five working days for most of them.
UPDATE "ideas" SET "first_response_due_at" = "created_at" + interval '7 days' WHERE "first_response_due_at" IS NULL;
