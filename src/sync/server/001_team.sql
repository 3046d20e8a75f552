-- The team's book on PostgreSQL, step 1 (kam team init applies the steps in order, each
-- in its own transaction with its number in kam.migrations; a step is only ever added).
-- One row per record with a value and a clock per field (team-sync.md §6.3: one row per
-- field was ~40 M rows at 100,000 accounts). `seq` is the change number pulls read after:
-- a push, a reassignment and a forget take one advisory lock, so change numbers commit in
-- order and a puller never skips one that commits late.

CREATE TABLE kam.reps (
    name text PRIMARY KEY,
    manager boolean NOT NULL DEFAULT false,
    added_at timestamptz NOT NULL DEFAULT now()
);

-- One laptop file; bound to one rep: a push from another login is refused.
CREATE TABLE kam.replicas (
    replica text PRIMARY KEY,
    rep text NOT NULL REFERENCES kam.reps(name),
    number serial UNIQUE,
    kam_schema integer NOT NULL,
    pushed_hlc bigint NOT NULL DEFAULT 0,
    last_push timestamptz,
    last_pull timestamptz
);

CREATE SEQUENCE kam.change_seq;

-- The records: vals and clocks are JSON objects keyed by column; account_uid says whose.
CREATE TABLE kam.records (
    uid text PRIMARY KEY,
    entity text NOT NULL,
    account_uid text NOT NULL,
    vals jsonb NOT NULL,
    clocks jsonb NOT NULL,
    seq bigint NOT NULL
);
CREATE INDEX records_seq ON kam.records(seq);
CREATE INDEX records_account ON kam.records(account_uid);

-- Who holds an account (the manager sees all).
CREATE TABLE kam.account_access (
    account_uid text PRIMARY KEY,
    rep text NOT NULL REFERENCES kam.reps(name)
);

-- Erased records, by id only; pushes touching them are refused from then on.
CREATE TABLE kam.forgotten (
    uid text PRIMARY KEY,
    entity text NOT NULL,
    seq bigint NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);

-- Accounts taken from a rep: their laptop drops them on the next pull.
CREATE TABLE kam.revoked (
    seq bigint PRIMARY KEY,
    rep text NOT NULL,
    account_uid text NOT NULL
);

-- Pushes refused, kept for the manager to review (nothing is lost silently). A refusal for
-- a forgotten record keeps no values: they are what was erased.
CREATE TABLE kam.rejected (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    rep text NOT NULL,
    replica text NOT NULL,
    entity text,
    uid text,
    reason text NOT NULL,
    vals jsonb
);

-- The oldest kam schema (of the laptop's book) the server takes: set by `kam team init` to
-- the step that made the store an outbox (store/migrations.rs SYNC_VERSION).
CREATE TABLE kam.server_info (
    id integer PRIMARY KEY CHECK (id = 0),
    min_kam_schema integer NOT NULL
);
INSERT INTO kam.server_info VALUES (0, 0);

CREATE FUNCTION kam.is_manager() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT manager FROM kam.reps WHERE name = session_user), false)
$$;

