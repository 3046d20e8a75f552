-- Step 5: a push is one server transaction (push.rs): a first upload killed half-way leaves
-- the team's book as it was. Within one transaction the staging table is no longer emptied by
-- each part's commit, so the merge empties it with TRUNCATE (rows deleted stay until the
-- transaction ends, and each later part scanned every earlier one again), and analyses only
-- the columns its joins read (sorting each part's JSON values by jsonb's comparison was
-- spent for nothing).

CREATE OR REPLACE FUNCTION kam.push_staged(replica_id text, tombs jsonb, upto bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    SET jit = off SET random_page_cost = 1.1 AS $$
DECLARE
    me text := session_user;
    mgr boolean := kam.is_manager();
    t record;
    n integer;
    n_new integer := 0;
    n_changed integer := 0;
    n_lost integer := 0;
    n_rejected integer := 0;
    n_forgotten integer := 0;
    prev_pushed bigint;
    first_refusal bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(20201);
    -- Refusals are written under this lock only: the ones after it are this call's.
    SELECT coalesce(max(id), 0) INTO first_refusal FROM kam.rejected;
    SELECT pushed_hlc INTO prev_pushed FROM kam.replicas WHERE replica = replica_id AND rep = me;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kam: this book is not a replica of rep %', me;
    END IF;
    PERFORM kam.stage_open();
    -- Statistics of the columns the joins read only: ANALYZE of the JSON columns sorted
    -- every part's values with jsonb's comparison, for nothing.
    ANALYZE pg_temp.kam_stage (e, u, a);
    FOR t IN SELECT * FROM jsonb_to_recordset(tombs) AS x(e text, u text, a text) LOOP
        IF EXISTS (SELECT 1 FROM kam.forgotten WHERE uid = t.u) THEN
            CONTINUE;
        END IF;
        IF NOT (mgr OR kam.may_see(coalesce(t.a, t.u))
                OR NOT EXISTS (SELECT 1 FROM kam.records WHERE uid = t.u)) THEN
            INSERT INTO kam.rejected (rep, replica, entity, uid, reason)
                VALUES (me, replica_id, t.e, t.u, 'forget of an account not yours');
            n_rejected := n_rejected + 1;
            CONTINUE;
        END IF;
        PERFORM kam.forget_record(t.e, t.u);
        n_forgotten := n_forgotten + 1;
    END LOOP;

    -- Records of forgotten ids: refused, without their values (they are what was erased).
    WITH gone AS (
        DELETE FROM pg_temp.kam_stage s
         WHERE EXISTS (SELECT 1 FROM kam.forgotten f WHERE f.uid = s.u)
            OR EXISTS (SELECT 1 FROM kam.forgotten f WHERE f.uid = s.a)
        RETURNING s.e, s.u)
    INSERT INTO kam.rejected (rep, replica, entity, uid, reason)
        SELECT me, replica_id, e, u, 'forgotten' FROM gone;
    GET DIAGNOSTICS n = ROW_COUNT;
    n_rejected := n_rejected + n;

    -- The team's settings (grading rule, weights) are set by a manager only.
    IF NOT mgr THEN
        WITH theirs AS (
            DELETE FROM pg_temp.kam_stage s WHERE s.e = 'settings' RETURNING s.e, s.u, s.v)
        INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
            SELECT me, replica_id, e, u, 'team settings are the manager''s', v FROM theirs;
        GET DIAGNOSTICS n = ROW_COUNT;
        n_rejected := n_rejected + n;
    END IF;

    -- A new account belongs to the rep who sent it; anything of an account that is another
    -- rep's is refused and kept, values and all, for the manager.
    INSERT INTO kam.account_access (account_uid, rep)
        SELECT DISTINCT u, me FROM pg_temp.kam_stage WHERE e = 'accounts'
        ON CONFLICT (account_uid) DO NOTHING;
    IF NOT mgr THEN
        WITH theirs AS (
            DELETE FROM pg_temp.kam_stage s
             WHERE NOT EXISTS (SELECT 1 FROM kam.account_access x
                                WHERE x.account_uid = s.a AND x.rep = me)
            RETURNING s.e, s.u, s.v)
        INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
            SELECT me, replica_id, e, u, 'account not yours', v FROM theirs;
        GET DIAGNOSTICS n = ROW_COUNT;
        n_rejected := n_rejected + n;
        -- Nor may a rep move a record out of an account that is not theirs (a merge made
        -- offline into an account reassigned meanwhile would take the new rep's records).
        WITH moved AS (
            DELETE FROM pg_temp.kam_stage s USING kam.records r
             WHERE r.uid = s.u AND s.e <> 'accounts' AND r.account_uid IS DISTINCT FROM s.a
               AND NOT EXISTS (SELECT 1 FROM kam.account_access x
                                WHERE x.account_uid = r.account_uid AND x.rep = me)
            RETURNING s.e, s.u, s.v)
        INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
            SELECT me, replica_id, e, u, 'account not yours', v FROM moved;
        GET DIAGNOSTICS n = ROW_COUNT;
        n_rejected := n_rejected + n;
    END IF;

    -- Records the server has: per field, the newer clock wins. A record sent again exactly as
    -- stored (the same clocks) is skipped without looking at its fields.
    WITH f AS (
        SELECT s.u, s.e, k.key,
               coalesce(s.c->>k.key, s.c->>'*') COLLATE "C" AS ic,
               coalesce(r.clocks->>k.key, r.clocks->>'*', '') COLLATE "C" AS sc,
               s.v->k.key AS iv, r.vals->k.key AS sv
          FROM pg_temp.kam_stage s
          JOIN kam.records r ON r.uid = s.u AND r.clocks IS DISTINCT FROM s.c
         CROSS JOIN LATERAL (SELECT jsonb_object_keys(s.v) AS key
                             UNION SELECT jsonb_object_keys(s.c)) k
         WHERE k.key <> '*'
    ), agg AS (
        SELECT u, min(e) AS e,
               jsonb_object_agg(key, coalesce(iv, 'null'::jsonb)) FILTER (WHERE ic > sc) AS tv,
               jsonb_object_agg(key, ic) FILTER (WHERE ic > sc) AS tc,
               -- This laptop's own change since its last push that lost to a newer one.
               count(*) FILTER (WHERE ic < sc AND iv IS DISTINCT FROM sv AND key <> 'updated_at'
                                  AND substr(ic, 22) = replica_id
                                  AND split_part(ic, '-', 1)::bigint > prev_pushed) AS lost
          FROM f GROUP BY u
    ), upd AS (
        UPDATE kam.records r
           SET vals = r.vals || a.tv, clocks = r.clocks || a.tc,
               account_uid = CASE WHEN a.e = 'accounts' THEN a.u
                                  ELSE coalesce((r.vals || a.tv)->>'account_id', r.account_uid) END,
               seq = nextval('kam.change_seq'), echo_of = NULL
          FROM agg a
         WHERE r.uid = a.u AND a.tv IS NOT NULL
        RETURNING 1)
    SELECT (SELECT count(*) FROM upd), (SELECT coalesce(sum(lost), 0) FROM agg)
      INTO n_changed, n_lost;

    -- Records new to the server.
    INSERT INTO kam.records (uid, entity, account_uid, vals, clocks, seq, echo_of)
        SELECT u, e, a, v, c, nextval('kam.change_seq'),
               CASE WHEN prev_pushed = 0 THEN replica_id END
          FROM pg_temp.kam_stage s
         WHERE NOT EXISTS (SELECT 1 FROM kam.records r WHERE r.uid = s.u)
        ON CONFLICT (uid) DO NOTHING;
    GET DIAGNOSTICS n_new = ROW_COUNT;

    -- Emptied, not deleted from: a push is one transaction now, and deleted rows stay in
    -- the table until it ends, for every later part's scans to read again.
    TRUNCATE pg_temp.kam_stage;
    UPDATE kam.replicas SET pushed_hlc = greatest(pushed_hlc, upto), last_push = now()
     WHERE replica = replica_id;
    -- Each refusal told back to the laptop that sent it (its rep is told which and why).
    RETURN jsonb_build_object('new', n_new, 'changed', n_changed, 'lost', n_lost,
                              'rejected', n_rejected, 'forgotten', n_forgotten,
                              'refused', coalesce((
                                  SELECT jsonb_agg(jsonb_build_object(
                                             'e', entity, 'u', uid, 'why', reason) ORDER BY id)
                                    FROM kam.rejected
                                   WHERE id > first_refusal AND replica = replica_id), '[]'));
END $$;
