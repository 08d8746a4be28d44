#include "screens/password_screen.hpp"

#include "i18n/i18n.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

void PasswordScreen::draw() {
    using i18n::Msg;
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::PwForcedTitle));
    ui::space(0.25f);
    ui::text(i18n::tr(lang, Msg::PwForcedIntro));
    ui::space(0.25f);
    if (m_changed) {
        // On to the app once the session no longer asks for the change (GET /me again).
        ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::PwChanged));
        if (m_state.session.me && !m_state.session.me->must_change_password) router::redirect("/");
    } else if (m_form.draw()) {
        m_changed = true;
    }
    ui::end_card();
    ui::space(1.0f);
    if (ui::link(i18n::tr(lang, Msg::SignOut), "password-signout")) session::end(m_state, SessionEnd::SignedOut);
}

} // namespace mimamori::web
