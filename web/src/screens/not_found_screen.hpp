#pragma once
// Any route the app does not know (a mistyped or outdated link).

#include "app_state.hpp"

namespace mimamori::web {

class NotFoundScreen {
public:
    explicit NotFoundScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    AppState& m_state;
};

} // namespace mimamori::web
