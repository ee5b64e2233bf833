-- Images are addressed by a random token instead of their sequential id, so the cover of a draft
-- update cannot be found by counting. Images stored before get a random token too (their old
-- numeric addresses stop working); new ones get 128 random bits from the app (updates.server.ts).
ALTER TABLE "images" ADD COLUMN "token" text;--> statement-breakpoint
UPDATE "images" SET "token" = replace(gen_random_uuid()::text, '-', '') WHERE "token" IS NULL;--> statement-breakpoint
ALTER TABLE "images" ALTER COLUMN "token" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "images_token_unique" ON "images" USING btree ("token");
