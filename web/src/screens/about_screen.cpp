#include "screens/about_screen.hpp"

#include <string>

#include "i18n/i18n.hpp"
#include "mimamori/common/version.hpp"
#include "platform/router.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

void AboutScreen::draw() {
    using i18n::Msg;
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::AboutTitle));
    ui::space(0.25f);
    ui::text(i18n::tr(lang, Msg::AboutBody));
    ui::text(i18n::tr(lang, Msg::AboutFamily));
    ui::space(0.25f);
    ui::text_muted(std::string(i18n::tr(lang, Msg::StatusAppVersion)) + " " + kVersion);
    ui::text_muted(i18n::tr(lang, Msg::AboutFont));
    ui::end_card();
    ui::space(1.0f);
    if (ui::link(i18n::tr(lang, Msg::BackHome), "nav-home")) router::navigate("/");
}

} // namespace mimamori::web
