CREATE TABLE "contributor_points" (
	"user_id" integer NOT NULL,
	"period" text NOT NULL,
	"votes_received" integer DEFAULT 0 NOT NULL,
	"ideas_implemented" integer DEFAULT 0 NOT NULL,
	"points" integer GENERATED ALWAYS AS (votes_received + 10 * ideas_implemented) STORED,
	CONSTRAINT "contributor_points_period_user_id_pk" PRIMARY KEY("period","user_id"),
	CONSTRAINT "contributor_points_period_check" CHECK ("contributor_points"."period" = 'all' or "contributor_points"."period" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "contributor_points" ADD CONSTRAINT "contributor_points_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributor_points_rank_idx" ON "contributor_points" USING btree ("period","points" DESC NULLS FIRST,"user_id");--> statement-breakpoint
CREATE INDEX "contributor_points_user_idx" ON "contributor_points" USING btree ("user_id");