#pragma once
// Route "/signin": login id and password (and whether this is a shared terminal), then, when the
// server asks for it, the two-factor step: the authenticator's 6-digit code or a recovery code.
// A device once used as a shared terminal stays ticked as one (a setting of the device, nothing
// secret). Says plainly what went wrong: wrong credentials, a wrong code, a lockout (until when), an
// unreachable server, or why the last session ended.

#include <cstdint>
#include <optional>
#include <string>

#include "api/account_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class SignInScreen {
public:
    explicit SignInScreen(AppState& state);
    ~SignInScreen();
    void draw();

private:
    enum class Step { Password, SecondFactor };

    void draw_password_step();
    void draw_second_factor_step();
    void draw_problem();
    void submit();
    void on_failure(const api::Failure& failure);
    void start_over();

    AppState& m_state;
    Step m_step = Step::Password;
    std::string m_login;
    std::string m_password;
    std::string m_code;
    std::string m_recovery_code;
    bool m_kiosk = false;
    bool m_use_recovery_code = false;
    ui::FieldErrors m_errors;
    api::Job<api::SignedIn> m_job;
    std::optional<api::Failure> m_failure;
    std::optional<std::int64_t> m_locked_until; // unix seconds
};

} // namespace mimamori::web
