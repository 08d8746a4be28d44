#pragma once
// The app's menu: each master-maintenance and secretariat screen with the permission that shows
// it (perm::decide decides; the app has no role checks of its own). The header, the home screen
// and the route guard read this one table.

#include <string_view>
#include <vector>

#include "i18n/i18n.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web {

// What an entry's action is decided on, as the server decides its list routes.
enum class MenuScope {
    Anything,      // no target: a secretariat screen
    OwnFacilities, // the person's facilities (a manager's patients, patient–team links)
    AnyFacility,   // one of the person's facilities (facility_id), or none for the secretariat
};

struct MenuEntry {
    std::string_view route; // "/facilities"; also the prefix of the screen's deeper routes
    i18n::Msg label;
    i18n::Msg description; // a line on the home screen
    perm::Action action;   // the action that shows it
    const char* id;        // the widget id
    MenuScope scope = MenuScope::Anything;
};

// The entries `principal` may open, in menu order.
std::vector<const MenuEntry*> allowed_menu(const perm::Principal& principal);

// Whether `principal` may open `entry` (and its list route).
bool menu_allows(const perm::Principal& principal, const MenuEntry& entry);

// The entry whose screen shows `route` ("/staff/12" belongs to "/staff"), or nullptr.
const MenuEntry* menu_entry_for(std::string_view route);

// Whether the person opens the screens of one patient or team (staff, who may be members of care
// teams; a family account has its family space instead). What each shows is decided there.
bool opens_patient_screens(const perm::Principal& principal);

// Whether the person's home is "my patients" (the patients of the care teams they belong to):
// staff who join teams for a facility. The secretariat's home is the menu; a family's, its
// family home.
bool home_is_my_patients(const perm::Principal& principal);

} // namespace mimamori::web
