-- Step 2: who each laptop belongs to, for every rep of the team: a change pulled from another
-- laptop is shown in the History tab under its rep's name (an audit asks who changed what),
-- not a laptop id. Rep names are no secret within the team; the rest of kam.replicas (when
-- each laptop last synced) stays the manager's.

CREATE FUNCTION kam.replica_reps() RETURNS TABLE (replica text, rep text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT replica, rep FROM kam.replicas
$$;
REVOKE ALL ON FUNCTION kam.replica_reps() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kam.replica_reps() TO kam_team;
