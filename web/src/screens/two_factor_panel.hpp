#pragma once
// Two-factor sign-in on the account screen: enrolment (the QR code of the otpauth URI drawn from
// common's encoder, the secret as text for typing by hand, a code to confirm), the ten recovery
// codes shown once with a print button and an "I have saved them" confirmation, and turning it
// off again (password and a code; refused while a facility of the account requires it).

#include <optional>
#include <string>
#include <vector>

#include "api/account_api.hpp"
#include "app_state.hpp"
#include "mimamori/common/qr.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class TwoFactorPanel {
public:
    explicit TwoFactorPanel(AppState& state) : m_state(state) {}
    ~TwoFactorPanel() { forget(); }
    void draw();

private:
    void draw_off();
    void draw_enrolment();
    void draw_recovery_codes();
    void draw_on();
    void poll();
    void forget(); // overwrites the secret, the codes and what was typed

    AppState& m_state;
    api::Job<api::TwoFactorEnrolment> m_start;
    api::Job<std::vector<std::string>> m_confirm;
    api::Job<api::Nothing> m_disable;
    std::optional<api::TwoFactorEnrolment> m_enrolment;
    std::optional<qr::QrCode> m_qr;
    std::vector<std::string> m_recovery_codes;
    bool m_saved = false;
    bool m_scroll_into_view = false; // the QR code or the recovery codes just arrived
    std::string m_code;
    std::string m_password;
    ui::FieldErrors m_errors;
    std::string m_problem;
    std::string m_notice;
};

} // namespace mimamori::web
