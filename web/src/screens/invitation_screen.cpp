#include "screens/invitation_screen.hpp"

#include "i18n/i18n.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kLabelWidthEm = 8.0f;
} // namespace

void InvitationScreen::draw(const std::string& token) {
    if (token != m_token) { // another link: start again
        m_token = token;
        m_invitation = api::fetch_invitation(token);
        m_gone = false;
        m_problem.clear();
        m_errors.clear();
    }
    m_accept.poll(
        [this](const api::SignedIn& signed_in) {
            m_password.wipe();
            session::begin(m_state, signed_in);
            router::redirect("/");
        },
        [this](const api::Failure& f) {
            if (f.http_status == 410) {
                m_gone = true;
            } else if (f.http_status == 400 && f.field == "password") {
                const password::Context context{m_invitation.value().login, false};
                const std::string rule = ui::rule_text(m_state.lang, f.rule, context);
                m_errors.set("password", rule.empty() ? f.message : rule);
            } else {
                m_problem = ui::describe(m_state.lang, f);
            }
        });

    const Lang lang = m_state.lang;
    if (m_invitation.in_flight()) {
        ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::Loading));
    } else if (m_gone || (m_invitation.failed() && m_invitation.error().http_status == 410)) {
        draw_gone();
    } else if (m_invitation.failed()) {
        ui::status_line(ui::Tone::Error, ui::describe(lang, m_invitation.error()));
        if (ui::secondary_button(i18n::tr(lang, Msg::Retry), "invite-retry")) m_invitation = api::fetch_invitation(m_token);
    } else if (m_invitation.done()) {
        draw_invitation(m_invitation.value());
    }
}

void InvitationScreen::draw_invitation(const api::Invitation& invitation) {
    const Lang lang = m_state.lang;
    const password::Context context{invitation.login, false};
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::InviteTitle));
    ui::space(0.25f);
    ui::text(i18n::tr(lang, Msg::InviteIntro));
    ui::space(0.25f);
    ui::field_row(i18n::tr(lang, Msg::PersonName), invitation.name, kLabelWidthEm);
    ui::field_row(i18n::tr(lang, Msg::LoginId), invitation.login, kLabelWidthEm);
    // A family account's invitation names no facility.
    if (!invitation.facility_name.empty()) ui::field_row(i18n::tr(lang, Msg::Facility), invitation.facility_name, kLabelWidthEm);
    if (!invitation.expires_at.empty()) {
        ui::field_row(i18n::tr(lang, Msg::InviteExpires), clock::local_time(invitation.expires_at), kLabelWidthEm);
    }
    ui::space(0.5f);
    ui::text(i18n::tr(lang, Msg::InviteSetPassword));
    const bool enter = ui::enter_pressed();
    m_password.draw(lang, "invite-password", "password", context, m_errors);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    const bool ready = m_password.acceptable(context);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::InviteAccept), "invite-accept", m_accept.busy(), ready, enter)) {
        m_errors.clear();
        m_problem.clear();
        m_accept.start(api::accept_invitation(m_token, m_password.value()));
    }
    ui::end_card();
}

void InvitationScreen::draw_gone() {
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::InviteGoneTitle));
    ui::space(0.25f);
    ui::text(i18n::tr(lang, Msg::InviteGone));
    ui::end_card();
    ui::space(1.0f);
    if (ui::link(i18n::tr(lang, Msg::SignInTitle), "nav-signin")) router::navigate("/signin");
}

} // namespace mimamori::web
