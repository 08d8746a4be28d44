#pragma once
// The app's menu: each master-maintenance and secretariat screen with the permission that shows
// it (perm::decide decides; the app has no role checks of its own). The header, the home screen
// and the route guard read this one table.

#include <string_view>
#include <vector>

#include "i18n/i18n.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web {

struct MenuEntry {
    std::string_view route; // "/facilities"; also the prefix of the screen's deeper routes
    i18n::Msg label;
    i18n::Msg description; // a line on the home screen
    perm::Action action;   // the action that shows it
    const char* id;        // the widget id
};

// The entries `principal` may open, in menu order.
std::vector<const MenuEntry*> allowed_menu(const perm::Principal& principal);

// The entry whose screen shows `route` ("/staff/12" belongs to "/staff"), or nullptr.
const MenuEntry* menu_entry_for(std::string_view route);

} // namespace mimamori::web
