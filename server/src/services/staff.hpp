#pragma once
// Staff (スタッフ) as master maintenance sees them: the list each role may see (StaffView), a new
// staff member at a facility (an invited account and its mail), 所属解除, and スタッフ登録再依頼.
// The caller has checked the action's permission for the facility concerned.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/permissions.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/staff_repository.hpp"
#include "services/invitations.hpp"

namespace mimamori::services {

struct StaffQuery {
    std::optional<std::int64_t> facility_id; // none: everyone `viewer` may see
    std::string q;                           // part of the name, kana or login id
    std::string status;                      // invited, active, locked, left; "" for all
};

// What StaffView allows `viewer`: one facility's staff, or without a facility the secretariat
// administrator everyone, a secretariat user the secretariat's staff, others their own
// facilities' staff. Each person's affiliations are cut to the facilities `viewer` may see.
Result<std::vector<repositories::StaffRow>> list_staff(db::Tx& tx, const perm::Principal& viewer,
                                                       const StaffQuery& query);

// A new staff member of `facility_id` (an invited account; manager when the body says so) and
// the invitation mail. A taken login id is a Conflict on "login".
Result<repositories::StaffRow> register_staff(db::Tx& tx, std::int64_t facility_id, const Json& body,
                                              const Inviter& inviter);

// 所属解除. With no affiliation left (and no secretariat role) the account is 'left': its sessions
// end and its open invitation links are void.
Status unaffiliate_staff(db::Tx& tx, std::int64_t facility_id, std::int64_t account_id);

// スタッフ登録再依頼: a new link for a staff member of the facility who has not yet accepted.
Result<std::int64_t> reinvite_staff(db::Tx& tx, std::int64_t facility_id, std::int64_t account_id,
                                    const Inviter& inviter);

// The API's Staff.
Json to_json(const repositories::StaffRow& staff);

} // namespace mimamori::services
