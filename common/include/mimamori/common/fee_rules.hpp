#pragma once
// The 2024 fee rules that a shared timeline can support (DESIGN.md §6, issue 5), evaluated purely
// from records the caller loads: whether each condition holds for a patient (or a nursing-home
// resident) in a month, why not, and which records are the evidence. The server shows this on the
// clinics' and homes' screens and exports it as CSV (fee_rules_csv.hpp).
//
// All days and months are Japan's (japan_time.hpp). A "record" is a memo's current version
// (memo_history.hpp); retracted memos count for nothing.
//
// ── 在宅医療情報連携加算 (100 points, per patient per month; 医科, added to 在医総管・施設総管・
//    在宅がん医療総合診療料), evaluate_home_care(). Conditions, in this order:
//
//  consent            the patient's consent to sharing with the team is recorded (算定要件:
//                     患者からの同意を得ていること).
//  visits             the clinic's doctor has at least one home visit in the month. A home visit
//                     is a memo of kind visit_record or no_change written by a doctor (profession
//                     doctor) of the clinic (writer's facility = the clinic), dated in the month;
//                     its time is the memo's posting time.
//  record_items       each of those visit records carries the items that are always required:
//                     next_visit_date, and policy_changed (implied false on no_change), and
//                     policy_change_summary when policy_changed is true. care_points (only when
//                     the doctor judges sharing them necessary) and acp_wishes (only when the
//                     patient or family expressed them) are "when applicable": never required,
//                     shown in the evidence when present.
//  obtained_records   at each home visit V (time t, Japan date d) the visiting doctor had
//                     obtained at least one record R through the system, where
//                       - R was written by another institution: R's facility is neither the
//                         clinic nor one in a special relationship (特別の関係) with it;
//                       - R was written within the past 90 days: Japan date of R >= d − 90 days
//                         (a record 90 days old counts, 91 does not) and R's time <= t;
//                       - the visiting doctor read R at or before t (a read receipt).
//                     Any kind of memo counts (a nurse's 「変化なし」 is information on the
//                     patient's care); the doctor's own clinic's memos never do.
//  linked_institutions the clinic has at least 5 linked institutions in the network outside
//                     special relationships: distinct facility ids among the caller's linked
//                     facilities, not the clinic itself and not in a special relationship
//                     (施設基準 (1)). The caller decides what "linked" is (the facilities that
//                     share a care team with the clinic) and evaluates it as of the month.
//  The add-on can be claimed for the month when every condition holds.
//
// ── 協力医療機関連携加算 (nursing homes: facility types with nursing_home), per resident per
//    month, evaluate_cooperation(). Following the MHLW Q&A (Vol.3, 2024-03-29, 問3): the home's
//    doctors or staff record each resident's clinical information and emergency response policy
//    at least once a month in the network, where the cooperating hospital can see them at any
//    time; when nothing has changed the record may be omitted, provided the home tells the
//    hospital so at least monthly. So a resident's month is covered when, among memos written by
//    the home's staff (writer's facility = the home):
//       recorded      a monthly_resident_record dated in the month has clinical information
//                     (text) and an emergency_policy; or
//       no_change     a no_change memo dated in the month follows an earlier complete
//                     monthly_resident_record (the baseline the 「変化なし」 refers to; any
//                     earlier month). Posting it is the monthly notice to the hospital, which is
//                     why the caller passes only residents whose care team includes the
//                     cooperating hospital.
//    Any profession of the home counts (医師等: the home's doctor, nurses, care staff).
//    Otherwise the resident lacks this month's record.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/memo.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::fee {

inline constexpr int obtained_record_window_days = 90;
inline constexpr std::size_t min_linked_institutions = 5;

using Id = std::int64_t;

// A memo as the fee rules see it: its current version and who wrote it from where.
struct Record {
    Id memo_id = 0;
    Id writer_id = 0;
    Profession writer_profession = Profession::Other;
    Id facility_id = 0;       // the writer's facility for this memo
    MemoKind kind = MemoKind::VisitRecord;
    UnixSeconds written_at = 0; // first posted (an edit does not make a record newer)
    bool has_text = false;      // the current version's text is not empty
    MemoFields fields;          // the current version's structured fields
    bool retracted = false;
};

