#include "screens/patients_screen.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "patient_facts.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

// As wide as the widest status label (and the column's caption).
float status_column_em(Lang lang) {
    float widest = ui::fitting_width_em(i18n::tr(lang, Msg::PatientStatus));
    for (const char* code : {"at_home", "admitted", "in_facility", "ended"})
        widest = std::max(widest, ui::fitting_width_em(patient_status_text(lang, code)));
    return widest;
}

} // namespace

bool may_register_patients(const AppState& state) {
    if (session::allows(state, perm::Action::PatientRegister)) return true; // any facility
    for (const perm::Affiliation& a : state.session.principal.affiliations) {
        if (session::allows(state, perm::Action::PatientRegister, {.facility_id = a.facility_id})) return true;
    }
    return false;
}

void PatientsScreen::draw() {
    const Lang lang = m_state.lang;
    if (m_appearance.just_shown() && !m_list.in_flight()) m_list = api::list_patients(m_query);
    ui::heading(i18n::tr(lang, Msg::NavPatients));
    ui::space(0.25f);
    if (may_register_patients(m_state)) {
        if (ui::button(i18n::tr(lang, Msg::PatientRegisterTitle), "patient-new")) router::navigate("/patients/new");
        ImGui::SameLine(0.0f, 1.0f * ui::em());
    }
    if (session::allows(m_state, perm::Action::ExportPatientCsv)) {
        m_csv.draw(lang, "patients-csv", [](api::CsvEncoding e) { return api::patients_csv_url(e); });
    } else {
        ImGui::NewLine();
    }
    ui::space(0.25f);
    draw_search();
    ui::space(0.5f);
    const bool retry = ui::loaded(
        lang, m_list, [this](const std::vector<api::Patient>& list) { draw_table(list); }, "patients-retry");
    if (retry) m_list = api::list_patients(m_query);
}

void PatientsScreen::draw_search() {
    const Lang lang = m_state.lang;
    const bool enter = ui::enter_pressed();
    bool search = false;
    {
        ui::FieldRow row;
        row.next();
        ui::input_text(i18n::tr(lang, Msg::SearchNameOrKana), "patients-q", m_query.q, {.width_em = 16.0f});
        row.next();
        search = ui::select(i18n::tr(lang, Msg::PatientStatus), "patients-status", patient_status_labels(), m_query.status,
                            lang, i18n::tr(lang, Msg::All), 12.0f);
        row.next();
        ui::text(" ");
        search |= ui::secondary_button(i18n::tr(lang, Msg::Search), "patients-search");
    }
    if ((search || enter) && !m_list.in_flight()) m_list = api::list_patients(m_query);
}

void PatientsScreen::draw_table(const std::vector<api::Patient>& patients) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(patients.size())}));
    if (patients.empty()) {
        ui::begin_card();
        ui::text(i18n::tr(lang, Msg::PatientsEmpty));
        ui::text_muted(i18n::tr(lang, Msg::PatientsEmptyHelp));
        return ui::end_card();
    }
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PatientName), 2.0f},    {i18n::tr(lang, Msg::PersonKana), 2.0f},
        {i18n::tr(lang, Msg::BirthDate), ui::fitting_width_em("1938-05-12"), true},
        {i18n::tr(lang, Msg::PatientStatus), status_column_em(lang), true},
        {i18n::tr(lang, Msg::RegisteringFacility), 2.4f}, {i18n::tr(lang, Msg::ConsentTitle), consent_badge_column_em(lang), true},
        {"", ui::fitting_width_em(i18n::tr(lang, Msg::Open)) + 1.0f, true},
    };
    if (!ui::begin_table("patients", columns)) return;
    ui::clipped_rows(
        static_cast<int>(patients.size()), [&](int i) { return patients[static_cast<std::size_t>(i)].id; },
        [&](int i) {
            const api::Patient& p = patients[static_cast<std::size_t>(i)];
            ui::cell(p.fields.name);
            ui::cell_muted(p.fields.name_kana);
            ui::cell_muted(birth_date_with_age(lang, p.fields.birth_date));
            ui::cell_muted(patient_status_text(lang, p.fields.status));
            ui::cell_muted(p.facility_name);
            ui::next_cell();
            consent_badge(lang, p.consent);
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::Open), "patient-open")) {
                router::navigate("/patients/" + std::to_string(p.id));
            }
        });
    ui::end_table();
}

} // namespace mimamori::web
