#pragma once
// SQL of patients (migration 0005) and what a patient's answer shows with them: the registering
// facility's name, the care team, the current consent (the newest record) and the number of
// current team members. Also the facts perm::decide needs about one patient and one account
// (services/patient_access.hpp turns them into a perm::Target).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"

namespace mimamori::repositories {

// What a patient form sets (validated by the service).
struct PatientFields {
    std::string name;
    std::string name_kana;
    Date birth_date;
    std::string sex;    // female, male, other, unknown
    std::string postal_code;
    std::string address;
    std::string phone;
    std::string key_person_name;
    std::string key_person_relation;
    std::string key_person_phone;
    std::int64_t facility_id = 0; // the registering facility
    std::string status = "at_home";
};

// The newest consent record of a patient, if any.
struct ConsentSummary {
    std::optional<std::int64_t> id;
    bool professional = false;
    bool family = false;
    std::int64_t recorded_at = 0; // Unix seconds
    bool withdrawn = false;
};

struct PatientRow {
    std::int64_t id = 0;
    PatientFields fields;
    std::string facility_name;
    std::optional<std::int64_t> team_id;
    ConsentSummary consent;
    std::int64_t member_count = 0;                 // current members of the team
    std::vector<std::int64_t> member_facility_ids; // the facilities they act for
    std::int64_t last_activity_at = 0;
    std::int64_t created_at = 0;
};

struct PatientFilter {
    Date today;                           // Japan date: who counts as a current member
    bool everyone = false;                // all patients (secretariat administrator)
    std::vector<std::int64_t> facilities; // else: registered by, or cared for by a member of, these
    std::string q;                        // part of the name (any case) or the kana; "" for all
    std::string q_kana;
    std::string status;                   // "" for all
    std::optional<std::int64_t> facility_id; // registered by this facility
};

std::optional<PatientRow> find_patient(db::Tx& tx, std::int64_t id, const Date& today);
// In kana order, then id.
std::vector<PatientRow> list_patients(db::Tx& tx, const PatientFilter& filter);

std::int64_t insert_patient(db::Tx& tx, const PatientFields& fields, std::optional<std::int64_t> created_by);
bool update_patient(db::Tx& tx, std::int64_t id, const PatientFields& fields);
// Something happened around the patient ("my patients" sorts by it).
void touch_patient(db::Tx& tx, std::int64_t id);
// Locks the patient's row until the transaction ends (linking, consent: one at a time).
bool lock_patient(db::Tx& tx, std::int64_t id);

// Likely duplicates: the same kana (spaces ignored) and birth date, anywhere in the region.
struct DuplicateRow {
    std::int64_t id = 0;
    std::string name;
    std::string name_kana;
    std::string birth_date;
    std::string facility_name;
};
std::vector<DuplicateRow> find_duplicates(db::Tx& tx, const std::string& name_kana, const Date& birth_date);

// What perm::decide needs about `account_id` and the patient, on the Japan date `today`.
struct PatientFacts {
    std::int64_t facility_id = 0;                  // registering facility
    std::optional<std::int64_t> team_id;
    std::vector<std::int64_t> member_facility_ids; // facilities of the current members
    bool member = false;                           // account_id is a current member
    ConsentSummary consent;
};
std::optional<PatientFacts> patient_facts(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                          const Date& today);

// GET /api/v1/my/patients for staff: the patients of the teams `account_id` currently belongs
// to, newest activity first, with the account's role in each team.
struct MyPatientRow {
    PatientRow patient;
    std::string team_role;
};
std::vector<MyPatientRow> my_patients(db::Tx& tx, std::int64_t account_id, const Date& today);

} // namespace mimamori::repositories