// A read receipt: `reader_id` was shown memo `memo_id` at `read_at`.
struct Read {
    Id memo_id = 0;
    Id reader_id = 0;
    UnixSeconds read_at = 0;
};

// One reason a condition is not met, or a note on one that is: a stable machine code and a
// message in both languages.
struct Finding {
    std::string code;
    std::string ja;
    std::string en;
    std::optional<Id> memo_id; // the visit or record concerned, if one
    const std::string& message(Lang lang) const { return lang == Lang::Ja ? ja : en; }
};

// ── 在宅医療情報連携加算

enum class HomeCareCondition { Consent, Visits, RecordItems, ObtainedRecords, LinkedInstitutions };
const Label& label(HomeCareCondition condition); // codes "consent", "visits", "record_items", …

// The clinic whose doctor claims the add-on.
struct Clinic {
    Id facility_id = 0;
    std::vector<Id> special_relationship_facility_ids; // 特別の関係にある保険医療機関等
    std::vector<Id> linked_facility_ids;               // institutions linked through the network
};

// One patient's month as the caller loaded it.
struct PatientMonth {
    Id patient_id = 0;
    YearMonth month;
    bool consent_recorded = false;
    // The patient's memos written in the month and in the 90 days before it (others are ignored).
    std::vector<Record> records;
    // Read receipts of those memos by the clinic's doctors (others are ignored).
    std::vector<Read> reads;
};

// A record another institution wrote that the visiting doctor obtained before a visit.
struct ObtainedRecord {
    Id memo_id = 0;
    Id facility_id = 0;
    UnixSeconds written_at = 0;
    UnixSeconds read_at = 0; // the doctor's first read
};

// One home visit and its evidence.
struct VisitEvidence {
    Id memo_id = 0;          // the doctor's visit record
    Id doctor_id = 0;
    MemoKind kind = MemoKind::VisitRecord;
    UnixSeconds at = 0;
    std::vector<MemoField> missing_items;     // record_gaps(): empty when the items are complete
    bool has_care_points = false;             // "when applicable" items, for the evidence
    bool has_acp_wishes = false;
    std::vector<ObtainedRecord> obtained;     // oldest first
    std::size_t unread_in_window = 0;         // qualifying records the doctor had not read by then
};

struct ConditionResult {
    HomeCareCondition condition = HomeCareCondition::Consent;
    bool met = false;
    std::vector<Finding> findings; // why not (empty when met)
};

struct HomeCareEvaluation {
    Id patient_id = 0;
    YearMonth month;
    bool met = false;                        // every condition holds
    std::vector<ConditionResult> conditions; // one per HomeCareCondition, in enum order
    std::vector<VisitEvidence> visits;       // the month's home visits, in time order
    std::vector<Id> linked_institutions;     // the linked institutions counted, sorted

    const ConditionResult& condition(HomeCareCondition c) const;
};

HomeCareEvaluation evaluate_home_care(const Clinic& clinic, const PatientMonth& patient);

// ── 協力医療機関連携加算

enum class CooperationBasis {
    None,          // lacks this month's record
    Recorded,      // a monthly_resident_record this month
    NoChange,      // 「変化なし」 this month after an earlier complete record
};
const Label& label(CooperationBasis basis); // codes "none", "recorded", "no_change"

struct Resident {
    Id patient_id = 0;
    // The resident's memos up to the end of the month (earlier months give the baseline).
    std::vector<Record> records;
};

struct ResidentStatus {
    Id patient_id = 0;
    CooperationBasis basis = CooperationBasis::None;
    std::optional<Id> memo_id;          // the month's record or 「変化なし」
    std::optional<UnixSeconds> at;
    std::optional<Id> baseline_memo_id; // for NoChange: the complete record it refers to
    std::optional<Finding> finding;     // for None: why

    bool met() const { return basis != CooperationBasis::None; }
};

struct CooperationReport {
    Id facility_id = 0;
    YearMonth month;
    std::vector<ResidentStatus> residents; // in the order given

    // The residents who lack this month's record, in the order given.
    std::vector<Id> lacking() const;
};

// InvalidInput ("facility_type") when `home_type` is not a nursing home (vocabulary.hpp).
Result<CooperationReport> evaluate_cooperation(Id home_facility_id, FacilityType home_type, YearMonth month,
                                               std::span<const Resident> residents);

} // namespace mimamori::fee
