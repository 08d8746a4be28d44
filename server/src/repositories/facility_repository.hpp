#pragma once
// SQL of facilities (migration 0002) and what a facility's answer shows with it: its active staff
// count and its representative (代表スタッフ: the longest-serving manager among its active
// affiliations).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"

namespace mimamori::repositories {

// What a facility form sets (validated by the service).
struct FacilityFields {
    std::string type; // vocabulary code
    std::string name;
    std::string name_kana;
    std::string postal_code;
    std::string address;
    std::string phone;
    std::string plan; // fees::Plan code
    std::string status = "active";
    Date contract_start;
    std::optional<Date> contract_end;
};

struct RepresentativeRow {
    std::int64_t account_id = 0;
    std::string name;
    std::string login;
    std::string email;
    std::string status;
};

struct FacilityRow {
    std::int64_t id = 0;
    FacilityFields fields;
    bool require_two_factor = false;
    std::int64_t created_at = 0;  // Unix seconds
    std::int64_t staff_count = 0; // active affiliations
    std::optional<RepresentativeRow> representative;
};

struct FacilityFilter {
    std::string q;         // part of the name (any case) or of the kana (in katakana); "" for all
    std::string q_kana;    // q in katakana
    std::string type;      // "" for all
    std::string status;    // "" for all
};

std::vector<FacilityRow> list_facilities(db::Tx& tx, const FacilityFilter& filter);
std::optional<FacilityRow> find_facility(db::Tx& tx, std::int64_t id);
// Locks the row for the rest of the transaction (delete, re-invitation).
bool lock_facility(db::Tx& tx, std::int64_t id);

std::int64_t insert_facility(db::Tx& tx, const FacilityFields& fields);
// False when no such facility.
bool update_facility(db::Tx& tx, std::int64_t id, const FacilityFields& fields);
bool set_facility_two_factor(db::Tx& tx, std::int64_t id, bool required);
// Deletes the facility and the history of ended affiliations with it; the caller has checked that
// no active staff or patient remains.
void delete_facility(db::Tx& tx, std::int64_t id);

// Patients per facility. The patients table comes with issue 4; until it exists every count is 0.
// The one place that counts them (facility answers, the deletion check): issue 4 adapts it to
// its table.
std::map<std::int64_t, std::int64_t> patient_counts(db::Tx& tx);

} // namespace mimamori::repositories
