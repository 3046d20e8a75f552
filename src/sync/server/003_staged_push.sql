-- Step 3: a push loaded by COPY into a staging table and merged set-based (issue 20: the first
-- upload of a 100,000-account book, ~1.7 M records, went record by record through a PL/pgSQL
-- loop at ~3,000 records/s). The rules are step 1's, unchanged: per field the newer clock
-- wins (ties by replica), a forgotten record is refused, an account not the rep's is refused
-- with its values kept, a push sent twice changes nothing.
--
-- Also: the team's settings travel as one record any rep may read and only a manager may
-- change (store/sync_settings.rs).
--
-- Clocks may be compact: the key "*" is the clock of every field the map does not name (a
-- record's fields mostly share the clock of its insert; a full map made every record ~1 KB
-- of repeated clock text). A map without "*" names every field, as step 1 stored them.

-- The session's staging table, made by the schema's owner (so the merge, which runs as the
-- owner, may read it) and opened to the calling rep for INSERT only (COPY). Emptied at every
-- commit: a push killed half-way leaves nothing behind.
CREATE FUNCTION kam.stage_open() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF to_regclass('pg_temp.kam_stage') IS NULL THEN
        CREATE TEMP TABLE kam_stage (e text, u text, a text, v jsonb, c jsonb)
            ON COMMIT DELETE ROWS;
        EXECUTE format('GRANT INSERT ON pg_temp.kam_stage TO %I', session_user);
    END IF;
END $$;

-- Merges what the caller staged (tombstones first, as step 1's push), in the caller's
-- transaction; `upto` moves the replica's push cursor (0: a part of a longer push).
CREATE FUNCTION kam.push_staged(replica_id text, tombs jsonb, upto bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
               seq = nextval('kam.change_seq')
          FROM agg a
         WHERE r.uid = a.u AND a.tv IS NOT NULL
        RETURNING 1)
    SELECT (SELECT count(*) FROM upd), (SELECT coalesce(sum(lost), 0) FROM agg)
      INTO n_changed, n_lost;

    -- Records new to the server.
    INSERT INTO kam.records (uid, entity, account_uid, vals, clocks, seq)
        SELECT u, e, a, v, c, nextval('kam.change_seq') FROM pg_temp.kam_stage s
         WHERE NOT EXISTS (SELECT 1 FROM kam.records r WHERE r.uid = s.u)
        ON CONFLICT (uid) DO NOTHING;
    GET DIAGNOSTICS n_new = ROW_COUNT;

    DELETE FROM pg_temp.kam_stage;
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

-- Step 1's push, for a kam that sends its records as one JSON argument: staged, then merged
-- the same way.
CREATE OR REPLACE FUNCTION kam.push(replica_id text, ops jsonb, tombs jsonb, upto bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kam.stage_open();
    INSERT INTO pg_temp.kam_stage
        SELECT x.e, x.u, x.a, x.v, x.c
          FROM jsonb_to_recordset(ops) AS x(e text, u text, a text, v jsonb, c jsonb);
    RETURN kam.push_staged(replica_id, tombs, upto);
END $$;

-- The team's settings (one record, entity 'settings', of no account) are read by everyone.
ALTER POLICY records_seen ON kam.records
    USING (kam.may_see(account_uid) OR entity = 'settings');

-- A forget started on the server by a manager (`kam team forget CODE`): the account with
-- that code erased as a laptop's forget would erase it, reaching every laptop at its next
-- pull. Its id when found; none when the server has no such account.
CREATE FUNCTION kam.forget_account(account_code text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    found_uids text[];
BEGIN
    IF NOT kam.is_manager() THEN
        RAISE EXCEPTION 'kam: only a manager erases from the team server';
    END IF;
    PERFORM pg_advisory_xact_lock(20201);
    SELECT array_agg(uid) INTO found_uids FROM kam.records
     WHERE entity = 'accounts' AND vals->>'code' = account_code;
    IF found_uids IS NULL THEN
        RETURN NULL;
    END IF;
    IF cardinality(found_uids) > 1 THEN
        RAISE EXCEPTION 'kam: two accounts on the server have code %; forget it on a laptop', account_code;
    END IF;
    PERFORM kam.forget_record('accounts', found_uids[1]);
    RETURN found_uids[1];
END $$;
REVOKE ALL ON FUNCTION kam.forget_account(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kam.forget_account(text) TO kam_team;

REVOKE ALL ON FUNCTION kam.stage_open(), kam.push_staged(text, jsonb, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kam.stage_open(), kam.push_staged(text, jsonb, bigint) TO kam_team;
