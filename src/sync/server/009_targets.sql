-- Step 9: targets and work plans (工作方案与目标, a record of the book since issue 21) travel
-- like the catalogue: the manager sets each rep's targets, every rep reads the team's, and a
-- rep's own change to them is refused, kept with its values in kam.rejected for the manager
-- (a rep's proposed plan is not lost), told to the rep in one sentence and replaced on their
-- laptop by the team's version at the same sync. Before this step a rep's targets reached
-- only the manager and the manager's never reached the rep.

CREATE OR REPLACE FUNCTION kam.refuse_managers(me text, replica_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n integer;
    m integer;
    k integer;
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
    WITH theirs AS (
        DELETE FROM pg_temp.kam_stage s WHERE s.e = 'targets' RETURNING s.e, s.u, s.v)
    INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
        SELECT me, replica_id, e, u, 'targets are the manager''s', v FROM theirs;
    GET DIAGNOSTICS k = ROW_COUNT;
    RETURN n + m + k;
END $$;
REVOKE ALL ON FUNCTION kam.refuse_managers(text, text) FROM PUBLIC;

-- Every rep reads the team's settings, its catalogue and its targets.
ALTER POLICY records_seen ON kam.records
    USING (kam.may_see(account_uid) OR entity IN ('settings', 'products', 'targets'));
