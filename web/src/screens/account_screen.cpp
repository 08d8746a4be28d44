#include "screens/account_screen.hpp"

#include <string>

#include "i18n/i18n.hpp"
#include "mimamori/common/permissions.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kLabelWidthEm = 9.0f;
enum ConfirmKind { kSignOutEverywhere = 1 };
} // namespace

void AccountScreen::draw() {
    if (const auto confirmed = m_confirm.take(); confirmed && confirmed->kind == kSignOutEverywhere) {
        m_problem.clear();
        m_sign_out_all.start(api::sign_out_all());
    }
    m_sign_out_all.poll([this](const api::Nothing&) { session::end(m_state, SessionEnd::SignedOut); },
                        [this](const api::Failure& f) { m_problem = ui::describe(m_state.lang, f); });
    if (!m_state.session.me) return;
    const Lang lang = m_state.lang;
    ui::heading(i18n::tr(lang, Msg::AccountTitle));
    ui::space(0.5f);
    if (m_state.session.me->two_factor_required && !m_state.session.me->two_factor_enabled) {
        ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::TwoFactorSetUpFirst));
        ui::space(0.5f);
    }
    draw_identity();
    ui::space(1.0f);
    m_two_factor.draw();
    ui::space(1.0f);
    draw_password();
    ui::space(1.0f);
    draw_sessions();
    m_confirm.draw(lang);
}

void AccountScreen::draw_identity() {
    const Lang lang = m_state.lang;
    const api::Me& me = *m_state.session.me;
    ui::begin_card();
    ui::field_row(i18n::tr(lang, Msg::PersonName), me.account.name, kLabelWidthEm);
    ui::field_row(i18n::tr(lang, Msg::LoginId), me.account.login, kLabelWidthEm);
    if (!me.account.email.empty()) ui::field_row(i18n::tr(lang, Msg::Email), me.account.email, kLabelWidthEm);
    if (!me.account.profession.empty()) {
        ui::field_row(i18n::tr(lang, Msg::Profession), profession_text(lang, me.account.profession), kLabelWidthEm);
    }
    ui::field_row(i18n::tr(lang, Msg::Role), roles_text(lang, m_state.session.principal), kLabelWidthEm);
    for (const api::MeAffiliation& a : me.affiliations) {
        const std::string value = a.facility_name + (a.manager ? std::string(" (") + i18n::tr(lang, Msg::Manager) + ")"
                                                               : std::string());
        ui::field_row(i18n::tr(lang, Msg::Facility), value, kLabelWidthEm);
    }
    ui::end_card();
}

void AccountScreen::draw_password() {
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::PwChangeTitle));
    ui::space(0.25f);
    if (m_password_changed) ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::PwChanged));
    if (m_password.draw()) m_password_changed = true;
    ui::end_card();
}

void AccountScreen::draw_sessions() {
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::SessionsTitle));
    ui::space(0.25f);
    ui::text_muted(i18n::tr(lang, Msg::SessionsHelp));
    ui::space(0.25f);
    if (ui::secondary_button(i18n::tr(lang, Msg::SignOut), "account-signout")) {
        session::end(m_state, SessionEnd::SignedOut);
    }
    ImGui::SameLine(0.0f, 1.0f * ui::em());
    if (ui::secondary_button(i18n::tr(lang, Msg::SignOutEverywhere), "account-signout-all", !m_sign_out_all.busy())) {
        m_confirm.ask({i18n::tr(lang, Msg::SignOutEverywhereQuestion), i18n::tr(lang, Msg::SignOutEverywhereBody),
                       i18n::tr(lang, Msg::SignOutEverywhere), false},
                      {kSignOutEverywhere, 0});
    }
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::end_card();
}

} // namespace mimamori::web
