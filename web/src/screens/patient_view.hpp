#pragma once
// One patient as the patient screens show it: the record, its care team, and the facts
// perm::decide decides on. Before the patient's consent is recorded a team member may not read
// the record itself (PatientRecordRead); they then see what "my patients" and the team tell them
// (name, kana, birth date, status, the consent state): `limited`.

#include <optional>

#include "api/patients_api.hpp"
#include "api/teams_api.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web {

struct PatientView {
    api::Patient patient;
    std::optional<api::Team> team;
    bool limited = false;
    perm::Target target; // patient_target() of the above

    const api::Team* team_or_null() const { return team ? &*team : nullptr; }
};

} // namespace mimamori::web
