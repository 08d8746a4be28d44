#include "screens/staff_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "route.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
enum Confirmed { kUnaffiliate = 1, kReinvite };

std::string staff_route(std::optional<perm::Id> facility) {
    return facility ? "/staff/" + std::to_string(*facility) : std::string("/staff");
}

std::string affiliations_text(Lang lang, const api::Staff& s) {
    std::string out;
    for (const api::StaffAffiliation& a : s.affiliations) {
        if (!out.empty()) out += lang == Lang::Ja ? "、" : ", ";
        out += a.facility_name;
        if (a.manager) out += std::string(" (") + i18n::tr(lang, Msg::Manager) + ")";
    }
    if (out.empty() && !s.secretariat_role.empty()) {
        if (const auto role = perm::role_from_string(s.secretariat_role)) out = std::string(perm::label(*role).in(lang));
    }
    return out;
}

// In one facility's list: "管理者" for its managers; in the list of all: every affiliation.
std::string affiliation_cell(Lang lang, const api::Staff& s, std::optional<perm::Id> facility) {
    if (facility) {
        for (const api::StaffAffiliation& a : s.affiliations) {
            if (a.facility_id == *facility && a.manager) return i18n::tr(lang, Msg::Manager);
        }
        return {};
    }
    return affiliations_text(lang, s);
}

} // namespace

void StaffScreen::draw(std::span<const std::string_view> parts) {
    std::optional<perm::Id> facility;
    if (parts.size() >= 2) {
        facility = route::id(parts[1]);
        if (!facility || parts.size() > 3 || (parts.size() == 3 && parts[2] != "new")) return router::redirect("/staff");
    } else if (const auto fallback = default_facility()) {
        return router::redirect(staff_route(fallback)); // one's own facility
    }
    const Lang lang = m_state.lang;
    update_choices();
    if (parts.size() == 3) {
        if (!session::allows(m_state, Action::StaffRegister, {.facility_id = facility})) return router::redirect("/staff");
        if (ui::link(i18n::tr(lang, Msg::BackToList), "staff-back")) router::navigate(staff_route(facility));
        ui::space(0.5f);
        if (auto saved = m_form.draw(*facility, facility_name(*facility))) {
            m_notice = i18n::fmt(i18n::tr(lang, Msg::StaffRegistered), {saved->person.name});
            m_loaded = false;
            router::navigate(staff_route(facility));
        }
        return;
    }
    apply_confirmed(facility);
    poll_jobs();
    if (!m_loaded || m_loaded_for != facility) {
        m_list = api::list_staff({facility, m_query});
        m_loaded_for = facility;
        m_loaded = true;
    }

    ui::heading(i18n::tr(lang, Msg::NavStaff));
    ui::space(0.25f);
    draw_scope(facility);
    draw_actions(facility);
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    ui::loaded(lang, m_list, [&](const std::vector<api::Staff>& list) { draw_table(facility, list); });
    m_confirm.draw(lang);
}

std::optional<perm::Id> StaffScreen::default_facility() const {
    const perm::Principal& p = m_state.session.principal;
    if (p.is_secretariat() || p.affiliations.empty()) return std::nullopt;
    return p.affiliations.front().facility_id;
}

void StaffScreen::update_choices() {
    const perm::Principal& p = m_state.session.principal;
    const Lang lang = m_state.lang;
    std::vector<Choice> choices;
    if (p.is_secretariat_admin()) {
        if (m_facilities.not_started()) m_facilities = api::list_facilities({});
        if (!m_facilities.done()) return;
        for (const api::Facility& f : m_facilities.value()) choices.push_back({std::to_string(f.id), f.fields.name});
    } else if (m_state.session.me) {
        for (const api::MeAffiliation& a : m_state.session.me->affiliations) {
            choices.push_back({std::to_string(a.facility_id), a.facility_name});
        }
    }
    if (p.is_secretariat()) {
        const Msg first = p.is_secretariat_admin() ? Msg::StaffAll : Msg::StaffSecretariat;
        choices.insert(choices.begin(), Choice{"", i18n::tr(lang, first)});
    }
    m_choices = std::move(choices);
    m_choice_labels.clear();
    for (const Choice& c : m_choices) m_choice_labels.push_back({c.code, c.name, c.name});
}

std::string StaffScreen::facility_name(perm::Id id) const {
    for (const Choice& c : m_choices) {
        if (c.code == std::to_string(id)) return c.name;
    }
    return "#" + std::to_string(id);
}

void StaffScreen::draw_scope(std::optional<perm::Id> facility) {
    const Lang lang = m_state.lang;
    const bool enter = ui::enter_pressed();
    ui::FieldRow row;
    row.next();
    if (m_choice_labels.size() > 1) {
        std::string code = facility ? std::to_string(*facility) : std::string();
        if (ui::select(i18n::tr(lang, Msg::Facility), "staff-facility", m_choice_labels, code, lang, nullptr, 20.0f)) {
            m_notice.clear();
            router::navigate(code.empty() ? std::string("/staff") : "/staff/" + code);
        }
    } else {
        ui::text_muted(i18n::tr(lang, Msg::Facility));
        ImGui::AlignTextToFramePadding();
        ui::text(facility ? facility_name(*facility) : i18n::tr(lang, Msg::StaffSecretariat));
    }
    row.next();
    ui::input_text(i18n::tr(lang, Msg::SearchNameOrKana), "staff-q", m_query, {.width_em = 16.0f});
    row.next();
    ui::text(" ");
    if (ui::secondary_button(i18n::tr(lang, Msg::Search), "staff-search") || enter) m_loaded = false;
}

