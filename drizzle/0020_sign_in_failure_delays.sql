CREATE TABLE "failure_delays" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"blocked_until" timestamp with time zone,
	"forget_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "failure_delays_forget_at_idx" ON "failure_delays" USING btree ("forget_at");