// FamilySpaceView: the member's keys (DESIGN.md §5). Made at first use, wrapped under the password
// (Argon2id, parameters recorded in the wrap) and under a recovery code shown once; unlocked with
// the password; restored with the recovery code, or -- without it -- replaced by new keys that
// the other members then give the space's keys to again.
#include "family/family_space_view.hpp"

#include <array>

#include "family/family_space_api.hpp"
#include "family/family_text.hpp"
#include "family/family_vault.hpp"
#include "imgui.h"
#include "mimamori/common/family_crypto/secret.hpp"
#include "platform/frames.hpp"
#include "platform/page.hpp"
#include "ui/form.hpp"

namespace mimamori::web::family {
namespace {

Json stored_keys(const api::Call<Json>& call) {
    return call.done() ? call.value().value("keys", Json()) : Json();
}

} // namespace

void FamilySpaceView::draw_keys() {
    const Lang lang = m_state.lang;
    if (m_key_step == KeyStep::Check) {
        if (m_own_keys.not_started()) m_own_keys = get_own_keys();
        if (m_own_keys.in_flight()) return ui::status_line(ui::Tone::Pending, tr(lang, T::Loading));
        if (m_own_keys.failed()) {
            ui::status_line(ui::Tone::Error, ui::describe(lang, m_own_keys.error()));
            if (ui::secondary_button(tr(lang, T::Retry), "family-keys-retry")) m_own_keys.reset();
            return;
        }
        m_key_step = stored_keys(m_own_keys).is_object() ? KeyStep::Unlock : KeyStep::SetUp;
    }
    if (run_pending_key_work()) return;
    m_key_job.poll([this](const Json&) { finish_key_work(); },
                   [this](const api::Failure& f) {
                       m_new_identity.reset();
                       fc::wipe(m_shown_code);
                       m_shown_code.clear();
                       m_key_problem = ui::describe(m_state.lang, f);
                   });
    switch (m_key_step) {
    case KeyStep::SetUp: return draw_set_up(false);
    case KeyStep::LostAll: return draw_set_up(true);
    case KeyStep::Unlock: return draw_unlock();
    case KeyStep::Recover: return draw_recover();
    case KeyStep::ShowCode: return draw_code();
    case KeyStep::Check: return;
    }
}

// Argon2id takes a moment (a quarter of a second or more in a browser): the button's frame shows
// "working", the frame after runs it.
bool FamilySpaceView::run_pending_key_work() {
    if (m_pending_key_work == 0) return false;
    const Lang lang = m_state.lang;
    ui::status_line(ui::Tone::Pending, tr(lang, m_key_step == KeyStep::Unlock ? T::UnlockWorking : T::SetupWorking));
    if (--m_pending_key_work > 0) {
        frames::request();
        return true;
    }
    frames::request(); // the outcome shows in the next frame
    const auto account = m_state.session.me->account.id;
    const Json stored = stored_keys(m_own_keys);
    const Json keys = stored.is_object() ? stored : Json::object();
    m_key_problem.clear();
    if (m_key_step == KeyStep::Unlock) {
        auto wrap = fc::wrapped_keys_from_json(keys.value("password_wrap", Json()));
        auto identity = wrap ? fc::unwrap_member_keys(*wrap, m_password, account) : Result<fc::MemberIdentity>(wrap.error());
        fc::wipe(m_password);
        m_password.clear();
        if (!identity) {
            m_key_problem = tr(lang, T::WrongPassword);
        } else {
            vault().set(std::move(identity).value(), m_state.session.generation);
            reload();
        }
        return true;
    }
    std::optional<fc::MemberIdentity> identity;
    if (m_key_step == KeyStep::Recover) {
        auto code = fc::normalise_recovery_key_code(m_recovery_code);
        auto wrap = fc::wrapped_keys_from_json(keys.value("recovery_wrap", Json()));
        if (!code || !wrap) {
            m_key_problem = tr(lang, code ? T::WrongRecoveryCode : T::BadRecoveryCode);
            return true;
        }
        auto recovered = fc::recover_member_keys(*wrap, *code, account);
        if (!recovered) {
            m_key_problem = tr(lang, T::WrongRecoveryCode);
            return true;
        }
        identity = std::move(recovered).value();
    } else {
        identity = fc::MemberIdentity{account, fc::generate_member_keys()};
    }
    fc::wipe(m_recovery_code);
    m_recovery_code.clear();
    // A new recovery code in every case: one that has been used is void.
    m_shown_code = fc::new_recovery_key_code();
    auto password_wrap = fc::wrap_member_keys(*identity, m_password, fc::KdfParams::interactive());
    auto recovery_wrap = fc::wrap_member_keys_for_recovery(*identity, m_shown_code, fc::KdfParams::interactive());
    fc::wipe(m_password);
    m_password.clear();
    if (!password_wrap || !recovery_wrap) {
        m_key_problem = (password_wrap ? recovery_wrap.error() : password_wrap.error()).message;
        return true;
    }
    Json body = {{"password_wrap", fc::to_json(*password_wrap)}, {"recovery_wrap", fc::to_json(*recovery_wrap)}};
    if (m_key_step == KeyStep::Recover) {
        m_key_job.start(put_own_wraps(std::move(body)));
    } else {
        body["public_keys"] = fc::to_json(identity->keys.public_keys);
        if (m_key_step == KeyStep::LostAll) body["replace"] = true;
        m_key_job.start(put_own_keys(std::move(body)));
    }
    m_new_identity = std::move(identity);
    return true;
}

void FamilySpaceView::start_key_work() {
    ui::forget_text_input(); // the typed password leaves ImGui's buffers
    m_pending_key_work = 2;
    frames::request();
}

void FamilySpaceView::finish_key_work() {
    if (m_new_identity) vault().set(std::move(*m_new_identity), m_state.session.generation);
    m_new_identity.reset();
    m_own_keys.reset();
    m_key_step = KeyStep::ShowCode;
    reload();
}

void FamilySpaceView::draw_set_up(bool replace) {
    const Lang lang = m_state.lang;
    ui::begin_card(ui::kFormWidthEm);
    ui::heading(tr(lang, replace ? T::LostAll : T::SetupTitle));
    ui::text(tr(lang, replace ? T::LostAllBody : T::SetupBody));
    ui::space(0.5f);
    const bool enter = ui::enter_pressed();
    ui::input_text(tr(lang, T::SetupPassword), "family-setup-password", m_password, {.password = true});
    if (!m_key_problem.empty()) ui::error_text(m_key_problem);
    if (ui::submit_button(lang, tr(lang, replace ? T::LostAllButton : T::SetupStart), "family-setup", m_key_job.busy(),
                          !m_password.empty(), enter)) {
        start_key_work();
    }
    if (replace && ui::link(tr(lang, T::Back), "family-back")) m_key_step = KeyStep::Recover;
    ui::end_card();
}

void FamilySpaceView::draw_unlock() {
    const Lang lang = m_state.lang;
    ui::begin_card(ui::kFormWidthEm);
    ui::heading(tr(lang, T::UnlockTitle));
    ui::text(tr(lang, T::UnlockBody));
    const bool enter = ui::enter_pressed();
    ui::input_text(tr(lang, T::UnlockPassword), "family-unlock-password", m_password, {.password = true});
    if (!m_key_problem.empty()) ui::error_text(m_key_problem);
    if (ui::submit_button(lang, tr(lang, T::UnlockButton), "family-unlock", false, !m_password.empty(), enter)) {
        start_key_work();
    }
    ui::space(0.5f);
    if (ui::link(tr(lang, T::ForgotTitle), "family-forgot")) {
        m_key_problem.clear();
        m_key_step = KeyStep::Recover;
    }
    ui::end_card();
}

void FamilySpaceView::draw_recover() {
    const Lang lang = m_state.lang;
    ui::begin_card(ui::kFormWidthEm);
    ui::heading(tr(lang, T::ForgotTitle));
    ui::text(tr(lang, T::ForgotBody));
    const bool enter = ui::enter_pressed();
    ui::input_text(tr(lang, T::RecoveryCode), "family-recovery-code", m_recovery_code, {.hint = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"});
    ui::input_text(tr(lang, T::SignInPassword), "family-recovery-password", m_password, {.password = true});
    if (!m_key_problem.empty()) ui::error_text(m_key_problem);
    if (ui::submit_button(lang, tr(lang, T::RecoverButton), "family-recover", m_key_job.busy(),
                          !m_password.empty() && !m_recovery_code.empty(), enter)) {
        start_key_work();
    }
    ui::space(0.5f);
    if (ui::link(tr(lang, T::LostAll), "family-lost-all")) {
        m_key_problem.clear();
        m_key_step = KeyStep::LostAll;
    }
    if (ui::link(tr(lang, T::Back), "family-recover-back")) {
        m_key_problem.clear();
        m_key_step = KeyStep::Unlock;
    }
    ui::end_card();
}

void FamilySpaceView::draw_code() {
    const Lang lang = m_state.lang;
    ui::begin_card(ui::kFormWidthEm);
    ui::heading(tr(lang, T::RecoveryTitle));
    ui::text(tr(lang, T::RecoveryBody));
    ui::space(0.5f);
    ui::display_text(m_shown_code);
    ui::space(0.5f);
    if (ui::secondary_button(tr(lang, T::RecoveryPrint), "family-print-code")) {
        const std::array<std::string, 1> lines{m_shown_code};
        page::print(tr(lang, T::RecoveryPrintTitle), lines);
    }
    ImGui::SameLine();
    if (ui::button(tr(lang, T::RecoveryDone), "family-code-done")) {
        fc::wipe(m_shown_code);
        m_shown_code.clear();
        m_key_step = KeyStep::Check;
    }
    ui::end_card();
}

} // namespace mimamori::web::family
