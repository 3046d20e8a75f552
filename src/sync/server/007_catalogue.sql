-- Step 7: the product catalogue travels to the team (issue 21 left it on each laptop: the
-- server kept records by account, and a product belongs to none).
--
-- Who writes it: the manager. A catalogue is the team's price list and numbering; two reps
-- each adding "P0007" or changing a price offline would each send their own, and a per-field
-- merge would make a product half one rep's and half the other's. So every rep reads the
-- team's catalogue (row-level security lets each see the records of entity 'products'), a
-- manager's laptop sends it, and a rep's change to it (a new product typed on a deal, a
-- price) is refused like a change to the team's settings: kept with its values in
-- kam.rejected for the manager to take over, told to the rep in one sentence, and replaced
-- on the rep's laptop by the team's version at the same sync (docs/team.md, "What travels").
-- A product's "account" on the server is 'catalogue'.

CREATE OR REPLACE FUNCTION kam.refuse_managers(me text, replica_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n integer;
    m integer;
BEGIN
    WITH theirs AS (
        DELETE FROM pg_temp.kam_stage s WHERE s.e = 'settings' RETURNING s.e, s.u, s.v)
    INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
        SELECT me, replica_id, e, u, 'team settings are the manager''s', v FROM theirs;
    GET DIAGNOSTICS n = ROW_COUNT;
    WITH theirs AS (
        DELETE FROM pg_temp.kam_stage s WHERE s.e = 'products' RETURNING s.e, s.u, s.v)
    INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
        SELECT me, replica_id, e, u, 'the catalogue is the manager''s', v FROM theirs;
    GET DIAGNOSTICS m = ROW_COUNT;
    RETURN n + m;
END $$;
REVOKE ALL ON FUNCTION kam.refuse_managers(text, text) FROM PUBLIC;

-- Every rep reads the team's settings and its catalogue.
ALTER POLICY records_seen ON kam.records
    USING (kam.may_see(account_uid) OR entity IN ('settings', 'products'));