void StaffScreen::draw_actions(std::optional<perm::Id> facility) {
    const Lang lang = m_state.lang;
    ui::space(0.25f);
    if (facility && session::allows(m_state, Action::StaffRegister, {.facility_id = facility})) {
        if (ui::button(i18n::tr(lang, Msg::StaffRegisterTitle), "staff-new")) {
            m_notice.clear();
            router::navigate(staff_route(facility) + "/new");
        }
    }
    if (session::allows(m_state, Action::ExportStaffCsv)) {
        m_csv.draw(lang, "staff-csv", [](api::CsvEncoding e) { return api::staff_csv_url(e); });
    }
    if (!facility && m_state.session.principal.is_secretariat_admin()) ui::text_muted(i18n::tr(lang, Msg::StaffPickFacility));
}

void StaffScreen::draw_table(std::optional<perm::Id> facility, const std::vector<api::Staff>& staff) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(staff.size())}));
    if (staff.empty()) return ui::text(i18n::tr(lang, Msg::StaffEmpty));
    const perm::Target target{.facility_id = facility};
    const bool can_reinvite = facility && session::allows(m_state, Action::StaffResendInvitation, target);
    const bool can_unaffiliate = facility && session::allows(m_state, Action::StaffUnaffiliate, target);
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PersonName), 2.0f},     {i18n::tr(lang, Msg::LoginId), 1.7f},
        {i18n::tr(lang, Msg::Profession), 1.3f},     {i18n::tr(lang, Msg::AccountStatus), 1.0f},
        {i18n::tr(lang, Msg::TwoFactorShort), 1.1f},
        {i18n::tr(lang, facility ? Msg::Role : Msg::Affiliation), facility ? 0.9f : 1.8f},
        {"", can_reinvite || can_unaffiliate ? 12.0f : 0.5f, true},
    };
    if (!ui::begin_table("staff", columns)) return;
    ui::clipped_rows(
        static_cast<int>(staff.size()), [&](int i) { return staff[static_cast<std::size_t>(i)].id; },
        [&](int i) {
            const api::Staff& s = staff[static_cast<std::size_t>(i)];
            ui::cell(s.person.name);
            ui::cell_muted(s.person.login);
            ui::cell_muted(profession_text(lang, s.person.profession));
            ui::cell_muted(account_status_text(lang, s.status));
            ui::cell_muted(i18n::tr(lang, s.two_factor_enabled ? Msg::On : Msg::Off));
            ui::cell_muted(affiliation_cell(lang, s, facility));
            ui::next_cell();
            if (can_reinvite && s.status == "invited") {
                if (ui::secondary_button(i18n::tr(lang, Msg::Resend), "staff-reinvite", !m_reinvite.busy())) {
                    m_confirm.ask({i18n::tr(lang, Msg::StaffReinvite), i18n::fmt(i18n::tr(lang, Msg::ReinviteBody), {s.person.name}),
                                   i18n::tr(lang, Msg::Resend), false},
                                  {kReinvite, s.id});
                }
                ImGui::SameLine();
            }
            if (can_unaffiliate && s.status != "left") {
                if (ui::danger_button(i18n::tr(lang, Msg::Unaffiliate), "staff-unaffiliate", !m_unaffiliate.busy())) {
                    m_confirm.ask({i18n::tr(lang, Msg::UnaffiliateQuestion),
                                   i18n::fmt(i18n::tr(lang, Msg::UnaffiliateBody), {s.person.name, facility_name(*facility)}),
                                   i18n::tr(lang, Msg::Unaffiliate)},
                                  {kUnaffiliate, s.id});
                }
            }
        });
    ui::end_table();
}

void StaffScreen::apply_confirmed(std::optional<perm::Id> facility) {
    const auto confirmed = m_confirm.take();
    if (!confirmed || !facility) return;
    m_notice.clear();
    m_problem.clear();
    if (confirmed->kind == kUnaffiliate) m_unaffiliate.start(api::unaffiliate_staff(*facility, confirmed->id));
    if (confirmed->kind == kReinvite) m_reinvite.start(api::reinvite_staff(*facility, confirmed->id));
}

void StaffScreen::poll_jobs() {
    const Lang lang = m_state.lang;
    auto failed = [this, lang](const api::Failure& f) {
        m_problem = f.http_status == 409 ? i18n::fmt(i18n::tr(lang, Msg::RefusedBecause), {f.message}) : ui::describe(lang, f);
    };
    m_unaffiliate.poll(
        [this, lang](const api::Nothing&) {
            m_notice = i18n::tr(lang, Msg::Unaffiliated);
            m_loaded = false; // the list again, without them
        },
        failed);
    m_reinvite.poll(
        [this, lang](const std::string& expires_at) {
            m_notice = i18n::fmt(i18n::tr(lang, Msg::InvitationResent), {clock::local_time(expires_at)});
        },
        failed);
}

} // namespace mimamori::web
