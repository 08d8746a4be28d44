#pragma once
// Route "/account": one's own account. Who one is (name, login id, roles, facilities), the
// password change, two-factor sign-in, signing out here and signing out on every device.

#include "app_state.hpp"
#include "screens/password_change_form.hpp"
#include "screens/two_factor_panel.hpp"
#include "ui/confirm.hpp"

namespace mimamori::web {

class AccountScreen {
public:
    explicit AccountScreen(AppState& state) : m_state(state), m_password(state), m_two_factor(state) {}
    void draw();

private:
    void draw_identity();
    void draw_password();
    void draw_sessions();

    AppState& m_state;
    PasswordChangeForm m_password;
    TwoFactorPanel m_two_factor;
    ui::ConfirmDialog m_confirm;
    api::Job<api::Nothing> m_sign_out_all;
    bool m_password_changed = false;
    std::string m_problem;
};

} // namespace mimamori::web
