-- 0010 read cache notifications (issue 5, services/read_cache.hpp): every change to what a
-- timeline page, a patient's permission facts or a signed-in session is read from announces
-- itself on the channel 'mimamori_cache', delivered at commit to every server process:
--   p<patient id>   the patient's memos (versions, receipts, acknowledgements, mentions, files),
--                   the patient, its care team, the team's members, its consents
--   s<hex SHA-256>  a session ended or changed (its token's hash, as the sessions table keys it)
--   *               accounts, affiliations or facilities changed: everything
-- Whoever writes -- a server process, a tool, psql -- so no process keeps what another changed.
-- pg_notify drops duplicates within a transaction: a bulk insert sends one per patient.

-- The patient a row of the trigger's table concerns: the column TG_ARGV[0] names it, or for
-- 'memo_id' / 'team_id' / 'file_id' the memo, team or file that row belongs to.
CREATE FUNCTION mimamori_cache_row_patient(how text, rec jsonb) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF how = 'memo_id' THEN
        RETURN (SELECT m.patient_id FROM memos m WHERE m.id = (rec ->> 'memo_id')::bigint);
    ELSIF how = 'team_id' THEN
        RETURN (SELECT t.patient_id FROM care_teams t WHERE t.id = (rec ->> 'team_id')::bigint);
    ELSIF how = 'file_id' THEN
        RETURN (SELECT f.patient_id FROM files f WHERE f.id = (rec ->> 'file_id')::bigint);
    END IF;
    RETURN (rec ->> how)::bigint;
END $$;

CREATE FUNCTION mimamori_cache_patient() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        p := mimamori_cache_row_patient(TG_ARGV[0], to_jsonb(OLD));
        IF p IS NOT NULL THEN PERFORM pg_notify('mimamori_cache', 'p' || p); END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        p := mimamori_cache_row_patient(TG_ARGV[0], to_jsonb(NEW));
        IF p IS NOT NULL THEN PERFORM pg_notify('mimamori_cache', 'p' || p); END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION mimamori_cache_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mimamori_cache', '*');
    RETURN NULL;
END $$;

CREATE FUNCTION mimamori_cache_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mimamori_cache', 's' || encode(OLD.token_hash, 'hex'));
    RETURN NULL;
END $$;

-- Each table whose rows concern one patient, and how its rows name the patient.
DO $$
DECLARE
    t text[];
BEGIN
    FOREACH t SLICE 1 IN ARRAY ARRAY[
        ['memos', 'patient_id'], ['memo_versions', 'memo_id'], ['memo_reads', 'memo_id'],
        ['memo_acknowledgements', 'memo_id'], ['memo_mentions', 'memo_id'], ['files', 'patient_id'],
        ['file_previews', 'file_id'], ['patients', 'id'], ['care_teams', 'patient_id'],
        ['team_members', 'team_id'], ['consents', 'patient_id']] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'FOR EACH ROW EXECUTE FUNCTION mimamori_cache_patient(%L)', t[1] || '_cache', t[1], t[2]);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT '
                       'EXECUTE FUNCTION mimamori_cache_everything()', t[1] || '_cache_truncate', t[1]);
    END LOOP;
END $$;

CREATE TRIGGER accounts_cache AFTER UPDATE OR DELETE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION mimamori_cache_everything();
CREATE TRIGGER affiliations_cache AFTER INSERT OR UPDATE OR DELETE ON affiliations
    FOR EACH STATEMENT EXECUTE FUNCTION mimamori_cache_everything();
CREATE TRIGGER facilities_cache AFTER UPDATE OR DELETE ON facilities
    FOR EACH STATEMENT EXECUTE FUNCTION mimamori_cache_everything();

-- A session that ends or changes -- its last_seen_at too (written at most once a minute), so that
-- a cached session is read again and its idle time judged on the row.
CREATE TRIGGER sessions_cache AFTER UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION mimamori_cache_session();

-- Emptied wholesale (tests, restores): everything.
CREATE TRIGGER accounts_cache_truncate AFTER TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION mimamori_cache_everything();
CREATE TRIGGER sessions_cache_truncate AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION mimamori_cache_everything();
