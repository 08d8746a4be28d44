#include "screens/password_change_form.hpp"

#include "family/family_vault.hpp"
#include "i18n/i18n.hpp"
#include "session/session.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

PasswordChangeForm::~PasswordChangeForm() {
    ui::wipe(m_current);
    m_new.wipe();
}

password::Context PasswordChangeForm::context() const {
    const auto& me = m_state.session.me;
    return {me ? std::string_view(me->account.login) : std::string_view(), me && me->two_factor_enabled};
}

bool PasswordChangeForm::draw() {
    const Lang lang = m_state.lang;
    bool changed = false;
    m_job.poll(
        [&](const api::Nothing&) {
            ui::wipe(m_current);
            m_new.wipe();
            session::refresh(m_state); // must_change_password is cleared now
            changed = true;
        },
        [&](const api::Failure& f) {
            ui::wipe(m_current);
            if (f.http_status == 401) {
                m_errors.set("current_password", i18n::tr(lang, Msg::PwCurrentWrong));
            } else if (f.http_status == 400 && f.field == "new_password") {
                const std::string rule = ui::rule_text(lang, f.rule, context());
                m_errors.set("new_password", rule.empty() ? f.message : rule);
            } else {
                m_problem = ui::describe(lang, f);
            }
        });

    const bool enter = ui::enter_pressed();
    ui::form_text(i18n::tr(lang, Msg::PwCurrent), "current_password", m_current, m_errors, {.password = true});
    m_new.draw(lang, "password", "new_password", context(), m_errors);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    const bool ready = !m_current.empty() && m_new.acceptable(context());
    if (ui::submit_button(lang, i18n::tr(lang, Msg::PwChange), "password-change", m_job.busy(), ready, enter)) {
        m_errors.clear();
        m_problem.clear();
        // The family space keys, when unlocked, are re-wrapped under the new password (Argon2id,
        // a moment) and stored with it in one request: both change, or neither.
        m_job.start(api::change_password(m_current, m_new.value(), family::password_wrap_for(m_state, m_new.value())));
    }
    return changed;
}

} // namespace mimamori::web
