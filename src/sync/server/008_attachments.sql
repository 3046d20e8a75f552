-- Step 8 (issue 22): attachments travel. A file is listed in kam.attachments and its bytes
-- are rows of kam.attachment_chunks, 1 MiB each (sync/attachments.rs says why), sent one
-- statement per chunk: a 20 MB scan is never one JSON value, one parameter or one row.
-- A file is pulled only once complete. Row-level security shows a rep the files of the
-- accounts they may see; a forget (kam.forgotten) takes the files of the account, person or
-- visit with it; a reassignment shows them to the new rep.

CREATE TABLE kam.attachments (
    uid text PRIMARY KEY,
    account_uid text NOT NULL,
    contact_uid text,
    visit_uid text,
    name text NOT NULL,
    mime text NOT NULL,
    size bigint NOT NULL,
    added_at text NOT NULL,
    added_by text NOT NULL,
    deleted_at text,
    chunks integer NOT NULL,
    complete boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL
);
CREATE INDEX attachments_seq ON kam.attachments(seq);
CREATE INDEX attachments_account ON kam.attachments(account_uid);

CREATE TABLE kam.attachment_chunks (
    uid text NOT NULL REFERENCES kam.attachments(uid) ON DELETE CASCADE,
    n integer NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (uid, n)
);
-- Photos, PDFs and scans are compressed already: stored as they are.
ALTER TABLE kam.attachment_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

ALTER TABLE kam.attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachments_seen ON kam.attachments FOR SELECT USING (kam.may_see(account_uid));
ALTER TABLE kam.attachment_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY chunks_seen ON kam.attachment_chunks FOR SELECT
    USING (EXISTS (SELECT 1 FROM kam.attachments a WHERE a.uid = attachment_chunks.uid
                     AND kam.may_see(a.account_uid)));

-- A file's listing: new, or its trash state changed; its bytes follow by put_chunk. False
-- when it is refused (its account, person or visit forgotten, or the account another rep's:
-- the record push refuses those records the same way, and the account leaves that laptop).
CREATE FUNCTION kam.put_attachment(a_uid text, a_account text, a_contact text, a_visit text,
    a_name text, a_mime text, a_size bigint, a_added_at text, a_added_by text,
    a_deleted_at text, a_chunks integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM kam.forgotten f
                WHERE f.uid IN (a_uid, a_account, a_contact, a_visit)) THEN
        RETURN false;
    END IF;
    IF NOT (kam.is_manager() OR EXISTS (SELECT 1 FROM kam.account_access
                WHERE account_uid = a_account AND rep = session_user)) THEN
        RETURN false;
    END IF;
    INSERT INTO kam.attachments (uid, account_uid, contact_uid, visit_uid, name, mime, size,
                                 added_at, added_by, deleted_at, chunks, seq)
        VALUES (a_uid, a_account, a_contact, a_visit, a_name, a_mime, a_size, a_added_at,
                a_added_by, a_deleted_at, a_chunks, nextval('kam.change_seq'))
        ON CONFLICT (uid) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
            seq = CASE WHEN kam.attachments.deleted_at IS DISTINCT FROM EXCLUDED.deleted_at
                       THEN nextval('kam.change_seq') ELSE kam.attachments.seq END;
    RETURN true;
END $$;

-- One chunk of a file listed; the last one makes it complete (and pulled from then on).
CREATE FUNCTION kam.put_chunk(a_uid text, a_n integer, a_bytes bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    want integer;
BEGIN
    SELECT chunks INTO want FROM kam.attachments WHERE uid = a_uid;
    IF NOT FOUND THEN
        RETURN; -- forgotten meanwhile
    END IF;
    INSERT INTO kam.attachment_chunks VALUES (a_uid, a_n, a_bytes) ON CONFLICT DO NOTHING;
    IF (SELECT count(*) FROM kam.attachment_chunks WHERE uid = a_uid) = want THEN
        UPDATE kam.attachments SET complete = true, seq = nextval('kam.change_seq')
         WHERE uid = a_uid AND NOT complete;
    END IF;
END $$;

-- Whatever is forgotten takes its files along: an account's, a person's, a visit's.
CREATE FUNCTION kam.forget_attachments() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM kam.attachments a
     WHERE a.uid = NEW.uid OR a.account_uid = NEW.uid OR a.contact_uid = NEW.uid
        OR a.visit_uid = NEW.uid;
    RETURN NEW;
END $$;
CREATE TRIGGER forgotten_attachments AFTER INSERT ON kam.forgotten
    FOR EACH ROW EXECUTE FUNCTION kam.forget_attachments();

-- An account given to another rep: its files are news to them.
CREATE FUNCTION kam.reassigned_attachments() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.rep IS DISTINCT FROM OLD.rep THEN
        UPDATE kam.attachments SET seq = nextval('kam.change_seq')
         WHERE account_uid = NEW.account_uid;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER access_attachments AFTER UPDATE ON kam.account_access
    FOR EACH ROW EXECUTE FUNCTION kam.reassigned_attachments();

REVOKE ALL ON kam.attachments, kam.attachment_chunks FROM PUBLIC;
REVOKE ALL ON FUNCTION kam.put_attachment(text, text, text, text, text, text, bigint, text,
    text, text, integer), kam.put_chunk(text, integer, bytea), kam.forget_attachments(),
    kam.reassigned_attachments() FROM PUBLIC;
GRANT SELECT ON kam.attachments, kam.attachment_chunks TO kam_team;
GRANT EXECUTE ON FUNCTION kam.put_attachment(text, text, text, text, text, text, bigint, text,
    text, text, integer), kam.put_chunk(text, integer, bytea) TO kam_team;
