#include "screens/family_panel.hpp"

#include "family/family_text.hpp"
#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
enum Confirmed { kRemove = 1, kReinvite };
} // namespace

void FamilyPanel::draw(const PatientView& view) {
    const Lang lang = m_state.lang;
    const perm::Target& target = view.target;
    if (session::allows(m_state, Action::FamilySpaceRead, target)) { // the care team's way in (issue 6)
        if (ui::button(family::tr(lang, family::T::Open), "family-space-open")) {
            router::navigate("/patients/" + std::to_string(view.patient.id) + "/family-space");
        }
        ui::space(0.5f);
    }
    if (!session::allows(m_state, Action::FamilyAccountView, target)) return;
    if (m_loaded_for != view.patient.id) {
        m_accounts = api::list_family_accounts(view.patient.id);
        m_loaded_for = view.patient.id;
    }
    apply_confirmed();
    auto refused = [this, lang](const api::Failure& f) {
        m_problem = f.http_status == 409 ? i18n::fmt(i18n::tr(lang, Msg::RefusedBecause), {f.message}) : ui::describe(lang, f);
    };
    m_remove.poll(
        [this, lang](const api::Nothing&) {
            m_notice = i18n::tr(lang, Msg::FamilyRemoved);
            m_loaded_for = 0;
        },
        refused);
    m_reinvite.poll(
        [this, lang](const std::string& expires_at) {
            m_notice = i18n::fmt(i18n::tr(lang, Msg::InvitationResent), {clock::local_time(expires_at)});
        },
        refused);

    if (m_reveal && m_accounts.finished()) { // once the list is there: the screen's height known
        ImGui::SetScrollHereY(0.05f);
        m_reveal = false;
    }
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::FamilyTitle));
    ui::text_muted(i18n::tr(lang, view.patient.consent.family ? Msg::FamilyHelp : Msg::FamilyNotConsented));
    if (session::allows(m_state, Action::FamilyAccountRegister, target)) {
        if (ui::secondary_button(i18n::tr(lang, Msg::FamilyRegisterTitle), "family-new")) {
            m_notice.clear();
            router::navigate("/patients/" + std::to_string(view.patient.id) + "/family/new");
        }
    }
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    ui::loaded(lang, m_accounts, [&](const std::vector<api::FamilyAccount>& accounts) { draw_table(view, accounts); });
    ui::end_card();
    m_confirm.draw(lang);
}

void FamilyPanel::draw_table(const PatientView& view, const std::vector<api::FamilyAccount>& accounts) {
    const Lang lang = m_state.lang;
    if (accounts.empty()) return ui::text_muted(i18n::tr(lang, Msg::FamilyEmpty));
    const perm::Target& target = view.target;
    const bool may_hand_over = session::allows(m_state, Action::FamilyHandover, target);
    const bool may_resend = session::allows(m_state, Action::FamilyAccountResend, target);
    const bool may_remove = session::allows(m_state, Action::FamilyAccountRegister, target);
    const float actions = ui::buttons_width_em({may_hand_over ? i18n::tr(lang, Msg::HandoverButton) : "",
                                                may_resend ? i18n::tr(lang, Msg::Resend) : "",
                                                may_remove ? i18n::tr(lang, Msg::Remove) : ""});
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PersonName), 1.6f},
        {i18n::tr(lang, Msg::Relation), 1.0f},
        {i18n::tr(lang, Msg::LoginId), 1.4f},
        {i18n::tr(lang, Msg::AccountStatus), 1.0f},
        {"", actions, true},
    };
    if (!ui::begin_table("family", columns)) return;
    ui::clipped_rows(
        static_cast<int>(accounts.size()), [&](int i) { return accounts[static_cast<std::size_t>(i)].id; },
        [&](int i) {
            const api::FamilyAccount& a = accounts[static_cast<std::size_t>(i)];
            ui::cell(a.name);
            ui::cell_muted(a.relation);
            ui::cell_muted(a.login.empty() ? "—" : a.login);
            ui::cell_muted(account_status_text(lang, a.status));
            ui::next_cell();
            const bool invited = a.status == "invited";
            if (may_hand_over && invited) {
                if (ui::button(i18n::tr(lang, Msg::HandoverButton), "family-handover")) {
                    router::navigate("/patients/" + std::to_string(view.patient.id) + "/handover/" + std::to_string(a.id));
                }
                ImGui::SameLine();
            }
            if (may_resend && invited) {
                if (ui::secondary_button(i18n::tr(lang, Msg::Resend), "family-reinvite", !m_reinvite.busy())) {
                    m_confirm.ask({i18n::tr(lang, Msg::FamilyReinvite), i18n::fmt(i18n::tr(lang, Msg::ReinviteBody), {a.name}),
                                   i18n::tr(lang, Msg::Resend), false},
                                  {kReinvite, a.id});
                }
                ImGui::SameLine();
            }
            if (may_remove && a.status != "left") {
                if (ui::danger_button(i18n::tr(lang, Msg::Remove), "family-remove", !m_remove.busy())) {
                    m_confirm.ask({i18n::tr(lang, Msg::FamilyRemoveQuestion),
                                   i18n::fmt(i18n::tr(lang, Msg::FamilyRemoveBody), {a.name}), i18n::tr(lang, Msg::Remove)},
                                  {kRemove, a.id});
                }
            }
        });
    ui::end_table();
}

void FamilyPanel::apply_confirmed() {
    const auto confirmed = m_confirm.take();
    if (!confirmed) return;
    m_notice.clear();
    m_problem.clear();
    if (confirmed->kind == kRemove) m_remove.start(api::remove_family_account(confirmed->id));
    if (confirmed->kind == kReinvite) m_reinvite.start(api::reinvite_family_account(confirmed->id));
}

} // namespace mimamori::web
