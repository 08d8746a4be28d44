#pragma once
// The professional patient memo (在宅患者メモ, DESIGN.md §2.1, issue 5): what a team member posts
// on a patient's timeline. A memo has a kind, a text and structured fields that the 2024 fee
// rules ask for (fee_rules.hpp). This header decides which kind carries which field, parses and
// validates a post (the API's JSON or the app's form) into a typed MemoDraft, and writes it back
// as JSON. Versions and retraction are in memo_history.hpp.
//
// JSON (POST /api/v1/patients/{id}/memos, and the full content of an edit):
//   {"kind": "visit_record",                    required, a MemoKind code
//    "text": "仙骨部に褥瘡あり",                  see the text rule of the kind
//    "next_visit_date": "2024-06-17",           YYYY-MM-DD
//    "policy_changed": true,                    治療方針の変更の有無
//    "policy_change_summary": "…",              変更の概要 (exactly when policy_changed is true)
//    "care_points": "…",                        医療・ケアを行う際の留意点
//    "acp_wishes": "…",                         人生の最終段階における医療・ケアの希望
//    "emergency_policy": "…",                   急変時の対応方針
//    "attachments": ["<upload id>", …]}         finished uploads to attach (the server checks them)
// The smallest valid post is {"kind":"visit_record","text":"..."}. null counts as absent. Any
// other key is refused (a misspelt field would otherwise be lost silently). Mentions are not sent:
// they are found in the texts (mentions.hpp).
//
// Which kind carries which field ("req" required, "opt" optional, "-" refused with an error that
// names the field and the kind):
//
//   kind                     text          next_visit  policy   summary  care    acp     emergency
//                                          _date       _changed          _points _wishes _policy
//   visit_record 訪問記録      req           opt         opt      (1)      opt     opt     opt
//   instruction 指示          req           -           -        -        -       -       -
//   no_change 変化なし         opt (2)       opt         (3)      -        -       -       -
//   acp_wishes ACP・意向       opt (comment) -           -        -        -       req     -
//   emergency_policy 急変時    opt (comment) -           -        -        -       -       req
//   monthly_resident_record   req (4)       -           -        -        opt     opt     req
//
//   (1) required when policy_changed is true, refused otherwise.
//   (2) 「変化なし」 when absent or empty: the one-tap post for a stable patient.
//   (3) always false: may be sent as false, true is refused (a change is a visit_record).
//   (4) the resident's clinical information (診療情報) for 協力医療機関連携加算.
//
// A doctor's visit_record or no_change is the record of a home visit for 在宅医療情報連携加算:
// the fee rules need next_visit_date and policy_changed on it, but a post without them is still
// valid (a nurse's visit record, or a doctor who fills them in by an edit); fee_rules.hpp reports
// what is missing, and record_gaps() below lets the app warn before posting.
//
// Limits: text at most 10,000 characters; each structured text at most 4,000; multi-line, no
// control characters other than tab and line breaks, trimmed. A structured text that is present
// must not be empty (send null or leave it out). next_visit_date: a calendar date; when the
// caller gives today's date, from 30 days before it (a record written late) to 366 days after.
// At most 20 attachments, distinct upload ids of 1..64 characters A-Z a-z 0-9 _ -.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/date.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori {

inline constexpr std::size_t max_memo_text_chars = 10000;
inline constexpr std::size_t max_memo_field_chars = 4000;
inline constexpr std::size_t max_memo_attachments = 20;
inline constexpr std::size_t max_upload_id_chars = 64;
inline constexpr std::string_view no_change_default_text = "変化なし";

enum class MemoKind {
    VisitRecord,           // 訪問記録: a visit by any profession
    Instruction,           // 指示: asks for an acknowledgement from the team
    NoChange,              // 変化なし: one tap for a stable patient
    AcpWishes,             // 人生の最終段階における医療・ケアの希望 (ACP)
    EmergencyPolicy,       // 急変時の対応方針
    MonthlyResidentRecord, // 入所者の月次記録 (nursing homes, 協力医療機関連携加算)
};

// The structured fields a kind may carry.
enum class MemoField {
    NextVisitDate,
    PolicyChanged,
    PolicyChangeSummary,
    CarePoints,
    AcpWishes,
    EmergencyPolicy,
};

// How a kind treats its text or one of its fields (the table above).
enum class FieldRule {
    Refused,
    Optional,
    Required,
    WhenPolicyChanged, // policy_change_summary: required when policy_changed is true, else refused
    AlwaysFalse,       // policy_changed on no_change
};

struct MemoKindInfo {
    MemoKind value;
    Label label;        // code (JSON, database), Japanese and English names
    FieldRule text;     // Required or Optional
    bool needs_acknowledgement; // instructions: the team confirms each version (memo_history.hpp)
};

struct MemoFieldInfo {
    MemoField value;
    Label label; // code is the JSON key
};

std::span<const MemoKindInfo> memo_kinds();
std::span<const MemoFieldInfo> memo_fields();
const MemoKindInfo& info(MemoKind kind);
const Label& label(MemoKind kind);
const Label& label(MemoField field);
std::optional<MemoKind> memo_kind_from_code(std::string_view code);

// The rule for `field` on a memo of `kind` (the table above).
FieldRule field_rule(MemoKind kind, MemoField field);

// The structured fields; absent is std::nullopt.
struct MemoFields {
    std::optional<Date> next_visit_date;
    std::optional<bool> policy_changed;
    std::optional<std::string> policy_change_summary;
    std::optional<std::string> care_points;
    std::optional<std::string> acp_wishes;
    std::optional<std::string> emergency_policy;

    bool has(MemoField field) const;
    friend bool operator==(const MemoFields&, const MemoFields&) = default;
};

// A memo's content as posted or edited: valid when it comes out of parse/normalise below.
struct MemoDraft {
    MemoKind kind = MemoKind::VisitRecord;
    std::string text;
    MemoFields fields;
    std::vector<std::string> attachments; // upload ids
    std::vector<std::string> mentions;    // login ids found in the texts (derived, never sent)

    friend bool operator==(const MemoDraft&, const MemoDraft&) = default;
};

struct MemoParseOptions {
    std::optional<Date> today; // Japan date of the post; bounds next_visit_date when given
};

// Checks and normalises a draft built in code (the app's form): texts trimmed and checked, the
// no_change defaults applied (text 「変化なし」, policy_changed false), mentions found in the text
// and the structured texts. InvalidInput naming the first wrong field otherwise.
Result<MemoDraft> normalise(MemoDraft draft, const MemoParseOptions& options = {});

// Parses a memo from a JSON object (already parsed) / from a request body, then normalise().
// Errors name the field: "kind", "text", "next_visit_date", …, "attachments[2]".
Result<MemoDraft> memo_from_json(const Json& object, const MemoParseOptions& options = {});
Result<MemoDraft> parse_memo(std::string_view body, const MemoParseOptions& options = {});

// The JSON object of a draft: "kind", "text", the fields that are present and "attachments" when
// there are any; memo_from_json() reads it back to an equal draft. Mentions are not written (they
// are derived); a response that shows them adds draft.mentions itself.
Json to_json(const MemoDraft& draft);

// What a doctor's home-visit record lacks for 在宅医療情報連携加算 (fee_rules.hpp): the fields
// among next_visit_date, policy_changed and policy_change_summary that the rule requires and
// `fields` does not hold, for a memo of kind visit_record or no_change (others: empty).
std::vector<MemoField> record_gaps(MemoKind kind, const MemoFields& fields);

} // namespace mimamori
