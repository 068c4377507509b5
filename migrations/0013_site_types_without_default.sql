-- A new site's interaction types come from one list: DEFAULT_INTERACTION_TYPES in
-- src/lib/domain/interaction-schema.ts, which the site form starts from and the demo seeder writes.
-- 0001 also wrote that list into this column's default, a second copy that a change to the domain's
-- list would have left behind, so a site inserted without its types would have got the old list.
-- Every insert now names the site's types (sites-repository's insertSite), and the default goes:
-- an insert that forgot them fails on NOT NULL instead of storing a stale list.
-- Existing sites keep the types they hold.
ALTER TABLE sites ALTER COLUMN interaction_types DROP DEFAULT;
