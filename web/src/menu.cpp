#include "menu.hpp"

#include "patient_facts.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;

constexpr MenuEntry kMenu[] = {
    {"/facilities", Msg::NavFacilities, Msg::NavFacilitiesHelp, Action::MenuFacilityList, "nav-facilities"},
    {"/staff", Msg::NavStaff, Msg::NavStaffHelp, Action::MenuStaffList, "nav-staff"},
    // The seed's planned change: managers see their facilities' patients (patient view (master)).
    {"/patients", Msg::NavPatients, Msg::NavPatientsHelp, Action::PatientViewMaster, "nav-patients",
     MenuScope::OwnFacilities},
    {"/consents", Msg::NavConsents, Msg::NavConsentsHelp, Action::ConsentOverview, "nav-consents"},
    {"/team-links", Msg::NavTeamLinks, Msg::NavTeamLinksHelp, Action::TeamLinkView, "nav-team-links",
     MenuScope::OwnFacilities},
    {"/audit", Msg::NavAudit, Msg::NavAuditHelp, Action::AuditLogView, "nav-audit"},
    {"/outbox", Msg::NavOutbox, Msg::NavOutboxHelp, Action::OutboxView, "nav-outbox"},
    {"/fees", Msg::NavFees, Msg::NavFeesHelp, Action::FeeReport, "nav-fees"},
    {"/fee-evidence", Msg::NavFeeEvidence, Msg::NavFeeEvidenceHelp, Action::FeeEvidenceView, "nav-fee-evidence",
     MenuScope::AnyFacility},
};

} // namespace

bool menu_allows(const perm::Principal& principal, const MenuEntry& entry) {
    if (entry.scope == MenuScope::AnyFacility) {
        for (const perm::Affiliation& a : principal.affiliations)
            if (perm::decide(principal, entry.action, {.facility_id = a.facility_id}).allowed) return true;
    }
    const perm::Target target = entry.scope == MenuScope::OwnFacilities ? own_facilities_target(principal) : perm::Target{};
    return perm::decide(principal, entry.action, target).allowed;
}

std::vector<const MenuEntry*> allowed_menu(const perm::Principal& principal) {
    std::vector<const MenuEntry*> out;
    for (const MenuEntry& e : kMenu) {
        if (menu_allows(principal, e)) out.push_back(&e);
    }
    return out;
}

const MenuEntry* menu_entry_for(std::string_view route) {
    for (const MenuEntry& e : kMenu) {
        if (route == e.route || (route.starts_with(e.route) && route.size() > e.route.size() &&
                                 route[e.route.size()] == '/')) {
            return &e;
        }
    }
    return nullptr;
}

bool opens_patient_screens(const perm::Principal& principal) {
    return perm::decide(principal, Action::TeamView, {.team_member = true}).allowed;
}

bool home_is_my_patients(const perm::Principal& principal) {
    // A member acts for one of their facilities (team_members.facility_id): without one, an
    // account joins no team.
    if (principal.affiliations.empty()) return false;
    perm::Target member = own_facilities_target(principal);
    member.team_member = true;
    return perm::decide(principal, Action::TeamView, member).allowed;
}

} // namespace mimamori::web
