#include "services/staff.hpp"

#include <algorithm>

#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"
#include "repositories/facility_repository.hpp"
#include "repositories/invitation_repository.hpp"
#include "repositories/session_repository.hpp"
#include "services/master_input.hpp"

namespace mimamori::services {
namespace {

Error no_facility() { return Error::make(ErrorCode::NotFound, "no such facility"); }
Error no_member() { return Error::make(ErrorCode::NotFound, "no such staff member at this facility"); }

bool may_view(const perm::Principal& viewer, std::optional<std::int64_t> facility_id) {
    perm::Target target;
    target.facility_id = facility_id;
    return perm::decide(viewer, perm::Action::StaffView, target).allowed;
}

// The account's active affiliation with the facility, if any.
const repositories::StaffAffiliationRow* affiliation_at(const repositories::StaffRow& staff, std::int64_t facility_id) {
    for (const auto& a : staff.affiliations)
        if (a.facility_id == facility_id) return &a;
    return nullptr;
}

} // namespace

Result<std::vector<repositories::StaffRow>> list_staff(db::Tx& tx, const perm::Principal& viewer,
                                                       const StaffQuery& query) {
    static constexpr std::string_view statuses[] = {"invited", "active", "locked", "left"};
    if (!query.status.empty() && std::find(std::begin(statuses), std::end(statuses), query.status) == std::end(statuses))
        return Error::invalid("status", "status must be invited, active, locked or left");

    repositories::StaffFilter filter;
    filter.q = text::trim(query.q);
    filter.q_kana = text::to_katakana(kana::half_width_to_full_width_katakana(filter.q));
    filter.status = query.status;
    if (query.facility_id) {
        if (!repositories::find_facility(tx, *query.facility_id)) return no_facility();
        filter.facilities.push_back(*query.facility_id);
    } else if (viewer.is_secretariat_admin()) {
        filter.everyone = true;
    } else {
        filter.secretariat = may_view(viewer, std::nullopt);
        for (const auto& a : viewer.affiliations)
            if (may_view(viewer, a.facility_id)) filter.facilities.push_back(a.facility_id);
    }

    auto staff = repositories::list_staff(tx, filter);
    // A person who also works elsewhere: only the affiliations the viewer may see are shown.
    for (auto& s : staff)
        std::erase_if(s.affiliations, [&](const auto& a) { return !may_view(viewer, a.facility_id); });
    return staff;
}

Result<repositories::StaffRow> register_staff(db::Tx& tx, std::int64_t facility_id, const Json& body,
                                              const Inviter& inviter) {
    auto person = read_person(body, "", true);
    if (!person) return person.error();
    auto facility = repositories::find_facility(tx, facility_id);
    if (!facility) return no_facility();
    if (repositories::login_taken(tx, person->login))
        return Error{ErrorCode::Conflict, "login is already taken: choose another login id", "login"};

    const std::int64_t account_id = repositories::insert_staff_account(tx, invited_account(*person));
    repositories::insert_affiliation(tx, account_id, facility_id, person->manager);
    send_invitation(tx, inviter,
                    {account_id, person->name, person->login, person->email, facility_id, facility->fields.name},
                    InvitationPurpose::Staff);
    return *repositories::find_staff(tx, account_id);
}

Status unaffiliate_staff(db::Tx& tx, std::int64_t facility_id, std::int64_t account_id) {
    auto staff = repositories::find_staff(tx, account_id);
    if (!staff || !repositories::end_affiliation(tx, account_id, facility_id)) return no_member();
    if (repositories::active_affiliation_count(tx, account_id) == 0 && !staff->secretariat_role) {
        repositories::set_account_status(tx, account_id, "left");
        repositories::revoke_invitations(tx, account_id);
        repositories::delete_account_sessions(tx, account_id);
    }
    return {};
}

Result<std::int64_t> reinvite_staff(db::Tx& tx, std::int64_t facility_id, std::int64_t account_id,
                                    const Inviter& inviter) {
    auto staff = repositories::find_staff(tx, account_id);
    if (!staff) return no_member();
    const auto* affiliation = affiliation_at(*staff, facility_id);
    if (affiliation == nullptr) return no_member();
    if (staff->status != "invited")
        return Error::make(ErrorCode::Conflict, "this staff member has already set a password: no invitation is needed");
    return send_invitation(tx, inviter,
                           {account_id, staff->name, staff->login, staff->email, facility_id, affiliation->facility_name},
                           affiliation->manager ? InvitationPurpose::Representative : InvitationPurpose::Staff);
}

Json to_json(const repositories::StaffRow& s) {
    Json affiliations = Json::array();
    for (const auto& a : s.affiliations)
        affiliations.push_back({{"facility_id", a.facility_id}, {"facility_name", a.facility_name}, {"manager", a.manager}});
    return {{"id", s.id},
            {"login", s.login},
            {"name", s.name},
            {"name_kana", s.name_kana},
            {"email", s.email},
            {"profession", s.profession},
            {"status", s.status},
            {"secretariat_role", s.secretariat_role ? Json(*s.secretariat_role) : Json(nullptr)},
            {"two_factor_enabled", s.two_factor_enabled},
            {"affiliations", std::move(affiliations)}};
}

} // namespace mimamori::services
