#include "screens/team_links_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "patient_facts.hpp"
#include "platform/router.hpp"
#include "route.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
enum Confirmed { kUnlink = 1 };

std::string team_route(perm::Id id) { return "/teams/" + std::to_string(id); }

} // namespace

void TeamLinksScreen::load() {
    m_links = api::list_team_links();
    const perm::Target own = own_facilities_target(m_state.session.principal);
    if (session::allows(m_state, Action::TeamLinkEdit, own)) {
        m_unlinked = api::list_linkable_teams();
        m_patients = api::list_patients({});
    }
    m_linking.reset();
}

void TeamLinksScreen::draw() {
    const Lang lang = m_state.lang;
    if (m_appearance.just_shown()) {
        m_notice.clear();
        m_problem.clear();
        load();
    }
    if (const auto confirmed = m_confirm.take(); confirmed && confirmed->kind == kUnlink) {
        m_notice.clear();
        m_problem.clear();
        m_unlink.start(api::unlink_patient(confirmed->id));
    }
    poll_jobs();

    ui::heading(i18n::tr(lang, Msg::NavTeamLinks));
    ui::text_muted(i18n::tr(lang, Msg::TeamLinksHelp));
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.5f);
    ui::loaded(lang, m_links, [this](const std::vector<api::TeamLink>& links) { draw_links(links); });
    if (!m_unlinked.not_started()) {
        ui::space(1.0f);
        ui::heading(i18n::tr(lang, Msg::TeamsWithoutPatient));
        ui::loaded(lang, m_unlinked, [this](const std::vector<api::Team>& teams) { draw_unlinked(teams); });
    }
    const perm::Target own = own_facilities_target(m_state.session.principal);
    if (session::allows(m_state, Action::TeamCreate, own)) {
        ui::space(0.75f);
        if (!m_creating) {
            if (ui::secondary_button(i18n::tr(lang, Msg::TeamCreateTitle), "team-new")) m_creating = true;
        } else if (auto team = m_create.draw(std::nullopt, "")) {
            m_creating = false;
            router::navigate(team_route(team->id));
        }
    }
    m_confirm.draw(lang);
}

void TeamLinksScreen::poll_jobs() {
    const Lang lang = m_state.lang;
    auto refused = [this, lang](const api::Failure& f) {
        m_problem = f.http_status == 409 ? i18n::fmt(i18n::tr(lang, Msg::RefusedBecause), {f.message}) : ui::describe(lang, f);
    };
    m_link.poll(
        [this, lang](const api::Team& team) {
            m_notice = i18n::fmt(i18n::tr(lang, Msg::TeamLinked), {team.name, team.patient_name});
            load();
        },
        refused);
    m_unlink.poll(
        [this, lang](const api::Nothing&) {
            m_notice = i18n::tr(lang, Msg::TeamUnlinked);
            load();
        },
        refused);
}

void TeamLinksScreen::draw_links(const std::vector<api::TeamLink>& links) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(links.size())}));
    if (links.empty()) return ui::text(i18n::tr(lang, Msg::TeamLinksEmpty));
    const bool may_unlink =
        session::allows(m_state, Action::TeamLinkEdit, own_facilities_target(m_state.session.principal));
    const float actions = ui::buttons_width_em({i18n::tr(lang, Msg::Open), may_unlink ? i18n::tr(lang, Msg::Unlink) : ""});
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PatientName), 1.6f},    {i18n::tr(lang, Msg::TeamName), 2.4f},
        {i18n::tr(lang, Msg::RegisteringFacility), 2.2f}, {i18n::tr(lang, Msg::MemberCount), 0.9f},
        {"", actions, true},
    };
    if (!ui::begin_table("team-links", columns)) return;
    ui::clipped_rows(
        static_cast<int>(links.size()), [&](int i) { return links[static_cast<std::size_t>(i)].team_id; },
        [&](int i) {
            const api::TeamLink& l = links[static_cast<std::size_t>(i)];
            ui::cell(l.patient_name);
            ui::cell_muted(l.team_name);
            ui::cell_muted(l.facility_name);
            ui::cell_muted(std::to_string(l.members));
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::Open), "link-open")) {
                router::navigate("/patients/" + std::to_string(l.patient_id));
            }
            if (may_unlink) {
                ImGui::SameLine();
                if (ui::danger_button(i18n::tr(lang, Msg::Unlink), "link-unlink", !m_unlink.busy())) {
                    m_confirm.ask({i18n::tr(lang, Msg::UnlinkQuestion),
                                   i18n::fmt(i18n::tr(lang, Msg::UnlinkBody), {l.team_name, l.patient_name}),
                                   i18n::tr(lang, Msg::Unlink)},
                                  {kUnlink, l.team_id});
                }
            }
        });
    ui::end_table();
}

