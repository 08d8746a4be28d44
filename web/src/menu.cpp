#include "menu.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;

constexpr MenuEntry kMenu[] = {
    {"/facilities", Msg::NavFacilities, Msg::NavFacilitiesHelp, Action::MenuFacilityList, "nav-facilities"},
    {"/staff", Msg::NavStaff, Msg::NavStaffHelp, Action::MenuStaffList, "nav-staff"},
    {"/patients", Msg::NavPatients, Msg::NavPatientsHelp, Action::MenuPatientList, "nav-patients"},
    {"/audit", Msg::NavAudit, Msg::NavAuditHelp, Action::AuditLogView, "nav-audit"},
    {"/outbox", Msg::NavOutbox, Msg::NavOutboxHelp, Action::OutboxView, "nav-outbox"},
    {"/fees", Msg::NavFees, Msg::NavFeesHelp, Action::FeeReport, "nav-fees"},
};

} // namespace

std::vector<const MenuEntry*> allowed_menu(const perm::Principal& principal) {
    std::vector<const MenuEntry*> out;
    for (const MenuEntry& e : kMenu) {
        if (perm::decide(principal, e.action).allowed) out.push_back(&e);
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

} // namespace mimamori::web
