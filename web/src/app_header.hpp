#pragma once
// The band at the top of every screen: the logo and name, the language switch, and for a
// signed-in person their name and role (to their account), sign-out, and a row with the menu
// that perm::decide allows. A shared terminal (kiosk) session shows a prominent "switch user"
// and, in its last minute, the seconds before it locks.

#include "app_state.hpp"

namespace mimamori::web {

class AppHeader {
public:
    explicit AppHeader(AppState& state) : m_state(state) {}

    // Draws the header at the top of the window; the cursor is left below it.
    void draw();

private:
    void draw_logo(float size);
    // The right-hand group of the top row, drawn right-aligned ending at `right` (compact when
    // it would reach `left`); returns the x where it starts.
    float draw_controls(float left, float right, float y, float row_height);
    void draw_menu(float top);

    AppState& m_state;
    bool m_name_shown = false; // the person's name (a link to their account) fits the top row
};

} // namespace mimamori::web