void TeamLinksScreen::draw_unlinked(const std::vector<api::Team>& teams) {
    const Lang lang = m_state.lang;
    if (teams.empty()) return ui::text_muted(i18n::tr(lang, Msg::TeamsWithoutPatientEmpty));
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::TeamName), 2.6f},
        {i18n::tr(lang, Msg::MemberCount), 0.9f},
        {"", ui::buttons_width_em({i18n::tr(lang, Msg::Open), i18n::tr(lang, Msg::LinkPatient)}), true},
    };
    if (ui::begin_table("unlinked-teams", columns)) {
        ui::clipped_rows(
            static_cast<int>(teams.size()), [&](int i) { return teams[static_cast<std::size_t>(i)].id; },
            [&](int i) {
                const api::Team& t = teams[static_cast<std::size_t>(i)];
                ui::cell(t.name);
                ui::cell_muted(std::to_string(t.members.size()));
                ui::next_cell();
                if (ui::secondary_button(i18n::tr(lang, Msg::Open), "team-open")) router::navigate(team_route(t.id));
                ImGui::SameLine();
                if (ui::button(i18n::tr(lang, Msg::LinkPatient), "team-link")) {
                    m_linking = t.id;
                    m_patient_choice.clear();
                    m_notice.clear();
                    m_problem.clear();
                }
            });
        ui::end_table();
    }
    for (const api::Team& t : teams) {
        if (m_linking == t.id) draw_linking(t);
    }
}

void TeamLinksScreen::draw_linking(const api::Team& team) {
    const Lang lang = m_state.lang;
    ui::space(0.5f);
    ui::begin_card(ui::kFormWidthEm);
    ui::text(i18n::fmt(i18n::tr(lang, Msg::LinkPatientTo), {team.name}));
    if (m_patients.done()) {
        // Patients without a team: a patient has one team.
        m_patient_codes.clear();
        for (const api::Patient& p : m_patients.value()) {
            if (!p.team_id) m_patient_codes.push_back(std::to_string(p.id));
        }
        m_patient_labels.clear();
        std::size_t next = 0;
        for (const api::Patient& p : m_patients.value()) {
            if (!p.team_id) {
                m_patient_labels.push_back({m_patient_codes[next++], p.fields.name, p.fields.name});
            }
        }
        ui::select(i18n::tr(lang, Msg::PatientName), "link-patient", m_patient_labels, m_patient_choice, lang,
                   i18n::tr(lang, Msg::ChooseOne));
    } else {
        ui::loaded(lang, m_patients, [](const std::vector<api::Patient>&) {});
    }
    ui::space(0.25f);
    const auto patient = route::id(m_patient_choice);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::LinkPatient), "link-save", m_link.busy(), patient.has_value())) {
        m_link.start(api::link_patient(team.id, *patient));
    }
    ImGui::SameLine(0.0f, 1.0f * ui::em());
    if (ui::secondary_button(i18n::tr(lang, Msg::Cancel), "link-cancel")) m_linking.reset();
    ui::end_card();
}

} // namespace mimamori::web
