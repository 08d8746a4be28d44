#pragma once
// Route "/about": what the app is for, its version, and the typeface's licence.

#include "app_state.hpp"

namespace mimamori::web {

class AboutScreen {
public:
    explicit AboutScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    AppState& m_state;
};

} // namespace mimamori::web
