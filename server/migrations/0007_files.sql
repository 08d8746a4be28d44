-- 0007 files (issue 7; DESIGN.md §2.2, §4 storage, §5): shared files stored in PostgreSQL itself,
-- so one backup and one replication path cover files and data.
--
-- Contents are rows of about 256 KiB (file_chunks) rather than large objects: a file is deleted
-- with its row (ON DELETE CASCADE, no orphaned large objects to vacuum), pg_dump writes them
-- as table data (not one archive entry per object, which makes dumps of many files slow and
-- memory-hungry), each row carries its own digest, and a range request reads only the rows it
-- needs. Rows are committed as they arrive, so an upload cut off keeps what it sent.

CREATE TABLE files (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- professional: a team's file, sniffed and typed; family: an opaque blob encrypted in the
    -- browser (DESIGN.md §5), whose name and type only the family space can read; preview: a PDF
    -- made from the Office file `derived_from` (with the same owner), gone with it.
    kind                text NOT NULL CHECK (kind IN ('professional', 'family', 'preview')),
    -- What the file belongs to: the patient until it is attached to a memo, family memo or theme.
    owner_kind          text NOT NULL CHECK (owner_kind IN ('patient', 'memo', 'family_memo', 'theme')),
    owner_id            bigint NOT NULL,
    derived_from        bigint REFERENCES files ON DELETE CASCADE,
    patient_id          bigint REFERENCES patients ON DELETE RESTRICT, -- whose record it is (NULL: a theme's)
    uploaded_by         bigint REFERENCES accounts ON DELETE SET NULL,
    file_type           text,                     -- common/ file type code ("jpeg"), once checked
    media_type          text NOT NULL DEFAULT 'application/octet-stream', -- sent as Content-Type
    declared_media_type text NOT NULL DEFAULT '', -- what the uploader said (checked at completion)
    name                text NOT NULL DEFAULT '', -- clean_file_name(); '' for family files
    encrypted_metadata  bytea,                    -- family files: the client's sealed name and type
    size                bigint NOT NULL CHECK (size > 0),                        -- Upload-Length
    received            bigint NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND size),
    hash_state          bytea,        -- SHA-256 state over the received bytes (files/file_hash.hpp)
    expected_sha256     bytea,        -- the whole file's digest as the uploader gave it, if it did
    sha256              bytea,        -- of the whole file, once complete (the ETag)
    status              text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'complete')),
    -- One PATCH at a time: who holds the upload, until when (renewed while its body arrives).
    lease_token         text,
    lease_until         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    CHECK (status <> 'complete' OR (received = size AND sha256 IS NOT NULL)),
    CHECK (owner_kind <> 'patient' OR owner_id = patient_id),
    CHECK ((kind = 'preview') = (derived_from IS NOT NULL))
);
CREATE INDEX files_patient ON files (patient_id, created_at DESC) WHERE status = 'complete';
CREATE INDEX files_owner ON files (owner_kind, owner_id);

-- A file's bytes [first_byte, first_byte + length(data)), contiguous from 0. Each row's digest is
-- SHA-256(int8send(file_id) || int8send(first_byte) || data), checked before any of its bytes is
-- sent. Rows past files.received belong to a PATCH not yet accepted (Upload-Checksum) and are
-- removed when it fails or the next PATCH starts.
CREATE TABLE file_chunks (
    file_id    bigint NOT NULL REFERENCES files ON DELETE CASCADE,
    first_byte bigint NOT NULL CHECK (first_byte >= 0),
    data       bytea NOT NULL,
    sha256     bytea NOT NULL,
    PRIMARY KEY (file_id, first_byte)
);
-- Photos, video and Office files are compressed already: storing them uncompressed saves
-- PostgreSQL a compression attempt per row and lets reads skip decompression.
ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The PDF preview of an Office file, made by LibreOffice in a job (files/previews.hpp).
CREATE TABLE file_previews (
    file_id    bigint PRIMARY KEY REFERENCES files ON DELETE CASCADE,
    state      text NOT NULL CHECK (state IN ('converting', 'ready', 'failed')),
    preview_id bigint REFERENCES files ON DELETE SET NULL,
    message    text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);
