-- 0002 accounts: facilities and their contracts, staff and family accounts, affiliations, sign-in
-- (sessions, throttling, two-factor, recovery codes), invitations, mail, and the append-only,
-- hash-chained access log (DESIGN.md §3, §7; issue 3).

-- A facility of the region (事業所) and its contract (seed fee table, R7.2).
CREATE TABLE facilities (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type               text NOT NULL,            -- common/vocabulary.hpp facility type code
    name               text NOT NULL,
    name_kana          text NOT NULL,            -- katakana (validate::kana)
    postal_code        text NOT NULL DEFAULT '',
    address            text NOT NULL DEFAULT '',
    phone              text NOT NULL DEFAULT '',
    plan               text NOT NULL CHECK (plan IN ('network_and_sns', 'network_only', 'sns_only')),
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    require_two_factor boolean NOT NULL DEFAULT false,
    contract_start     date NOT NULL DEFAULT CURRENT_DATE,  -- the fee report counts months from here
    contract_end       date,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX facilities_name_kana ON facilities (name_kana);

-- Staff and patient/family accounts share one id space: the family-space protocol binds account
-- ids into its signatures, so an id must never name two people.
CREATE TABLE accounts (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text NOT NULL CHECK (kind IN ('staff', 'family')),
    login                text NOT NULL UNIQUE,   -- validate::login_id (lower case)
    name                 text NOT NULL,
    name_kana            text NOT NULL,
    email                text NOT NULL,
    profession           text,                   -- staff: common/vocabulary.hpp profession code
    secretariat_role     text CHECK (secretariat_role IN ('secretariat_admin', 'secretariat_user')),
    family_patient_id    bigint,                 -- family: the patient (foreign key with issue 4)
    status               text NOT NULL DEFAULT 'invited'
                         CHECK (status IN ('invited', 'active', 'locked', 'left')),
    password_hash        text,                   -- crypto_pwhash_str (Argon2id); NULL until set
    must_change_password boolean NOT NULL DEFAULT false,
    -- Two-factor (RFC 6238). Secrets are sealed with the server's secret key (secretbox), never
    -- stored in the clear; the pending one waits for the first code during enrolment.
    totp_secret          bytea,
    totp_pending_secret  bytea,
    totp_last_step       bigint,                 -- a code's time step is accepted once
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'staff') = (profession IS NOT NULL)),
    CHECK (kind = 'staff' OR secretariat_role IS NULL),
    CHECK (kind = 'family' OR family_patient_id IS NULL)
);

-- One-time recovery codes for a lost authenticator: HMAC-SHA-256 under the server's secret key
-- (the codes carry enough entropy that a keyed hash suffices; Argon2id per code would make a
-- sign-in with a recovery code take seconds).
CREATE TABLE recovery_codes (
    account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    code_hash  bytea NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (account_id, code_hash)
);

-- A staff member's membership of a facility; `manager` makes them its 代表スタッフ. 所属解除 sets
-- ended_at (the row stays as history until the facility itself is deleted).
CREATE TABLE affiliations (
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    facility_id bigint NOT NULL REFERENCES facilities ON DELETE RESTRICT,
    manager     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    ended_at    timestamptz,
    PRIMARY KEY (account_id, facility_id)
);
CREATE INDEX affiliations_facility ON affiliations (facility_id) WHERE ended_at IS NULL;

-- Signed-in sessions. Only the SHA-256 of the cookie's token is kept, so a copy of the database
-- cannot be used to take over a session.
CREATE TABLE sessions (
    token_hash      bytea PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    csrf_token      text NOT NULL,
    kiosk           boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),  -- idle timeout; refreshed at most once a minute
    expires_at      timestamptz NOT NULL,                -- absolute end
    client_address  text NOT NULL,
    user_agent      text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Sign-in throttling. Per login string as typed (whether or not such an account exists, so the
-- answers never tell), consecutive failures and a temporary lock:
CREATE TABLE login_throttle (
    login        text PRIMARY KEY,
    failures     integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
-- ... and per client address, failures only (successful sign-ins from a nursing home's shared
-- line are never limited).
CREATE TABLE address_failures (
    client_address text NOT NULL,
    at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX address_failures_address_at ON address_failures (client_address, at);

-- One-time, expiring links to set a password (staff, representatives, family accounts). Only the
-- token's SHA-256 is kept.
CREATE TABLE invitations (
    token_hash  bytea PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    facility_id bigint REFERENCES facilities ON DELETE CASCADE,
    purpose     text NOT NULL CHECK (purpose IN ('representative', 'staff', 'family')),
    created_by  bigint REFERENCES accounts ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz                      -- a re-send (再依頼) voids the earlier link
);
CREATE INDEX invitations_account ON invitations (account_id);

-- Mail to send over SMTP, or kept in the development outbox ('kept') when no SMTP host is set.
-- After SMTP delivery the body is replaced by a copy without links, so no one-time link stays
-- readable in the database.
CREATE TABLE mail_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address text NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    status     text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'kept')),
    attempts   integer NOT NULL DEFAULT 0,
    last_error text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX mail_outbox_queued ON mail_outbox (id) WHERE status = 'queued';

-- The access log (MHLW guideline): every sign-in attempt and every read or write of master or
-- patient data. Tamper-evident: hash = SHA-256(previous hash || canonical(entry)) as defined in
-- common/audit_chain.hpp; ids are given by the appender under the chain's lock (audit_head), so
-- they increase in chain order. `detail` is the exact JSON text that was hashed (text, not
-- jsonb, which would re-spell it).
CREATE TABLE audit_log (
    id               bigint PRIMARY KEY,
    at               timestamptz NOT NULL,
    actor_account_id bigint,
    actor_login      text NOT NULL DEFAULT '',
    action           text NOT NULL,
    target_type      text NOT NULL DEFAULT '',
    target_id        text NOT NULL DEFAULT '',
    patient_id       bigint,
    client_address   text NOT NULL DEFAULT '',
    result           text NOT NULL,
    detail           text NOT NULL DEFAULT '{}',
    hash             bytea NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_account_id, id);
CREATE INDEX audit_log_patient ON audit_log (patient_id, id) WHERE patient_id IS NOT NULL;

-- The chain's head: one row, locked by each append (FOR UPDATE), so appends from several server
-- processes form one chain.
CREATE TABLE audit_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_id   bigint NOT NULL,
    last_hash bytea NOT NULL
);

-- Append-only: no role may change or remove an entry through SQL (a superuser could only do it by
-- disabling the trigger, which tools/verify-audit then exposes).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
