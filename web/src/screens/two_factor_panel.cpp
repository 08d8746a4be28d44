#include "screens/two_factor_panel.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/page.hpp"
#include "session/session.hpp"
#include "ui/password_fields.hpp"
#include "ui/qr_view.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kQrSizeEm = 13.0f;

// The secret in groups of four, as authenticator apps show it for typing by hand.
std::string grouped(std::string_view secret) {
    std::string out;
    for (std::size_t i = 0; i < secret.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += secret[i];
    }
    return out;
}

} // namespace

void TwoFactorPanel::forget() {
    if (m_enrolment) {
        ui::wipe(m_enrolment->secret_base32);
        ui::wipe(m_enrolment->otpauth_uri);
    }
    m_enrolment.reset();
    m_qr.reset();
    for (std::string& code : m_recovery_codes) ui::wipe(code);
    m_recovery_codes.clear();
    ui::wipe(m_code);
    ui::wipe(m_password);
}

void TwoFactorPanel::poll() {
    const Lang lang = m_state.lang;
    auto problem = [this, lang](const api::Failure& f) { m_problem = ui::describe(lang, f); };
    m_start.poll(
        [this](const api::TwoFactorEnrolment& enrolment) {
            m_enrolment = enrolment;
            m_scroll_into_view = true;
            if (auto code = qr::encode_text(enrolment.otpauth_uri, {.ecc = qr::Ecc::M})) m_qr = *code;
        },
        problem);
    m_confirm.poll(
        [this](const std::vector<std::string>& codes) {
            const std::vector<std::string> kept = codes;
            forget();
            m_recovery_codes = kept;
            m_saved = false;
            m_scroll_into_view = true;
        },
        [this, lang, problem](const api::Failure& f) {
            ui::wipe(m_code);
            if (f.http_status == 401 || f.http_status == 400) {
                m_errors.set("code", i18n::tr(lang, Msg::TwoFactorCodeWrong));
            } else {
                problem(f);
            }
        });
    m_disable.poll(
        [this, lang](const api::Nothing&) {
            forget();
            m_notice = i18n::tr(lang, Msg::TwoFactorDisabled);
            session::refresh(m_state);
        },
        [this, lang, problem](const api::Failure& f) {
            ui::wipe(m_code);
            ui::wipe(m_password);
            if (f.http_status == 409) {
                m_problem = i18n::tr(lang, Msg::TwoFactorRequiredByFacility);
            } else if (f.http_status == 401 || f.http_status == 400) {
                m_problem = i18n::tr(lang, Msg::TwoFactorDisableWrong);
            } else {
                problem(f);
            }
        });
}

void TwoFactorPanel::draw() {
    poll();
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::TwoFactorTitle));
    ui::space(0.25f);
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    if (!m_recovery_codes.empty()) {
        draw_recovery_codes();
    } else if (m_enrolment) {
        draw_enrolment();
    } else if (m_state.session.me && m_state.session.me->two_factor_enabled) {
        draw_on();
    } else {
        draw_off();
    }
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::end_card();
}

void TwoFactorPanel::draw_off() {
    const Lang lang = m_state.lang;
    const bool required = m_state.session.me && m_state.session.me->two_factor_required;
    ui::status_line(required ? ui::Tone::Warning : ui::Tone::Pending,
                    i18n::tr(lang, required ? Msg::TwoFactorRequiredNotice : Msg::TwoFactorOff));
    ui::text_muted(i18n::tr(lang, Msg::TwoFactorExplain));
    ui::space(0.25f);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::TwoFactorStart), "two-factor-start", m_start.busy())) {
        m_problem.clear();
        m_notice.clear();
        m_start.start(api::start_two_factor());
    }
}

void TwoFactorPanel::draw_enrolment() {
    const Lang lang = m_state.lang;
    if (m_scroll_into_view) { // the code and what follows it in view, once
        ImGui::SetScrollHereY(0.05f);
        m_scroll_into_view = false;
    }
    ui::text(i18n::tr(lang, Msg::TwoFactorScan));
    ui::space(0.25f);
    if (m_qr) ui::qr_code(*m_qr, kQrSizeEm, "two-factor-qr");
    ui::space(0.25f);
    ui::text_muted(i18n::tr(lang, Msg::TwoFactorSecretHelp));
    ui::text(grouped(m_enrolment->secret_base32));
    ui::space(0.5f);
    const bool enter = ui::enter_pressed();
    ui::form_text(i18n::tr(lang, Msg::TwoFactorCode), "code", m_code, m_errors, {.hint = "123456", .width_em = 10.0f});
    ui::space(0.25f);
    const std::string digits = ui::six_digit_code(m_code);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::TwoFactorConfirm), "two-factor-confirm", m_confirm.busy(),
                          !digits.empty(), enter)) {
        m_errors.clear();
        m_problem.clear();
        m_confirm.start(api::confirm_two_factor(digits));
    }
    ImGui::SameLine(0.0f, 1.0f * ui::em());
    if (ui::secondary_button(i18n::tr(lang, Msg::Cancel), "two-factor-cancel")) forget();
}

void TwoFactorPanel::draw_recovery_codes() {
    const Lang lang = m_state.lang;
    if (m_scroll_into_view) {
        ImGui::SetScrollHereY(0.05f);
        m_scroll_into_view = false;
    }
    ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::TwoFactorEnabledNow));
    ui::text(i18n::tr(lang, Msg::RecoveryCodesIntro));
    ui::space(0.25f);
    for (const std::string& code : m_recovery_codes) ui::text(code);
    ui::space(0.25f);
    if (ui::secondary_button(i18n::tr(lang, Msg::RecoveryCodesPrint), "recovery-print")) {
        std::vector<std::string> lines = m_recovery_codes;
        if (m_state.session.me) lines.insert(lines.begin(), i18n::tr(lang, Msg::LoginId) + std::string(": ") +
                                                               m_state.session.me->account.login);
        page::print(i18n::tr(lang, Msg::RecoveryCodesPrintTitle), lines);
        for (std::string& line : lines) ui::wipe(line);
    }
    ui::space(0.25f);
    ui::checkbox(i18n::tr(lang, Msg::RecoveryCodesSaved), "recovery-saved", m_saved);
    if (ui::button(i18n::tr(lang, Msg::Done), "recovery-done", m_saved)) {
        forget();
        session::refresh(m_state); // two_factor.enabled is true now
    }
}

void TwoFactorPanel::draw_on() {
    const Lang lang = m_state.lang;
    ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::TwoFactorOn));
    if (m_state.session.me->two_factor_required) {
        ui::text_muted(i18n::tr(lang, Msg::TwoFactorRequiredByFacility));
        return;
    }
    ui::space(0.25f);
    ui::text_muted(i18n::tr(lang, Msg::TwoFactorDisableHelp));
    const bool enter = ui::enter_pressed();
    ui::input_text(i18n::tr(lang, Msg::Password), "disable-password", m_password, {.password = true});
    ui::input_text(i18n::tr(lang, Msg::TwoFactorCode), "disable-code", m_code, {.hint = "123456", .width_em = 10.0f});
    ui::space(0.25f);
    const std::string digits = ui::six_digit_code(m_code);
    const bool ready = !m_password.empty() && !digits.empty() && !m_disable.busy();
    if (ui::danger_button(i18n::tr(lang, Msg::TwoFactorDisable), "two-factor-disable", ready) || (enter && ready)) {
        m_problem.clear();
        m_notice.clear();
        m_disable.start(api::disable_two_factor(m_password, digits));
    }
}

} // namespace mimamori::web