CREATE FUNCTION kam.may_see(account text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT kam.is_manager() OR EXISTS (
        SELECT 1 FROM kam.account_access WHERE account_uid = account AND rep = session_user)
$$;

-- Visibility by row-level security: a rep reads their own accounts' records, the manager all.
ALTER TABLE kam.records ENABLE ROW LEVEL SECURITY;
CREATE POLICY records_seen ON kam.records FOR SELECT USING (kam.may_see(account_uid));
ALTER TABLE kam.revoked ENABLE ROW LEVEL SECURITY;
CREATE POLICY revoked_own ON kam.revoked FOR SELECT USING (rep = session_user);
ALTER TABLE kam.replicas ENABLE ROW LEVEL SECURITY;
CREATE POLICY replicas_seen ON kam.replicas FOR SELECT
    USING (rep = session_user OR kam.is_manager());
ALTER TABLE kam.account_access ENABLE ROW LEVEL SECURITY;
CREATE POLICY access_seen ON kam.account_access FOR SELECT
    USING (rep = session_user OR kam.is_manager());
ALTER TABLE kam.rejected ENABLE ROW LEVEL SECURITY;
CREATE POLICY rejected_seen ON kam.rejected FOR SELECT
    USING (rep = session_user OR kam.is_manager());

-- A laptop file joins as a replica of the calling rep; its number makes its account codes'
-- prefix.
CREATE FUNCTION kam.join_replica(replica_id text, schema_version integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bound text;
    n integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM kam.reps WHERE name = session_user) THEN
        RAISE EXCEPTION 'kam: % is not a rep of this team', session_user;
    END IF;
    IF schema_version < (SELECT min_kam_schema FROM kam.server_info) THEN
        RAISE EXCEPTION 'kam: this kam is too old for the team server; upgrade kam';
    END IF;
    SELECT rep, number INTO bound, n FROM kam.replicas WHERE replica = replica_id;
    IF FOUND THEN
        IF bound <> session_user THEN
            RAISE EXCEPTION 'kam: this book belongs to rep %', bound;
        END IF;
        UPDATE kam.replicas SET kam_schema = schema_version WHERE replica = replica_id;
        RETURN n;
    END IF;
    INSERT INTO kam.replicas (replica, rep, kam_schema) VALUES (replica_id, session_user, schema_version)
        RETURNING number INTO n;
    RETURN n;
END $$;

-- A record erased: every row of it (an account: with everything in it) goes, and its id is
-- kept so that nothing brings it back. Refusals holding its values go too.
CREATE FUNCTION kam.forget_record(f_entity text, f_uid text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO kam.forgotten (uid, entity, seq) VALUES (f_uid, f_entity, nextval('kam.change_seq'))
        ON CONFLICT (uid) DO NOTHING;
    IF f_entity = 'accounts' THEN
        DELETE FROM kam.records r WHERE r.account_uid = f_uid OR r.uid = f_uid;
        DELETE FROM kam.account_access a WHERE a.account_uid = f_uid;
        DELETE FROM kam.rejected j WHERE j.uid = f_uid OR j.vals->>'account_id' = f_uid;
    ELSE
        DELETE FROM kam.records r WHERE r.uid = f_uid;
        DELETE FROM kam.rejected j WHERE j.uid = f_uid;
    END IF;
END $$;

-- A push: tombstones, then records (accounts first), merged per field: a field is taken when
-- its clock is newer than the stored one. Sending the same push twice changes nothing.
CREATE FUNCTION kam.push(replica_id text, ops jsonb, tombs jsonb, upto bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me text := session_user;
    mgr boolean := kam.is_manager();
    t record;
    o record;
    cur record;
    k text;
    c text;
    new_vals jsonb;
    new_clocks jsonb;
    changed boolean;
    n_new integer := 0;
    n_changed integer := 0;
    n_lost integer := 0;
    n_rejected integer := 0;
    n_forgotten integer := 0;
    prev_pushed bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(20201);
    SELECT pushed_hlc INTO prev_pushed FROM kam.replicas WHERE replica = replica_id AND rep = me;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kam: this book is not a replica of rep %', me;
    END IF;
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
    FOR o IN SELECT * FROM jsonb_to_recordset(ops) AS x(e text, u text, a text, v jsonb, c jsonb)
             ORDER BY (x.e <> 'accounts') LOOP
        IF EXISTS (SELECT 1 FROM kam.forgotten WHERE uid = o.u OR uid = o.a) THEN
            INSERT INTO kam.rejected (rep, replica, entity, uid, reason)
                VALUES (me, replica_id, o.e, o.u, 'forgotten');
            n_rejected := n_rejected + 1;
            CONTINUE;
        END IF;
        IF o.e = 'accounts' AND NOT EXISTS (SELECT 1 FROM kam.account_access WHERE account_uid = o.u) THEN
            INSERT INTO kam.account_access VALUES (o.u, me);
        ELSIF NOT (mgr OR EXISTS (SELECT 1 FROM kam.account_access WHERE account_uid = o.a AND rep = me)) THEN
            INSERT INTO kam.rejected (rep, replica, entity, uid, reason, vals)
                VALUES (me, replica_id, o.e, o.u, 'account not yours', o.v);
            n_rejected := n_rejected + 1;
            CONTINUE;
        END IF;
        SELECT vals, clocks INTO cur FROM kam.records WHERE uid = o.u FOR UPDATE;
        IF NOT FOUND THEN
            INSERT INTO kam.records VALUES (o.u, o.e, o.a, o.v, o.c, nextval('kam.change_seq'));
            n_new := n_new + 1;
            CONTINUE;
        END IF;
        new_vals := cur.vals;
        new_clocks := cur.clocks;
        changed := false;
        FOR k, c IN SELECT key, value #>> '{}' FROM jsonb_each(o.c) LOOP
            IF c > coalesce(cur.clocks->>k, '') THEN
                new_vals := new_vals || jsonb_build_object(k, o.v->k);
                new_clocks := new_clocks || jsonb_build_object(k, c);
                changed := true;
            ELSIF c < cur.clocks->>k AND (o.v->k) IS DISTINCT FROM (cur.vals->k)
                  AND k <> 'updated_at' AND substr(c, 22) = replica_id
                  AND split_part(c, '-', 1)::bigint > prev_pushed THEN
                -- This laptop's own change since its last push lost to a newer one.
                n_lost := n_lost + 1;
            END IF;
        END LOOP;
        IF changed THEN
            UPDATE kam.records
               SET vals = new_vals, clocks = new_clocks,
                   account_uid = CASE WHEN o.e = 'accounts' THEN o.u
                                      ELSE coalesce(new_vals->>'account_id', account_uid) END,
                   seq = nextval('kam.change_seq')
             WHERE uid = o.u;
            n_changed := n_changed + 1;
        END IF;
    END LOOP;
    UPDATE kam.replicas SET pushed_hlc = greatest(pushed_hlc, upto), last_push = now()
     WHERE replica = replica_id;
    RETURN jsonb_build_object('new', n_new, 'changed', n_changed, 'lost', n_lost,
                              'rejected', n_rejected, 'forgotten', n_forgotten);
END $$;

CREATE FUNCTION kam.pulled(replica_id text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    UPDATE kam.replicas SET last_pull = now() WHERE replica = replica_id AND rep = session_user
$$;

-- The manager gives an account to a rep: the new rep receives its records (their change
-- numbers move past every cursor), the old rep's laptop drops it.
CREATE FUNCTION kam.assign(account text, to_rep text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    old text;
BEGIN
    IF NOT kam.is_manager() THEN
        RAISE EXCEPTION 'kam: only the manager assigns accounts';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM kam.reps WHERE name = to_rep) THEN
        RAISE EXCEPTION 'kam: there is no rep %', to_rep;
    END IF;
    PERFORM pg_advisory_xact_lock(20201);
    SELECT rep INTO old FROM kam.account_access WHERE account_uid = account FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'kam: the server does not have this account yet; run kam sync first';
    END IF;
    IF old = to_rep THEN
        RETURN;
    END IF;
    UPDATE kam.account_access SET rep = to_rep WHERE account_uid = account;
    UPDATE kam.records SET seq = nextval('kam.change_seq') WHERE account_uid = account;
    -- A manager keeps every account.
    IF NOT (SELECT manager FROM kam.reps WHERE name = old) THEN
        INSERT INTO kam.revoked VALUES (nextval('kam.change_seq'), old, account);
    END IF;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA kam FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA kam FROM PUBLIC;
GRANT USAGE ON SCHEMA kam TO kam_team;
GRANT SELECT ON kam.records, kam.forgotten, kam.revoked, kam.reps, kam.replicas, kam.rejected,
    kam.account_access TO kam_team;
GRANT EXECUTE ON FUNCTION kam.is_manager(), kam.may_see(text), kam.join_replica(text, integer),
    kam.push(text, jsonb, jsonb, bigint), kam.pulled(text), kam.assign(text, text)
    TO kam_team;
