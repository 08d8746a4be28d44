#pragma once
// SQL of the professional timeline (migration 0008): memos and their versions, read receipts,
// acknowledgements, mentions, unread counts. A timeline page is one statement: the memos with
// their writer, read receipts, acknowledgements and mentions aggregated per row, so that a page
// costs one round trip however many memos it shows.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::repositories {

struct MemoPerson {
    std::int64_t id = 0;
    std::string name;
    std::string login;
};

struct MemoRead {
    std::int64_t account_id = 0;
    std::string name;
    std::int64_t at = 0; // Unix seconds
};

struct MemoAck {
    std::int64_t account_id = 0;
    std::string name;
    int version = 1;
    std::int64_t at = 0;
};

struct MemoRetractionRow {
    std::string reason;
    std::int64_t by = 0;
    std::string by_name;
    std::int64_t at = 0;
};

// A memo as the timeline shows it: the current version's content (common/memo.hpp JSON).
struct MemoRow {
    std::int64_t id = 0;
    std::int64_t patient_id = 0;
    std::string kind;
    std::int64_t author_id = 0;
    std::string author_name;
    std::string author_profession;
    std::optional<std::int64_t> facility_id;
    std::string facility_name;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    int version = 1;
    Json content;
    std::optional<MemoRetractionRow> retraction;
    std::vector<MemoRead> reads;       // first reads by others than the writer, oldest first
    std::vector<MemoAck> acks;         // instructions only, every version
    std::vector<MemoPerson> mentions;  // the team members named in it
};

struct MemoVersionRow {
    int number = 1;
    Json content;
    std::int64_t editor_id = 0;
    std::string editor_name;
    std::int64_t at = 0;
};

// What a page of memos is filtered by; empty / nullopt: no filter. Times are Unix seconds.
struct MemoFilter {
    std::optional<std::int64_t> before; // memo id: older than this (the cursor)
    std::string kind;
    std::string profession;
    std::optional<std::int64_t> writer;
    std::optional<std::int64_t> from; // created_at >= from
    std::optional<std::int64_t> to;   // created_at < to
    // Search (common/search_text.hpp): every bigram in the index, every term in the text.
    std::vector<std::string> bigrams;
    std::vector<std::string> terms;
    int limit = 50;
};

// Newest first: the memos of `patients` (one patient for a timeline, several for "my" search).
std::vector<MemoRow> list_memos(db::Tx& tx, const std::vector<std::int64_t>& patients, const MemoFilter& filter);
std::optional<MemoRow> find_memo(db::Tx& tx, std::int64_t id);
// Locks the memo's row until the transaction ends (edit, retraction, acknowledgement).
bool lock_memo(db::Tx& tx, std::int64_t id);
std::vector<MemoVersionRow> memo_versions(db::Tx& tx, std::int64_t id);
// The memos that mention `account_id` among `patients`, newest first.
std::vector<MemoRow> mentioning(db::Tx& tx, std::int64_t account_id, const std::vector<std::int64_t>& patients,
                                std::optional<std::int64_t> before, int limit);

struct NewMemo {
    std::int64_t patient_id = 0;
    std::string kind;
    std::int64_t author_id = 0;
    std::string author_profession;
    std::optional<std::int64_t> facility_id;
    Json content;
    std::string search_text;
    std::vector<std::string> bigrams;
};
// Inserts the memo and its first version, counts it for the unread numbers and marks the
// patient's activity; returns {id, created_at}.
std::pair<std::int64_t, std::int64_t> insert_memo(db::Tx& tx, const NewMemo& memo);
// A new version: the row's content, search columns and version move with it.
void insert_version(db::Tx& tx, std::int64_t memo_id, int number, const Json& content, std::int64_t editor_id,
                    const std::string& search_text, const std::vector<std::string>& bigrams);
void retract_memo(db::Tx& tx, std::int64_t memo_id, std::int64_t by, const std::string& reason);
// Mentions of `version`; those already recorded keep their first version. Returns the accounts
// newly mentioned.
std::vector<std::int64_t> insert_mentions(db::Tx& tx, std::int64_t memo_id, int version,
                                          const std::vector<std::int64_t>& accounts);

// The current members of the patient's care team (on the Japan date `today`) whose login is
// among `logins` (lower case).
std::vector<MemoPerson> team_members_by_login(db::Tx& tx, std::int64_t patient_id, const std::vector<std::string>& logins,
                                              const Date& today);
// Every current member of the patient's team, by account id.
std::vector<MemoPerson> patient_team_members(db::Tx& tx, std::int64_t patient_id, const Date& today);
// The facility `account_id` acts for in the patient's team today, if a current member.
std::optional<std::int64_t> member_facility(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                            const Date& today);

// Read receipts: of `memo_ids`, those on the patient's timeline (others are not returned).
struct MemoOwner {
    std::int64_t id = 0;
    std::int64_t author_id = 0;
};
std::vector<MemoOwner> memos_of_patient(db::Tx& tx, std::int64_t patient_id, const std::vector<std::int64_t>& memo_ids);
// Records first reads of others' memos; returns the memo ids newly read (and counts them).
std::vector<std::int64_t> insert_reads(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                       const std::vector<std::int64_t>& memo_ids);
// True when the acknowledgement was new.
bool insert_acknowledgement(db::Tx& tx, std::int64_t memo_id, int version, std::int64_t account_id);

struct UnreadRow {
    std::int64_t patient_id = 0;
    std::int64_t unread = 0;
    std::optional<std::int64_t> last_memo_at;
};
// Unread memos of `account_id` for each of `patients` (in that order).
std::vector<UnreadRow> unread_counts(db::Tx& tx, std::int64_t account_id, const std::vector<std::int64_t>& patients);

// PostgreSQL array literals for $n::text[] / $n::bigint[] parameters.
std::string text_array_literal(const std::vector<std::string>& items);

} // namespace mimamori::repositories
