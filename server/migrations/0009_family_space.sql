-- 0009 the family space, end to end encrypted (issue 6; DESIGN.md §5). The server stores and
-- relays what it cannot read: public keys, secret keys only wrapped under a key the browser
-- derives from the member's password (or recovery code), epoch keys only sealed to members'
-- public keys, and memos only as ciphertext with their signature. The format of each value is
-- specified in common/include/mimamori/common/family_crypto/. The space of a patient is named by
-- the patient's id (space_id = patients.id): one family space per patient.

-- A member's public keys. One current set per account (retired_at NULL); a set replaced after a
-- lost password and recovery code stays as history, so that memos signed with it still verify.
CREATE TABLE family_member_keys (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    box_public_key  bytea NOT NULL CHECK (length(box_public_key) = 32),  -- X25519
    sign_public_key bytea NOT NULL CHECK (length(sign_public_key) = 32), -- Ed25519
    created_at      timestamptz NOT NULL DEFAULT now(),
    retired_at      timestamptz
);
CREATE UNIQUE INDEX family_member_keys_current ON family_member_keys (account_id) WHERE retired_at IS NULL;

-- The member's 32-byte seed wrapped (XChaCha20-Poly1305) under Argon2id(password or recovery
-- code, salt, opslimit, memlimit): the parameters are recorded with the wrap. Only wraps of the
-- current key set are kept.
CREATE TABLE family_key_wraps (
    key_id     bigint NOT NULL REFERENCES family_member_keys ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('password', 'recovery')),
    kdf_alg    text NOT NULL DEFAULT 'argon2id13' CHECK (kdf_alg = 'argon2id13'),
    opslimit   bigint NOT NULL CHECK (opslimit > 0),
    memlimit   bigint NOT NULL CHECK (memlimit > 0),
    salt       bytea NOT NULL CHECK (length(salt) = 16),
    nonce      bytea NOT NULL CHECK (length(nonce) = 24),
    ciphertext bytea NOT NULL CHECK (length(ciphertext) = 48),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key_id, purpose)
);

-- The epochs of a space's key: a new one whenever a member is removed or leaves (the server
-- sees that a holder of the current epoch is no longer a member and refuses memos until a
-- remaining member has started the next epoch).
CREATE TABLE family_space_epochs (
    patient_id bigint NOT NULL REFERENCES patients ON DELETE RESTRICT,
    epoch      integer NOT NULL CHECK (epoch > 0),
    created_by bigint REFERENCES accounts ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (patient_id, epoch)
);

-- An epoch key sealed (crypto_box_seal) to one member's X25519 key set, signed by the sealer.
-- When a member replaces lost keys, the grants to the old set stay (nobody can open them, but
-- they still say that the account held the epoch: its leaving still requires a new epoch) and
-- another member re-shares the epochs to the new set.
CREATE TABLE family_epoch_grants (
    patient_id           bigint NOT NULL,
    epoch                integer NOT NULL,
    recipient_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    recipient_key_id     bigint NOT NULL REFERENCES family_member_keys ON DELETE CASCADE,
    sealer_account_id    bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    sealed_key           bytea NOT NULL CHECK (length(sealed_key) = 148),
    signature            bytea NOT NULL CHECK (length(signature) = 64),
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (patient_id, epoch, recipient_key_id),
    FOREIGN KEY (patient_id, epoch) REFERENCES family_space_epochs ON DELETE CASCADE
);
CREATE INDEX family_epoch_grants_recipient ON family_epoch_grants (recipient_account_id);

-- A family memo: ciphertext under the epoch key, the fields of its associated data in the clear
-- (the server needs them to file and order it, and the reader's app authenticates them), and the
-- author's Ed25519 signature, checked at arrival against author_key_id's key.
CREATE TABLE family_memos (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- the order of arrival
    patient_id        bigint NOT NULL,
    memo_id           text NOT NULL CHECK (memo_id ~ '^[A-Za-z0-9_-]{1,64}$'), -- the client's id
    epoch             integer NOT NULL,
    author_account_id bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    author_key_id     bigint NOT NULL REFERENCES family_member_keys ON DELETE RESTRICT,
    time_ms           bigint NOT NULL,
    nonce             bytea NOT NULL CHECK (length(nonce) = 24),
    ciphertext        bytea NOT NULL CHECK (length(ciphertext) >= 16),
    signature         bytea NOT NULL CHECK (length(signature) = 64),
    received_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (patient_id, memo_id),
    FOREIGN KEY (patient_id, epoch) REFERENCES family_space_epochs ON DELETE RESTRICT
);
CREATE INDEX family_memos_space ON family_memos (patient_id, id DESC);

-- One-tap reactions (見ました, ありがとう). The kind is not memo content: in the clear, like
-- who wrote when.
CREATE TABLE family_memo_reactions (
    memo_row_id bigint NOT NULL REFERENCES family_memos ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('seen', 'thanks')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (memo_row_id, account_id, kind)
);

-- "I compared this member's safety code face to face": the fingerprint seen, signed by the
-- verifier's Ed25519 key, so that a changed key shows in the verifier's app.
CREATE TABLE family_key_verifications (
    verifier_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    subject_account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    fingerprint         bytea NOT NULL CHECK (length(fingerprint) = 32),
    verified_at_ms      bigint NOT NULL,
    signature           bytea NOT NULL CHECK (length(signature) = 64),
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (verifier_account_id, subject_account_id),
    CHECK (verifier_account_id <> subject_account_id)
);
