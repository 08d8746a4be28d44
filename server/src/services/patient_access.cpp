#include "services/patient_access.hpp"

#include <ctime>

#include "mimamori/common/japan_time.hpp"
#include "repositories/patient_repository.hpp"
#include "repositories/team_repository.hpp"

namespace mimamori::services {

Date japan_today() { return japan_date(static_cast<UnixSeconds>(std::time(nullptr))); }

perm::Target patient_target(const perm::Principal& principal, std::int64_t patient_id,
                            const repositories::PatientFacts& facts) {
    perm::Target t;
    t.patient_id = patient_id;
    t.patient_facility_ids.push_back(facts.facility_id);
    for (auto id : facts.member_facility_ids)
        if (id != facts.facility_id) t.patient_facility_ids.push_back(id);
    // Family accounts are never team members, whatever a row might say.
    t.team_member = facts.member && !principal.family;
    t.consent_recorded = facts.consent.id.has_value();
    t.family_scope = facts.consent.id && facts.consent.family;
    t.team_locked = facts.consent.id && facts.consent.withdrawn;
    return t;
}

repositories::PatientFacts facts_of(const repositories::PatientRow& row, bool member) {
    return {row.fields.facility_id, row.team_id, row.member_facility_ids, member, row.consent};
}

perm::Target unknown_patient_target(std::int64_t patient_id) {
    perm::Target t;
    t.patient_id = patient_id;
    return t;
}

std::optional<perm::Target> load_patient_target(db::Tx& tx, std::int64_t patient_id, const perm::Principal& principal) {
    auto facts = repositories::patient_facts(tx, patient_id, principal.account_id, japan_today());
    if (!facts) return std::nullopt;
    return patient_target(principal, patient_id, *facts);
}

TeamAccess team_access(db::Tx& tx, const perm::Principal& principal, std::int64_t team_id) {
    TeamAccess out;
    const Date today = japan_today();
    auto team = repositories::find_team(tx, team_id, today);
    if (!team) return out;
    out.exists = true;
    out.patient_id = team->patient_id;
    if (team->patient_id) {
        out.target = load_patient_target(tx, *team->patient_id, principal).value_or(unknown_patient_target(*team->patient_id));
        return out;
    }
    out.target.patient_facility_ids = team->member_facility_ids;
    out.target.team_member = !principal.family && repositories::is_current_member(tx, team_id, principal.account_id, today);
    return out;
}

} // namespace mimamori::services
