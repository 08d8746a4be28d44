#pragma once
// Route "/password": the forced change of an initial password at first sign-in. Until it is
// done nothing else of the app is reachable (App sends every route here); signing out is.

#include "app_state.hpp"
#include "screens/password_change_form.hpp"

namespace mimamori::web {

class PasswordScreen {
public:
    explicit PasswordScreen(AppState& state) : m_state(state), m_form(state) {}
    void draw();

private:
    AppState& m_state;
    PasswordChangeForm m_form;
    bool m_changed = false;
};

} // namespace mimamori::web
