#include "screens/invite_code_screen.hpp"

#include "api/family_api.hpp"
#include "i18n/i18n.hpp"
#include "mimamori/common/recovery_codes.hpp"
#include "platform/router.hpp"
#include "ui/password_fields.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void InviteCodeScreen::draw() {
    const Lang lang = m_state.lang;
    m_redeem.poll(
        [this](const std::string& token) {
            ui::wipe(m_code);
            router::navigate("/invite/" + token);
        },
        [this, lang](const api::Failure& f) {
            if (f.http_status == 410) {
                m_problem = i18n::tr(lang, Msg::InviteCodeGone);
            } else if (f.http_status == 400) {
                m_errors.set("code", i18n::tr(lang, Msg::InviteCodeFormat));
            } else if (f.http_status == 429 && f.retry_after_seconds) {
                const auto minutes = (*f.retry_after_seconds + 59) / 60;
                m_problem = i18n::fmt(i18n::tr(lang, Msg::InviteCodeRateLimited), {std::to_string(minutes)});
            } else {
                m_problem = ui::describe(lang, f);
            }
        });

    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::InviteCodeTitle));
    ui::space(0.25f);
    ui::text(i18n::tr(lang, Msg::InviteCodeIntro));
    ui::space(0.25f);
    const bool enter = ui::enter_pressed();
    ui::form_text(i18n::tr(lang, Msg::InviteCode), "code", m_code, m_errors, {.hint = "7KQM-W3XD-9HPA", .width_em = 14.0f});
    ui::text_muted(i18n::tr(lang, Msg::InviteCodeHelp));
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::InviteCodeButton), "invite-code-send", m_redeem.busy(), true, enter)) {
        m_errors.clear();
        m_problem.clear();
        // Checked here first: the same normalisation the server applies (case, spaces, hyphens,
        // full-width characters from a Japanese keyboard do not matter).
        if (const auto canonical = recovery::normalise(m_code)) {
            m_redeem.start(api::redeem_invitation_code(recovery::format(*canonical)));
        } else {
            m_errors.set("code", i18n::tr(lang, Msg::InviteCodeFormat));
        }
    }
    ui::end_card();
}

} // namespace mimamori::web
