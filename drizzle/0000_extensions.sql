-- Extensions the product relies on; both exist on PostgreSQL 15+ and in PGlite.
-- pg_trgm: similar-idea detection on titles. Full-text search uses the built-in english and dutch configurations.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
