#pragma once
// The status screen (route "/health", open without signing in): the server's and the database's
// health with both versions, and a text field to try typing (Japanese IME, on-screen keyboards).

#include "app_state.hpp"

namespace mimamori::web {

class StartScreen {
public:
    explicit StartScreen(AppState& state) : m_state(state) {}

    void draw();
    // The health check has an answer (or has failed): the screen shows all it will show.
    bool ready() const { return m_state.health.request.finished(); }

private:
    void draw_health();
    void draw_input_check();

    AppState& m_state;
};

} // namespace mimamori::web
