#pragma once
// The perm::Target of a patient for the signed-in principal, as the file routes (issue 7) need it
// to rule on reading or writing the patient's record and family space.
//
// TEMPORARY: issue 4 is building THE loader of these facts (services::load_patient_target in
// services/patient_access.hpp); it was not committed when issue 7 was. This is the one place
// files load them: once issue 4's loader is in, call it here (or from api/file_support.cpp) and
// delete this file and repositories/patient_access_repository.*.

#include <cstdint>
#include <optional>

#include "db/database.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::services {

// nullopt when there is no such patient. A family principal is a "team member" of nobody; its
// own patient is told by Principal::family_patient_id, which decide() compares.
std::optional<perm::Target> file_patient_target(db::Tx& tx, std::int64_t patient_id, const perm::Principal& principal);

} // namespace mimamori::services
