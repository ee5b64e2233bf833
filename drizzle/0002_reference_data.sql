-- Reference data every install starts with. The back office edits these rows; code refers to statuses by slug.
INSERT INTO "statuses" ("slug", "name_en", "name_nl", "color", "position", "category", "on_roadmap") VALUES
  ('new', 'New', 'Nieuw', '#64748b', 10, 'open', false),
  ('under-review', 'Under review', 'In behandeling', '#b45309', 20, 'open', true),
  ('planned', 'Planned', 'Gepland', '#1d4ed8', 30, 'active', true),
  ('in-progress', 'In progress', 'In uitvoering', '#7c3aed', 40, 'active', true),
  ('implemented', 'Launched', 'Gelanceerd', '#15803d', 50, 'closed', true),
  ('declined', 'Declined', 'Afgewezen', '#b91c1c', 60, 'closed', false),
  ('duplicate', 'Duplicate', 'Dubbel', '#475569', 70, 'closed', false)
ON CONFLICT ("slug") DO NOTHING;
--> statement-breakpoint
INSERT INTO "categories" ("kind", "slug", "name_en", "name_nl", "position") VALUES
  ('product', 'drinks', 'Drinks', 'Dranken', 10),
  ('product', 'food', 'Food', 'Eten', 20),
  ('product', 'merchandise', 'Merchandise', 'Merchandise', 30),
  ('product', 'app-and-card', 'App & card', 'App & kaart', 40),
  ('experience', 'ordering-and-payment', 'Ordering & payment', 'Bestellen & betalen', 10),
  ('experience', 'atmosphere-and-locations', 'Atmosphere & locations', 'Sfeer & vestigingen', 20),
  ('experience', 'service', 'Service', 'Service', 30),
  ('involvement', 'community', 'Community', 'Gemeenschap', 10),
  ('involvement', 'sustainability', 'Sustainability', 'Duurzaamheid', 20)
ON CONFLICT ("kind", "slug") DO NOTHING;
