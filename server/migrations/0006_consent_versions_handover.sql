-- 0006 what issue 4's server needs beyond 0005:
--   consents.text_version   the version of common/consent.hpp's text that was shown and signed
--                           (the text itself and its SHA-256 are in 0005's columns).
--   handover_codes          the one-time code a nurse's tablet shows a family member at a home
--                           visit (short, typed by hand, one hour). Only its keyed hash is kept
--                           (HMAC under the server's secret key: a copy of the database cannot be
--                           searched for codes); redeeming it gives the person a fresh invitation
--                           link to their family account.
ALTER TABLE consents ADD COLUMN text_version text NOT NULL DEFAULT '';

CREATE TABLE handover_codes (
    code_hash  bytea PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    created_by bigint REFERENCES accounts ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX handover_codes_account ON handover_codes (account_id);
