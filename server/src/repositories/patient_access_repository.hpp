#pragma once
// SQL for the facts perm::decide() needs about one patient and one account (migration 0005):
// current care-team membership, the latest consent, the facilities related to the patient.
//
// Issue 7 (files) needs these before issue 4's patient services are in; services/file_access.hpp is
// the one place that uses this, to be replaced by issue 4's loader (services::load_patient_target)
// once it lands.

#include <cstdint>
#include <optional>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

struct PatientAccessFacts {
    std::int64_t facility_id = 0;              // the registering facility
    std::vector<std::int64_t> team_facility_ids; // facilities of the current team members
    bool team_member = false;                  // the account is a current member of the patient's team
    bool consent_recorded = false;             // the latest consent covers professional sharing
    bool family_scope = false;                 // ... and family participation, and is not withdrawn
    bool withdrawn = false;                    // the latest consent was withdrawn
};

// nullopt when there is no such patient.
std::optional<PatientAccessFacts> find_patient_access(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id);

} // namespace mimamori::repositories
