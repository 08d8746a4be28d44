#include "screens/patients_screen.hpp"

#include "i18n/i18n.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

void PatientsScreen::draw() {
    using i18n::Msg;
    const Lang lang = m_state.lang;
    if (m_table.not_started()) m_table = api::fetch_patients_table();
    ui::heading(i18n::tr(lang, Msg::NavPatients));
    ui::space(0.25f);
    if (session::allows(m_state, perm::Action::ExportPatientCsv)) {
        m_csv.draw(lang, "patients-csv", [](api::CsvEncoding e) { return api::patients_csv_url(e); });
        ui::space(0.5f);
    }
    if (m_table.in_flight()) {
        ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::Loading));
    } else if (m_table.failed()) {
        ui::status_line(ui::Tone::Error, ui::describe(lang, m_table.error()));
        if (ui::secondary_button(i18n::tr(lang, Msg::Retry), "patients-retry")) m_table = api::fetch_patients_table();
    } else if (m_table.done() && m_table.value().rows.empty()) {
        ui::begin_card();
        ui::text(i18n::tr(lang, Msg::PatientsEmpty));
        ui::text_muted(i18n::tr(lang, Msg::PatientsEmptyHelp));
        ui::end_card();
    } else if (m_table.done()) {
        ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(m_table.value().rows.size())}));
        ui::text_table("patients", m_table.value().header, m_table.value().rows);
    }
}

} // namespace mimamori::web
