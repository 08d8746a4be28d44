#pragma once
// The professional patient timeline (在宅患者メモ, issue 5, /api/v1/patients/{id}/memos and
// /api/v1/memos/{id}): pages of memos newest first, one memo with its versions, posting, editing,
// retracting, read receipts, acknowledgements of instructions, and the timeline across "my
// patients" (search, mentions, unread counts). What a memo may hold is common/memo.hpp's: the app
// validates a draft with it before posting, and sends to_json(draft).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "mimamori/common/memo.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct Person {
    perm::Id id = 0;
    std::string name;
    std::string at; // when they read / acknowledged (ISO 8601), "" otherwise
};

// A file attached to a memo (the server's StoredFile), as far as the timeline needs it.
struct MemoFile {
    perm::Id id = 0;
    std::string name;
    std::string media_type;
    std::string preview; // "image", "video", "audio", "pdf", "office", "none"
    std::int64_t size = 0;
    std::string url;
    Json raw; // the whole StoredFile, for the file layer's viewer
};

struct MemoVersion {
    int number = 0;
    Json content;   // MemoContent of this version
    Person editor;  // editor.at: when it was written
};

struct Acknowledgement {
    int version = 0;
    std::vector<Person> acknowledged_by;
    std::vector<Person> pending;
    bool acknowledged_by_me = false;
};

struct Memo {
    perm::Id id = 0;
    perm::Id patient_id = 0;
    std::string kind; // a MemoKind code
    std::string text;
    Json content;     // the flattened content fields (next_visit_date, policy_changed, ...)
    std::vector<MemoFile> attachments;
    perm::Id author_id = 0;
    std::string author_name;
    std::string author_profession; // a Profession code (the icon)
    std::string facility_name;
    std::string created_at;
    std::string updated_at;
    int version = 1;
    bool edited = false;
    bool retracted = false;
    std::string retraction_reason;
    Person retracted_by;
    std::vector<Person> mentions; // name; login in `at` is not used: see mention_logins
    std::vector<std::string> mention_logins;
    std::vector<Person> read_by;
    bool read_by_me = false;
    std::optional<Acknowledgement> acknowledgement;
    std::vector<std::string> record_gaps; // MemoField codes a doctor's visit record lacks
    std::vector<MemoVersion> versions;    // only from fetch_memo / edit / retract (oldest first)

    // The draft this memo's current content is (for an edit form).
    Result<MemoDraft> draft() const;
};

struct MemoPage {
    std::vector<Memo> memos; // newest first
    std::optional<perm::Id> next_before;
};

// The filters of a timeline (every one optional; "" for none).
struct MemoQuery {
    std::string kind;
    std::string profession;
    std::optional<perm::Id> writer;
    std::string from; // YYYY-MM-DD (Japan), inclusive
    std::string to;
    std::string q;    // search: terms of 2+ characters (search::parse_query)
    std::optional<perm::Id> before;
    int limit = 50;
};

struct UnreadCounts {
    std::int64_t total = 0;
    std::vector<std::pair<perm::Id, std::int64_t>> patients; // only those with unread > 0
};

// A current member of the patient's care team, as the mention picker and the writer filter offer
// them (GET /patients/{id}, its team's members). `login` is what "@login" names; "" when the
// server does not say it.
struct TeamPerson {
    perm::Id account_id = 0;
    std::string name;
    std::string profession;
    std::string login;
    bool active = false;
};

// The patient's name and the members of its care team (none when the team is not visible).
struct TimelinePatient {
    std::string name;
    bool locked = false; // the consent was withdrawn: the timeline is read-only
    std::vector<TeamPerson> members;
};
Call<TimelinePatient> fetch_timeline_patient(perm::Id patient_id);

// GET /patients/{id}/memos, or GET /my/memos (across my patients) without a patient.
Call<MemoPage> list_memos(std::optional<perm::Id> patient_id, const MemoQuery& query);
Call<MemoPage> list_mentions(std::optional<perm::Id> before);
// With its versions.
Call<Memo> fetch_memo(perm::Id memo_id);
Call<Memo> post_memo(perm::Id patient_id, const MemoDraft& draft);
Call<Memo> edit_memo(perm::Id memo_id, const MemoDraft& draft);
Call<Memo> retract_memo(perm::Id memo_id, const std::string& reason);
Call<Memo> acknowledge_memo(perm::Id memo_id, int version);
// The ids newly recorded as read.
Call<std::vector<perm::Id>> record_reads(perm::Id patient_id, const std::vector<perm::Id>& memo_ids);
Call<UnreadCounts> fetch_unread();

// The query string of a memo query (also used for the URL of a search across patients).
std::string memo_query_string(const MemoQuery& query);

} // namespace mimamori::web::api
