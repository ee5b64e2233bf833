ALTER TABLE "ideas" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Existing ideas: the best known time is when they were posted.
UPDATE "ideas" SET "status_changed_at" = "created_at";
