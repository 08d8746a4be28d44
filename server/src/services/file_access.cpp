#include "services/file_access.hpp"

#include "repositories/patient_access_repository.hpp"

namespace mimamori::services {

std::optional<perm::Target> file_patient_target(db::Tx& tx, std::int64_t patient_id, const perm::Principal& principal) {
    auto facts = repositories::find_patient_access(tx, patient_id, principal.account_id);
    if (!facts) return std::nullopt;
    perm::Target t;
    t.patient_id = patient_id;
    t.facility_id = facts->facility_id;
    t.patient_facility_ids.push_back(facts->facility_id);
    for (auto id : facts->team_facility_ids)
        if (id != facts->facility_id) t.patient_facility_ids.push_back(id);
    t.team_member = facts->team_member && !principal.family;
    t.consent_recorded = facts->consent_recorded;
    t.family_scope = facts->family_scope;
    t.team_locked = facts->withdrawn;
    return t;
}

} // namespace mimamori::services
