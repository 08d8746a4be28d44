#include "screens/home_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "menu.hpp"
#include "platform/router.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {

void HomeScreen::draw() {
    using i18n::Msg;
    if (!m_state.session.me) return;
    const Lang lang = m_state.lang;
    const api::Me& me = *m_state.session.me;
    ui::heading(i18n::tr(lang, Msg::NavHome));
    ui::space(0.25f);
    ui::text(i18n::fmt(i18n::tr(lang, Msg::HomeWelcome), {me.account.name.empty() ? me.account.login : me.account.name}));
    ui::text_muted(roles_text(lang, m_state.session.principal));
    if (me.kiosk) ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::KioskNotice));
    ui::space(0.75f);

    const auto menu = allowed_menu(m_state.session.principal);
    if (menu.empty()) {
        ui::begin_card();
        ui::text(i18n::tr(lang, Msg::HomeNothingYet));
        ui::end_card();
    }
    for (const MenuEntry* e : menu) {
        ui::begin_card();
        ImGui::PushID(e->id);
        if (ui::link(i18n::tr(lang, e->label), "open")) router::navigate(e->route);
        ui::text_muted(i18n::tr(lang, e->description));
        ImGui::PopID();
        ui::end_card();
        ui::space(0.5f);
    }
    draw_two_factor_hint();
}

void HomeScreen::draw_notices() {
    if (!m_state.session.me) return;
    if (m_state.session.me->kiosk) {
        ui::space(0.5f);
        ui::status_line(ui::Tone::Warning, i18n::tr(m_state.lang, i18n::Msg::KioskNotice));
    }
    draw_two_factor_hint();
}

void HomeScreen::draw_two_factor_hint() {
    using i18n::Msg;
    const Lang lang = m_state.lang;
    if (!m_state.session.me || m_state.session.me->two_factor_enabled) return;
    ui::space(0.25f);
    ui::begin_card();
    ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::HomeTwoFactorHint));
    if (ui::link(i18n::tr(lang, Msg::HomeOpenAccount), "home-account")) router::navigate("/account");
    ui::end_card();
}

} // namespace mimamori::web
