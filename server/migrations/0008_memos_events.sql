-- 0008 the professional patient timeline (在宅患者メモ, issue 5; DESIGN.md §2.1, §4 live updates,
-- §6 fee rules): memos with every version kept, retraction with a reason, attachments (files of
-- 0007), read receipts, acknowledgements of instructions, mentions, the bigram search index,
-- unread counts per account and patient, and the numbered events of GET /api/v1/events.
--
-- Nothing here is ever deleted by the application: an edit adds a version, a retraction marks
-- the memo (common/memo_history.hpp holds the rules, the server applies them).

-- A memo and its current state. The current version's content is repeated here (content, the
-- filter columns and the search columns) so that a timeline page is one index range scan.
CREATE TABLE memos (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id        bigint NOT NULL REFERENCES patients ON DELETE RESTRICT,
    kind              text NOT NULL CHECK (kind IN ('visit_record', 'instruction', 'no_change', 'acp_wishes',
                                                    'emergency_policy', 'monthly_resident_record')),
    author_id         bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    -- Who the writer was when posting (a profession or an affiliation may change later; the fee
    -- rules and the timeline's icon judge the memo as written).
    author_profession text NOT NULL,
    facility_id       bigint REFERENCES facilities ON DELETE RESTRICT, -- the facility the writer acted for
    created_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1 CHECK (version >= 1), -- the current version's number
    updated_at        timestamptz NOT NULL DEFAULT now(),
    content           jsonb NOT NULL,   -- common/memo.hpp to_json() of the current version
    search_text       text NOT NULL,    -- search::normalise() of the current version's texts
    search_bigrams    text[] NOT NULL,  -- search::bigrams() of search_text
    retracted_at      timestamptz,
    retracted_by      bigint REFERENCES accounts ON DELETE RESTRICT,
    retraction_reason text,
    CHECK ((retracted_at IS NULL) = (retraction_reason IS NULL) AND (retracted_at IS NULL) = (retracted_by IS NULL))
);
-- The timeline: newest first, paged by id (the cursor).
CREATE INDEX memos_timeline ON memos (patient_id, id DESC);
CREATE INDEX memos_author ON memos (author_id, id DESC);
-- Japanese substrings of two characters or more (common/search_text.hpp): the GIN index finds
-- the memos holding every bigram of the query, the exact check on search_text confirms.
CREATE INDEX memos_search ON memos USING gin (search_bigrams);

-- Every version, the first (the post) included; never updated.
CREATE TABLE memo_versions (
    memo_id    bigint NOT NULL REFERENCES memos ON DELETE RESTRICT,
    number     integer NOT NULL CHECK (number >= 1),
    content    jsonb NOT NULL,
    editor_id  bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (memo_id, number)
);

-- Read receipts: the first time an account was shown a memo (the app posts the ids it displayed).
CREATE TABLE memo_reads (
    memo_id    bigint NOT NULL REFERENCES memos ON DELETE RESTRICT,
    account_id bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    read_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (memo_id, account_id)
);

-- 確認しました: an instruction acknowledged, per version (an edit asks again).
CREATE TABLE memo_acknowledgements (
    memo_id    bigint NOT NULL REFERENCES memos ON DELETE RESTRICT,
    version    integer NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (memo_id, version, account_id)
);

-- Team members named with @login in a memo (any version).
CREATE TABLE memo_mentions (
    memo_id    bigint NOT NULL REFERENCES memos ON DELETE RESTRICT,
    account_id bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    version    integer NOT NULL, -- the first version that named them
    PRIMARY KEY (memo_id, account_id)
);
CREATE INDEX memo_mentions_account ON memo_mentions (account_id, memo_id DESC);

-- Unread counts without counting: per patient the number of memos, per account and patient
-- those it wrote and those it has read (first receipts of others' memos). unread = memo_count -
-- written - read, kept exact by the transactions that post memos and record receipts.
CREATE TABLE patient_memo_counts (
    patient_id    bigint PRIMARY KEY REFERENCES patients ON DELETE RESTRICT,
    memo_count    bigint NOT NULL DEFAULT 0,
    last_memo_at  timestamptz
);
CREATE TABLE memo_read_state (
    account_id   bigint NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    patient_id   bigint NOT NULL REFERENCES patients ON DELETE RESTRICT,
    written      bigint NOT NULL DEFAULT 0,
    read         bigint NOT NULL DEFAULT 0,
    last_read_at timestamptz,
    PRIMARY KEY (account_id, patient_id)
);

-- Live updates (GET /api/v1/events). A request writes its events in its own transaction with
-- `id` NULL and notifies 'mimamori_events_pending'; after commit, number_events() gives them
-- their public ids from event_ids, one numbering at a time (an advisory lock held until its
-- commit). So ids become visible in increasing order -- a reader never sees id 11 before 10
-- is there -- and a client that reconnects with Last-Event-ID misses nothing. Numbering
-- notifies 'mimamori_events' with the highest id; every server process LISTENs and fans out.
CREATE SEQUENCE event_ids;
CREATE TABLE events (
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- order written (never sent)
    id         bigint UNIQUE,                                   -- the event id, once numbered
    created_at timestamptz NOT NULL DEFAULT now(),
    type       text NOT NULL,
    patient_id bigint REFERENCES patients ON DELETE RESTRICT,   -- for the patient's team
    account_id bigint REFERENCES accounts ON DELETE RESTRICT,   -- for this account only (a mention)
    data       jsonb NOT NULL
);
CREATE INDEX events_pending ON events (seq) WHERE id IS NULL;

CREATE FUNCTION number_events() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    highest bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('mimamori.number_events'));
    -- Ids in the order the events were written (a request's events keep their order).
    WITH pending AS (SELECT seq, nextval('event_ids') AS new_id
                       FROM (SELECT seq FROM events WHERE id IS NULL ORDER BY seq FOR UPDATE) w),
         numbered AS (UPDATE events e SET id = p.new_id FROM pending p WHERE e.seq = p.seq RETURNING e.id)
    SELECT max(id) INTO highest FROM numbered;
    IF highest IS NOT NULL THEN
        PERFORM pg_notify('mimamori_events', highest::text);
    END IF;
    RETURN highest;
END $$;

-- 特別の関係 (fee rules): facilities in a special relationship with a clinic (same founder, ...);
-- their records do not count as another institution's for 在宅医療情報連携加算, nor as linked
-- institutions. Symmetric: a pair is stored once and read both ways.
CREATE TABLE facility_special_relationships (
    facility_id bigint NOT NULL REFERENCES facilities ON DELETE CASCADE,
    related_id  bigint NOT NULL REFERENCES facilities ON DELETE CASCADE,
    created_by  bigint REFERENCES accounts ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (facility_id, related_id),
    CHECK (facility_id <> related_id)
);
CREATE INDEX facility_special_relationships_related ON facility_special_relationships (related_id);
