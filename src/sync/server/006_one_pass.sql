-- Step 6: the staged merge looks each staged record up on the server once, by its key, and
-- every later check reads what that one pass found (issue 20: a first upload of the
-- 100,000-account demo took 274 s, its server 64 CPU seconds).
--
-- Step 5's checks joined each part with kam.records twice (the move check and the per-field
-- merge) and once more in the insert. Within the upload's one transaction the table grows
-- part by part while its statistics stay those of before the upload, and PL/pgSQL keeps a
-- generic plan after five calls: the planner chose to scan the whole growing table once per
-- part (a merge join and a hash join) and, for the ownership check, to scan all of
-- kam.account_access once per staged row (29 s for one part of 20,000, measured). So here:
-- - the server's version of each staged record is read once per part into a small table of
--   the session (`kam_seen`) by a lateral lookup, which can only probe the primary key;
--   on a first upload it finds nothing, and the move check, the merge and the insert read
--   that small table instead of kam.records;
-- - whose account a staged record is in is one scalar lookup per record (a primary-key
--   probe, whatever the statistics say);
-- - the other checks are step 5's, unchanged in meaning: a forgotten record refused without
--   its values, a rep's team settings refused, a record of another rep's account refused
--   with its values, per field the newer clock wins, a push sent twice changes nothing.

-- A rep's staged records of what only a manager writes, refused and kept with their values
-- for the manager; how many. Its own function so that a later step adds to the list alone.
CREATE FUNCTION kam.refuse_managers(me text, replica_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    -- The team's settings (grading rule, weights, cadence).
    WITH theirs AS (
        DELETE FROM pg_temp.kam_stage s WHERE s.e = 'settings' RETURNING s.e, s.u, s.v)
    INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
        SELECT me, replica_id, e, u, 'team settings are the manager''s', v FROM theirs;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
REVOKE ALL ON FUNCTION kam.refuse_managers(text, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION kam.push_staged(replica_id text, tombs jsonb, upto bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    SET jit = off SET random_page_cost = 1.1 SET plan_cache_mode = force_custom_plan AS $$
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
    IF to_regclass('pg_temp.kam_seen') IS NULL THEN
        CREATE TEMP TABLE kam_seen (u text PRIMARY KEY, a text, v jsonb, c jsonb)
            ON COMMIT DELETE ROWS;
    END IF;
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
    IF EXISTS (SELECT 1 FROM kam.forgotten) THEN
        WITH gone AS (
            DELETE FROM pg_temp.kam_stage s
             WHERE EXISTS (SELECT 1 FROM kam.forgotten f WHERE f.uid = s.u)
                OR EXISTS (SELECT 1 FROM kam.forgotten f WHERE f.uid = s.a)
            RETURNING s.e, s.u)
        INSERT INTO kam.rejected (rep, replica, entity, uid, reason)
            SELECT me, replica_id, e, u, 'forgotten' FROM gone;
        GET DIAGNOSTICS n = ROW_COUNT;
        n_rejected := n_rejected + n;
    END IF;

    -- What only a manager writes (the team's settings; step 7: the catalogue).
    IF NOT mgr THEN
        n_rejected := n_rejected + kam.refuse_managers(me, replica_id);
    END IF;

    -- A new account belongs to the rep who sent it; anything of an account that is another
    -- rep's is refused and kept, values and all, for the manager.
    INSERT INTO kam.account_access (account_uid, rep)
        SELECT DISTINCT u, me FROM pg_temp.kam_stage WHERE e = 'accounts'
        ON CONFLICT (account_uid) DO NOTHING;
    IF NOT mgr THEN
        WITH theirs AS (
            DELETE FROM pg_temp.kam_stage s
             WHERE (SELECT x.rep FROM kam.account_access x WHERE x.account_uid = s.a)
                   IS DISTINCT FROM me
            RETURNING s.e, s.u, s.v)
        INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
            SELECT me, replica_id, e, u, 'account not yours', v FROM theirs;
        GET DIAGNOSTICS n = ROW_COUNT;
        n_rejected := n_rejected + n;
    END IF;

    -- The one lookup: the server's version of each staged record it has.
    INSERT INTO pg_temp.kam_seen (u, a, v, c)
        SELECT s.u, r.account_uid, r.vals, r.clocks
          FROM pg_temp.kam_stage s
         CROSS JOIN LATERAL (SELECT r.account_uid, r.vals, r.clocks FROM kam.records r
                              WHERE r.uid = s.u OFFSET 0) r
        ON CONFLICT (u) DO NOTHING;
    ANALYZE pg_temp.kam_seen (u);

    -- Nor may a rep move a record out of an account that is not theirs (a merge made offline
    -- into an account reassigned meanwhile would take the new rep's records).
    IF NOT mgr THEN
        WITH moved AS (
            DELETE FROM pg_temp.kam_stage s USING pg_temp.kam_seen r
             WHERE r.u = s.u AND s.e <> 'accounts' AND r.a IS DISTINCT FROM s.a
               AND (SELECT x.rep FROM kam.account_access x WHERE x.account_uid = r.a)
                   IS DISTINCT FROM me
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
               coalesce(r.c->>k.key, r.c->>'*', '') COLLATE "C" AS sc,
               s.v->k.key AS iv, r.v->k.key AS sv
          FROM pg_temp.kam_stage s
          JOIN pg_temp.kam_seen r ON r.u = s.u AND r.c IS DISTINCT FROM s.c
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

    -- Records new to the server: those the lookup did not find. A plain insert, not ON
    -- CONFLICT (a speculative insertion writes each row twice in the WAL, ~15 % of the
    -- insert's time): every writer of kam.records holds this function's advisory lock, and a
    -- push sends each record once, so no other row can have taken the id meanwhile; were one
    -- there, the push would fail whole and change nothing.
    INSERT INTO kam.records (uid, entity, account_uid, vals, clocks, seq, echo_of)
        SELECT u, e, a, v, c, nextval('kam.change_seq'),
               CASE WHEN prev_pushed = 0 THEN replica_id END
          FROM pg_temp.kam_stage s
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.kam_seen r WHERE r.u = s.u);
    GET DIAGNOSTICS n_new = ROW_COUNT;

    -- Emptied, not deleted from (step 5): deleted rows would stay until the push commits.
    TRUNCATE pg_temp.kam_stage, pg_temp.kam_seen;
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
