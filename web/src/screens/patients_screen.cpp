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
    const bool retry = ui::loaded(
        lang, m_table,
        [lang](const api::CsvTable& table) {
            if (table.rows.empty()) {
                ui::begin_card();
                ui::text(i18n::tr(lang, Msg::PatientsEmpty));
                ui::text_muted(i18n::tr(lang, Msg::PatientsEmptyHelp));
                return ui::end_card();
            }
            ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(table.rows.size())}));
            ui::text_table("patients", table.header, table.rows);
        },
        "patients-retry");
    if (retry) m_table = api::fetch_patients_table();
}

} // namespace mimamori::web
