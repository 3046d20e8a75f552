-- Step 10: a person's sensitive dossier items (religion, health, political activity: PIPL
-- Art. 28, GDPR Art. 9) are the laptop's own (store/sync_sensitive.rs): a laptop sends the
-- dossier without them and never takes them from the server. The items an earlier kam sent
-- are emptied here, in the records and in the refused changes, each record keeping its change
-- number: no laptop pulls it again for this, so no laptop's own items are touched. The text
-- keeps its form (each item's value replaced by null where it stands), as a laptop writes it.
-- `kam team init` then rewrites both tables (VACUUM FULL) so that the old row versions leave
-- the table files.

UPDATE kam.records
   SET vals = jsonb_set(vals, '{dossier}', to_jsonb(regexp_replace(vals->>'dossier',
              '"(health|political_activity|religion)":"(?:[^"\\]|\\.)*"', '"\1":null', 'g')))
 WHERE entity = 'contacts' AND jsonb_typeof(vals->'dossier') = 'string'
   AND vals->>'dossier' ~ '"(health|political_activity|religion)":"';

UPDATE kam.rejected
   SET vals = jsonb_set(vals, '{dossier}', to_jsonb(regexp_replace(vals->>'dossier',
              '"(health|political_activity|religion)":"(?:[^"\\]|\\.)*"', '"\1":null', 'g')))
 WHERE entity = 'contacts' AND jsonb_typeof(vals->'dossier') = 'string'
   AND vals->>'dossier' ~ '"(health|political_activity|religion)":"';
