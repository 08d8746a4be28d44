-- 0001 foundation: the record of applied migrations, the answers kept for Idempotency-Key
-- replays, and the errors the browser app reports.

CREATE TABLE schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,                 -- SHA-256 (hex) of the migration text as applied
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- One row per (principal, key): claimed ('in_flight') in its own short transaction before the
-- request runs, completed ('done', with the answer) in the request's own transaction, so the
-- answer is stored if and only if the request's writes are.
CREATE TABLE idempotency_keys (
    principal   text NOT NULL,                -- whose key: '' before sign-in; later the account
    key         text NOT NULL,
    fingerprint text NOT NULL,                -- SHA-256 (hex) of method, target and body
    claim       text NOT NULL,                -- random token of the request holding the key
    state       text NOT NULL CHECK (state IN ('in_flight', 'done')),
    status      integer,
    headers     jsonb,
    body        bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- JavaScript and WebAssembly failures reported by the browser app (POST /api/v1/client-errors).
CREATE TABLE client_errors (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message     text NOT NULL,
    location    text NOT NULL,                -- the request's "where": a screen, route or source
    user_agent  text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
