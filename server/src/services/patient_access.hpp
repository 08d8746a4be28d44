#pragma once
// THE loading of what perm::decide needs to know about a patient (DESIGN.md §3): every endpoint
// that touches a patient's data -- the patient, its team, consents, family accounts, and later
// memos, files, schedules and the family space -- calls load_patient_target() and passes its
// Target to http::authorize (or perm::decide). One function, so that no endpoint can forget
// consent or a withdrawn consent's lock:
//
//   patient_id            the patient asked about
//   patient_facility_ids  the registering facility and the facilities of the current members
//   team_member           the principal is a current member (period holds today in Japan, not
//                         left, still affiliated with the facility they act for)
//   consent_recorded      the patient's newest consent record exists (withdrawn or not)
//   family_scope          that record includes family participation
//   team_locked           that record is withdrawn: the team is read-only, the family space locked
//
// The timeline page (api/memo_routes.cpp), the one request frequent enough to matter, decides on
// the same facts kept in the read cache (services/read_cache.hpp: repositories::patient_audiences,
// the event hub's loader, dropped by every write that changes them); everything else loads here.
//
// A patient that does not exist gives none; authorize with unknown_patient_target(id) then, a
// Target with only patient_id, which decide() refuses to everyone but the secretariat
// administrator -- so ids cannot be probed (403, never 404).

#include <cstdint>
#include <optional>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/permissions.hpp"
#include "repositories/patient_repository.hpp"

namespace mimamori::services {

// Today's date in Japan: the day memberships are judged on.
Date japan_today();

std::optional<perm::Target> load_patient_target(db::Tx& tx, std::int64_t patient_id, const perm::Principal& principal);

// The Target of a patient id that names no patient.
perm::Target unknown_patient_target(std::int64_t patient_id);

// The Target of facts already loaded (a list's rows carry them): what load_patient_target() makes
// of what it loads, for lists that would otherwise load each patient again.
perm::Target patient_target(const perm::Principal& principal, std::int64_t patient_id,
                            const repositories::PatientFacts& facts);
// The facts a patient row of a list carries; `member`: the principal is a current member.
repositories::PatientFacts facts_of(const repositories::PatientRow& row, bool member);

// A care team's facts: those of its patient when it is linked (load_patient_target), else its own
// (current members and their facilities; no consent, so nothing of a patient is shared).
struct TeamAccess {
    bool exists = false;
    perm::Target target;
    std::optional<std::int64_t> patient_id;
};

TeamAccess team_access(db::Tx& tx, const perm::Principal& principal, std::int64_t team_id);

} // namespace mimamori::services
