#include "screens/signin_screen.hpp"

#include "family/family_vault.hpp"
#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/recovery_codes.hpp"
#include "mimamori/common/text.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "platform/settings.hpp"
#include "session/session.hpp"
#include "ui/password_fields.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr const char* kKioskSetting = "kiosk";
} // namespace

SignInScreen::SignInScreen(AppState& state) : m_state(state), m_kiosk(settings::load(kKioskSetting) == "1") {}

SignInScreen::~SignInScreen() {
    ui::wipe(m_password);
    ui::wipe(m_code);
    ui::wipe(m_recovery_code);
}

void SignInScreen::draw() {
    m_job.poll(
        [this](const api::SignedIn& signed_in) {
            session::begin(m_state, signed_in);
            // The family space keys are unwrapped with this password once GET /me/keys answers
            // (family_vault.hpp), so that the space opens without asking again.
            family::vault().hold_sign_in_password(m_password, m_state.session.generation);
            ui::wipe(m_password);
            ui::wipe(m_code);
            ui::wipe(m_recovery_code);
            ui::forget_text_input();
            const std::string next = m_state.session.return_to.empty() ? "/" : m_state.session.return_to;
            m_state.session.return_to.clear();
            router::redirect(next);
        },
        [this](const api::Failure& failure) { on_failure(failure); });

    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, m_step == Step::Password ? Msg::SignInTitle : Msg::TwoFactorTitle));
    ui::space(0.25f);
    if (m_step == Step::Password) {
        draw_password_step();
    } else {
        draw_second_factor_step();
    }
    ui::end_card();
    ui::space(1.0f);
    if (ui::link(i18n::tr(lang, Msg::StatusTitle), "nav-health")) router::navigate("/health");
    ImGui::SameLine(0.0f, 2.0f * ui::em());
    if (ui::link(i18n::tr(lang, Msg::NavAbout), "nav-about")) router::navigate("/about");
}

void SignInScreen::draw_password_step() {
    const Lang lang = m_state.lang;
    switch (m_state.session.last_end) {
    case SessionEnd::SignedOut: ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::SignedOutNotice)); break;
    case SessionEnd::Expired: ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::SessionExpiredNotice)); break;
    case SessionEnd::IdleLock: ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::IdleLockNotice)); break;
    case SessionEnd::None: break;
    }
    const bool enter = ui::enter_pressed();
    ui::form_text(i18n::tr(lang, Msg::LoginId), "login", m_login, m_errors);
    ui::form_text(i18n::tr(lang, Msg::Password), "password", m_password, m_errors, {.password = true});
    ui::checkbox(i18n::tr(lang, Msg::SignInKiosk), "kiosk", m_kiosk);
    ui::text_muted(i18n::tr(lang, Msg::SignInKioskHelp));
    draw_problem();
    ui::space(0.25f);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::SignInButton), "signin", m_job.busy(), true, enter)) {
        submit();
    }
}

void SignInScreen::draw_second_factor_step() {
    const Lang lang = m_state.lang;
    const bool enter = ui::enter_pressed();
    if (m_use_recovery_code) {
        ui::text(i18n::tr(lang, Msg::TwoFactorRecoveryHelp));
        ui::form_text(i18n::tr(lang, Msg::RecoveryCode), "recovery_code", m_recovery_code, m_errors,
                      {.hint = "XXXX-XXXX-XXXX"});
    } else {
        ui::text(i18n::tr(lang, Msg::TwoFactorCodeHelp));
        ui::form_text(i18n::tr(lang, Msg::TwoFactorCode), "totp", m_code, m_errors, {.hint = "123456"});
    }
    draw_problem();
    ui::space(0.25f);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::Confirm), "signin-code", m_job.busy(), true, enter)) {
        submit();
    }
    ui::space(0.5f);
    const Msg other = m_use_recovery_code ? Msg::TwoFactorUseCode : Msg::TwoFactorUseRecovery;
    if (ui::link(i18n::tr(lang, other), "signin-other-factor")) {
        m_use_recovery_code = !m_use_recovery_code;
        m_errors.clear();
        m_failure.reset();
    }
    ui::space(0.25f);
    if (ui::link(i18n::tr(lang, Msg::SignInStartOver), "signin-start-over")) start_over();
}

void SignInScreen::draw_problem() {
    if (!m_failure) return;
    const Lang lang = m_state.lang;
    const api::Failure& f = *m_failure;
    std::string message;
    if (f.http_status == 429) {
        const std::string until = m_locked_until ? clock::local_time_at(*m_locked_until) : std::string("-");
        message = i18n::fmt(i18n::tr(lang, Msg::SignInLocked), {until});
    } else if (f.http_status == 401 && m_step == Step::Password) {
        message = i18n::tr(lang, Msg::SignInWrong);
    } else if (f.http_status == 401) {
        message = i18n::tr(lang, m_use_recovery_code ? Msg::RecoveryCodeWrong : Msg::TwoFactorCodeWrong);
    } else {
        message = ui::describe(lang, f);
    }
    ui::space(0.25f);
    ui::status_line(ui::Tone::Error, message);
}

void SignInScreen::submit() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    m_failure.reset();
    api::SignInRequest request{text::trim(m_login), m_password, {}, {}, m_kiosk};
    if (request.login.empty()) m_errors.set("login", i18n::tr(lang, Msg::ErrRequired));
    if (m_password.empty()) m_errors.set("password", i18n::tr(lang, Msg::ErrRequired));
    if (m_step == Step::SecondFactor) {
        if (m_use_recovery_code) {
            auto code = recovery::normalise(m_recovery_code);
            if (code) {
                request.recovery_code = *code;
            } else {
                m_errors.set("recovery_code", i18n::tr(lang, Msg::RecoveryCodeFormat));
            }
        } else {
            request.totp = ui::six_digit_code(m_code);
            if (request.totp.empty()) m_errors.set("totp", i18n::tr(lang, Msg::TwoFactorCodeFormat));
        }
    }
    if (!m_errors.empty()) return;
    settings::save(kKioskSetting, m_kiosk ? "1" : "0");
    m_job.start(api::sign_in(request));
    ui::wipe(request.password);
}

void SignInScreen::on_failure(const api::Failure& failure) {
    if (failure.http_status == 401 && failure.is("two_factor_required") && m_step == Step::Password) {
        m_step = Step::SecondFactor; // the password was right: now the code
        return;
    }
    m_failure = failure;
    m_locked_until.reset();
    if (failure.http_status == 429) m_locked_until = clock::unix_seconds() + failure.retry_after_seconds.value_or(0);
    if (m_step == Step::SecondFactor) {
        ui::wipe(m_code);
        ui::wipe(m_recovery_code);
    } else {
        ui::wipe(m_password);
    }
}

void SignInScreen::start_over() {
    m_step = Step::Password;
    m_use_recovery_code = false;
    ui::wipe(m_password);
    ui::wipe(m_code);
    ui::wipe(m_recovery_code);
    m_errors.clear();
    m_failure.reset();
}

} // namespace mimamori::web
