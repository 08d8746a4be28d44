#pragma once
// SQL of the fee-rule evidence (issue 5, common/fee_rules.hpp): what a facility's patients,
// their memos and read receipts were in a month, and the facility's links in the network.
// Times are Unix seconds; dates are Japan dates (the caller computes the month's bounds).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::repositories {

struct FeeFacility {
    std::int64_t id = 0;
    std::string name;
    std::string type; // vocabulary code
};
std::optional<FeeFacility> fee_facility(db::Tx& tx, std::int64_t id);
// Names of facilities, for the evidence's readers.
std::vector<FeeFacility> facilities_named(db::Tx& tx, const std::vector<std::int64_t>& ids);

// The period of a report: Japan dates and the moments they start and end.
struct FeePeriod {
    Date first_day;
    Date last_day;
    std::int64_t from = 0; // 00:00 JST of first_day
    std::int64_t to = 0;   // 00:00 JST of the day after last_day
};

struct FeePatient {
    std::int64_t id = 0;
    std::string name;
    bool consent_recorded = false; // a consent recorded before the period ended, not withdrawn before it began
};
// Patients cared for by a member acting for `facility_id` at some time in the period (and, with
// `registered_too`, those the facility registered), not ended; by kana.
std::vector<FeePatient> facility_patients(db::Tx& tx, std::int64_t facility_id, const FeePeriod& period,
                                          bool registered_too);

// A memo as the fee rules read it: its current content, who wrote it from where.
struct FeeMemo {
    std::int64_t id = 0;
    std::int64_t patient_id = 0;
    std::int64_t writer_id = 0;
    std::string profession;
    std::int64_t facility_id = 0; // 0: unknown
    std::string kind;
    std::int64_t written_at = 0;
    Json content;
    bool retracted = false;
};
// The memos of `patients` written in [from, to), optionally only of `kinds` by `facility_id`.
std::vector<FeeMemo> fee_memos(db::Tx& tx, const std::vector<std::int64_t>& patients, std::int64_t from, std::int64_t to,
                               const std::vector<std::string>& kinds = {}, std::optional<std::int64_t> facility_id = {});

struct FeeRead {
    std::int64_t memo_id = 0;
    std::int64_t reader_id = 0;
    std::int64_t read_at = 0;
};
// First reads of `memo_ids` by staff affiliated with `facility_id`.
std::vector<FeeRead> fee_reads(db::Tx& tx, const std::vector<std::int64_t>& memo_ids, std::int64_t facility_id);

// Facilities that share a care team with `facility_id` in the period (memberships overlapping
// it), other than itself.
std::vector<std::int64_t> linked_facilities(db::Tx& tx, std::int64_t facility_id, const FeePeriod& period);

// Facilities in a special relationship with `facility_id` (either way round), and their setting.
std::vector<std::int64_t> special_relationships(db::Tx& tx, std::int64_t facility_id);
void set_special_relationships(db::Tx& tx, std::int64_t facility_id, const std::vector<std::int64_t>& related,
                               std::int64_t by);
// Of `ids`, those that name facilities.
std::vector<std::int64_t> existing_facilities(db::Tx& tx, const std::vector<std::int64_t>& ids);

} // namespace mimamori::repositories
