CREATE TABLE "job_runs" (
	"name" text NOT NULL,
	"run_on" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_runs_name_run_on_pk" PRIMARY KEY("name","run_on")
);
