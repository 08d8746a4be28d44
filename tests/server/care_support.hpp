#pragma once
// What the patient, team, consent and family-account tests share (issue 4): a care region on top
// of master_support's Region, written straight into the database -- a patient of facility A, its
// team with A's user and a nurse of another facility (B2), an outsider nurse of a third facility,
// a pharmacist, a family account of the patient -- and valid request bodies.

#include <cstdint>
#include <string>

#include "master_support.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::test {

// The Japan date in SQL, as the server judges memberships.
inline const std::string k_japan_today = "(now() AT TIME ZONE 'Asia/Tokyo')::date";

struct CareRegion {
    Region master;             // A (manager, user), B, E, the secretariat, a family account
    std::int64_t station = 0;  // another facility (a visiting-nurse station)
    std::int64_t third = 0;    // a third facility, outside the team
    std::int64_t station_nurse = 0; // in the team, for the station ("a nurse of another facility")
    std::int64_t outsider = 0;      // a nurse of the third facility, in no team
    std::int64_t pharmacist = 0;    // of the third facility, in no team
    std::int64_t patient = 0;  // registered by A
    std::int64_t other_patient = 0; // registered by the third facility, no team
    std::int64_t team = 0;     // the patient's team: A's user and the station's nurse
    std::int64_t family = 0;   // master.accounts[Family], now of `patient`
};

// The master region of the permission-table test with what its patient rows act on: a patient
// of A without a team, a second one of A with a team, a team without a patient (A's invited
// staff member in it), and an invited family account of the first patient with an address.
struct PatientTableRegion : Region {
    std::int64_t patient = 0;
    std::int64_t linked_patient = 0;
    std::int64_t linked_team = 0;
    std::int64_t unlinked_team = 0;
    std::int64_t family_invitee = 0;
};
PatientTableRegion create_patient_table_region(const TestDatabase& db);

// Logins: "manager", "user" (A), "admin", "secretariat", "family" (master_support), and
// "station-nurse", "outsider", "pharmacist". No consent is recorded.
CareRegion create_care_region(const TestDatabase& db);

std::int64_t insert_patient(const TestDatabase& db, std::int64_t facility, const std::string& name,
                            const std::string& kana = "ミマモリ ハナコ", const std::string& birth_date = "1940-04-01");
std::int64_t insert_team(const TestDatabase& db, const std::string& name, std::int64_t patient /* 0: none */);
// A membership; the dates are SQL expressions (k_japan_today by default, open end).
void insert_member(const TestDatabase& db, std::int64_t team, std::int64_t account, std::int64_t facility,
                   const std::string& role, const std::string& starts_on = k_japan_today,
                   const std::string& ends_on = "NULL");
// A consent record as the API stores one (the current text); returns its id.
std::int64_t insert_consent(const TestDatabase& db, std::int64_t patient, bool family = true, bool withdrawn = false);

// A valid POST /api/v1/patients body.
Json patient_body(std::int64_t facility, const std::string& kana = "ヤマダ タロウ", const std::string& birth_date = "1941-03-15");
// A valid e-consent body (the current text and its hash, a drawn signature).
Json e_consent_body(bool family = true);
// A valid paper consent body around `bytes` named `name`.
Json paper_consent_body(const std::string& name, const std::string& bytes, const std::string& media_type = "");
// A small PDF that reads as whole.
std::string small_pdf();

// Row counts of every issue-4 table, to show that a refused request stored nothing.
std::string care_counts(const TestDatabase& db);

std::string path(const std::string& prefix, std::int64_t id, const std::string& rest = "");

} // namespace mimamori::test
