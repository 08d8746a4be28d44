-- 0005 patients, care teams and consent (issue 4; DESIGN.md §1, §3): a patient at home, the one
-- care team around them with members from any facility of the region, and the consent record
-- without which nothing is shared (同意書必須).

CREATE TABLE patients (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL,
    name_kana           text NOT NULL,           -- katakana (validate::kana); with birth_date the duplicate check
    birth_date          date NOT NULL,
    sex                 text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    postal_code         text NOT NULL DEFAULT '',
    address             text NOT NULL DEFAULT '',
    phone               text NOT NULL DEFAULT '',
    key_person_name     text NOT NULL DEFAULT '', -- キーパーソン
    key_person_relation text NOT NULL DEFAULT '',
    key_person_phone    text NOT NULL DEFAULT '',
    facility_id         bigint NOT NULL REFERENCES facilities ON DELETE RESTRICT, -- registering facility
    status              text NOT NULL DEFAULT 'at_home'
                        CHECK (status IN ('at_home', 'admitted', 'in_facility', 'ended')),
    created_by          bigint REFERENCES accounts ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    last_activity_at    timestamptz NOT NULL DEFAULT now()  -- "my patients" sorts by it
);
CREATE INDEX patients_kana_birth ON patients (name_kana, birth_date);
CREATE INDEX patients_facility ON patients (facility_id);

-- A family account belongs to one patient's family space.
ALTER TABLE accounts ADD CONSTRAINT accounts_family_patient
    FOREIGN KEY (family_patient_id) REFERENCES patients ON DELETE RESTRICT;
ALTER TABLE accounts ADD COLUMN family_relation text NOT NULL DEFAULT ''; -- 長女, 夫 ...

-- A care team. Created by a doctor, a visiting nurse or a care manager (seed) or a manager; linked
-- to its patient by the secretariat or a facility manager (the seed's planned change): one team
-- per patient, so patient_id is unique; NULL while unlinked.
CREATE TABLE care_teams (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    patient_id  bigint UNIQUE REFERENCES patients ON DELETE RESTRICT,
    created_by  bigint REFERENCES accounts ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Membership with a team role and a period that ends by itself: a member counts while
-- starts_on <= today (Japan time) and (ends_on IS NULL or today <= ends_on) and left_at IS NULL.
-- Leaving or removal sets left_at; the row stays as history, and a later re-joining is a new row.
CREATE TABLE team_members (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id     bigint NOT NULL REFERENCES care_teams ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    facility_id bigint REFERENCES facilities ON DELETE SET NULL, -- the facility the member acts for
    team_role   text NOT NULL,                                   -- common/ team role code (主治医 ...)
    starts_on   date NOT NULL DEFAULT CURRENT_DATE,
    ends_on     date,
    invited_by  bigint REFERENCES accounts ON DELETE SET NULL,
    joined_at   timestamptz NOT NULL DEFAULT now(),
    left_at     timestamptz,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX team_members_current ON team_members (team_id, account_id) WHERE left_at IS NULL;
CREATE INDEX team_members_account ON team_members (account_id) WHERE left_at IS NULL;

-- Consent records. The exact text shown is kept with its SHA-256; an e-consent keeps the drawn
-- signature, a paper consent the uploaded signed form. Withdrawal locks the team (read-only)
-- and the family space; the record itself is never changed otherwise.
CREATE TABLE consents (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id          bigint NOT NULL REFERENCES patients ON DELETE RESTRICT,
    scope_professional  boolean NOT NULL,
    scope_family        boolean NOT NULL,
    signer_kind         text NOT NULL CHECK (signer_kind IN ('patient', 'proxy')),
    signer_name         text NOT NULL,
    proxy_relation      text NOT NULL DEFAULT '',
    method              text NOT NULL CHECK (method IN ('e_signature', 'paper')),
    consent_text        text NOT NULL,
    consent_text_sha256 bytea NOT NULL,
    signature_strokes   text,                   -- e_signature: the strokes as drawn (JSON)
    document            bytea,                  -- paper: the signed form (PDF or image)
    document_media_type text,
    document_name       text,
    recorded_by         bigint REFERENCES accounts ON DELETE SET NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    withdrawn_at        timestamptz,
    withdrawn_by        bigint REFERENCES accounts ON DELETE SET NULL,
    withdrawal_reason   text NOT NULL DEFAULT '',
    CHECK (method <> 'e_signature' OR signature_strokes IS NOT NULL),
    CHECK (method <> 'paper' OR document IS NOT NULL),
    CHECK (signer_kind = 'patient' OR proxy_relation <> '')
);
CREATE INDEX consents_patient ON consents (patient_id, recorded_at DESC);
