#pragma once
// Route "/" for a signed-in person: who is signed in, the screens they may open (the same menu
// as the header, with a line on what each is for), and a nudge towards two-factor sign-in.

#include "app_state.hpp"

namespace mimamori::web {

class HomeScreen {
public:
    explicit HomeScreen(AppState& state) : m_state(state) {}
    void draw();
    // The kiosk notice and the nudge towards two-factor sign-in, for homes drawn otherwise.
    void draw_notices();

private:
    void draw_two_factor_hint();

    AppState& m_state;
};

} // namespace mimamori::web
