#include "screens/my_patients_screen.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "patient_facts.hpp"
#include "platform/router.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void MyPatientsScreen::draw() {
    const Lang lang = m_state.lang;
    if (m_appearance.just_shown()) {
        m_live_seq = m_state.live.last_seq();
        if (!m_list.in_flight()) m_list = api::list_my_patients();
    }
    // A memo written or read in one of my teams (issue 5's live events): the unread counts again,
    // the list kept on screen meanwhile.
    bool changed = false;
    m_state.live.each_after(m_live_seq, [&](const LiveEvent& e) {
        changed = changed || e.type == "memo.created" || e.type == "memo.read" || e.type == "resync";
    });
    m_live_seq = m_state.live.last_seq();
    if (changed && !m_refresh.in_flight()) m_refresh = api::list_my_patients();
    if (m_refresh.done()) {
        m_list = m_refresh;
        m_refresh.reset();
    }
    ui::heading(i18n::tr(lang, Msg::MyPatientsTitle));
    ui::text_muted(i18n::tr(lang, Msg::MyPatientsHelp));
    ui::space(0.5f);
    const bool retry = ui::loaded(
        lang, m_list, [this](const std::vector<api::MyPatient>& list) { draw_table(list); }, "my-patients-retry");
    if (retry) m_list = api::list_my_patients();
}

void MyPatientsScreen::draw_table(const std::vector<api::MyPatient>& patients) {
    const Lang lang = m_state.lang;
    if (patients.empty()) {
        ui::begin_card();
        ui::text(i18n::tr(lang, Msg::MyPatientsEmpty));
        ui::text_muted(i18n::tr(lang, Msg::MyPatientsEmptyHelp));
        return ui::end_card();
    }
    // A tablet's width: the name (a link that opens the patient) and the role share what the
    // states, shown whole, leave.
    float age_status_em = ui::fitting_width_em(i18n::tr(lang, Msg::PatientAgeStatus));
    for (const api::MyPatient& p : patients)
        age_status_em = std::max(age_status_em, ui::fitting_width_em(age_text(lang, p.birth_date) + " " +
                                                                     patient_status_text(lang, p.status)));
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PatientName), 1.4f},
        {i18n::tr(lang, Msg::PatientAgeStatus), age_status_em, true},
        {i18n::tr(lang, Msg::TeamRole), 1.0f},
        {i18n::tr(lang, Msg::ConsentTitle), consent_badge_column_em(lang), true},
        {i18n::tr(lang, Msg::LastActivity), ui::fitting_width_em("2026-12-31"), true},
        {"", ui::fitting_width_em(i18n::tr(lang, Msg::TimelineShort)) + 2.0f, true}, // a button: its frame too
    };
    if (!ui::begin_table("my-patients", columns)) return;
    ui::clipped_rows(
        static_cast<int>(patients.size()), [&](int i) { return patients[static_cast<std::size_t>(i)].id; },
        [&](int i) {
            const api::MyPatient& p = patients[static_cast<std::size_t>(i)];
            const std::string route = "/patients/" + std::to_string(p.id);
            ui::next_cell();
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y); // level with the cells' text
            if (ui::link(p.name.c_str(), "patient-open-name")) router::navigate(route);
            if (p.unread > 0) { // memos not yet read (issue 5's timeline)
                ImGui::SameLine();
                ui::badge(i18n::fmt(i18n::tr(lang, Msg::UnreadCount), {std::to_string(p.unread)}), ui::Tone::Warning);
            }
            ui::cell_muted(age_text(lang, p.birth_date) + " " + patient_status_text(lang, p.status));
            ui::cell_muted(p.team_role.empty() ? "—" : team_role_text(lang, p.team_role));
            ui::next_cell();
            consent_badge(lang, p.consent);
            ui::cell_muted(activity_text(lang, p.last_activity_at));
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::TimelineShort), "patient-timeline")) router::navigate(route + "/memos");
        });
    ui::end_table();
}

} // namespace mimamori::web
