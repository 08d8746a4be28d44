#include "screens/not_found_screen.hpp"

#include "i18n/i18n.hpp"
#include "platform/router.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

void NotFoundScreen::draw(bool forbidden) {
    using i18n::Msg;
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, forbidden ? Msg::ForbiddenTitle : Msg::NotFoundTitle));
    ui::space(0.25f);
    ui::text(i18n::tr(lang, forbidden ? Msg::ForbiddenBody : Msg::NotFoundBody));
    ui::text_muted("#" + router::current());
    ui::space(0.25f);
    if (ui::button(i18n::tr(lang, Msg::BackHome), "back-home")) router::navigate("/");
    ui::end_card();
}

} // namespace mimamori::web
