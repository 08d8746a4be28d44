#pragma once
// Any route the app does not know (a mistyped or outdated link), or one the signed-in person may
// not open (`forbidden`: perm::decide said no).

#include "app_state.hpp"

namespace mimamori::web {

class NotFoundScreen {
public:
    explicit NotFoundScreen(AppState& state) : m_state(state) {}
    void draw(bool forbidden = false);

private:
    AppState& m_state;
};

} // namespace mimamori::web
