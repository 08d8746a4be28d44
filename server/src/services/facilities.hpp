#pragma once
// Facilities (事業所) and their contracts, as the secretariat maintains them: search, register
// with the representative staff member (代表スタッフ, invited by mail), view, edit, delete (refused
// while staff or patients remain), 代表スタッフ再依頼, and the two-factor policy. The caller has
// checked the permission (perm::decide through the guard) before calling.

#include <cstdint>
#include <string>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/facility_repository.hpp"
#include "services/invitations.hpp"

namespace mimamori::services {

struct Facility {
    repositories::FacilityRow row;
    std::int64_t patient_count = 0;
    std::int64_t monthly_fee_yen = 0;
    std::int64_t annual_fee_yen = 0;
};

struct FacilityQuery {
    std::string q;      // part of the name or the kana (hiragana is matched as katakana)
    std::string type;   // a vocabulary code, "" for all
    std::string status; // active, suspended, "" for all
};

// Facilities in kana order; an unknown type or status is an InvalidInput naming it.
Result<std::vector<Facility>> list_facilities(db::Tx& tx, const FacilityQuery& query);
Result<Facility> get_facility(db::Tx& tx, std::int64_t id);

// POST /api/v1/facilities: the facility, its representative as a new staff account (invited,
// manager of the facility) and the invitation mail, all in `tx`. A taken login id is a Conflict
// on "representative.login".
Result<Facility> register_facility(db::Tx& tx, const Json& body, const Inviter& inviter);
// PUT /api/v1/facilities/{id}: the form's fields; status and contract dates left out stay.
Result<Facility> update_facility(db::Tx& tx, std::int64_t id, const Json& body);
// Conflict, saying how many staff and patients remain, while any do.
Status delete_facility(db::Tx& tx, std::int64_t id);
// 代表スタッフ再依頼: a new link for a representative who has not yet accepted. Returns its expiry.
Result<std::int64_t> reinvite_representative(db::Tx& tx, std::int64_t id, const Inviter& inviter);
// PUT /api/v1/facilities/{id}/security {"require_two_factor": bool}.
Result<Facility> set_facility_security(db::Tx& tx, std::int64_t id, const Json& body);

// The answer's JSON (the API's Facility).
Json to_json(const Facility& facility);

} // namespace mimamori::services
