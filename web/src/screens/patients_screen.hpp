#pragma once
// Route "/patients" (患者一覧, the secretariat administrator): the patients as the API's patient
// list gives them (read from GET /api/v1/patients.csv; the list is empty until patients are
// registered, with the next issue) and the CSV download.

#include "api/records_api.hpp"
#include "app_state.hpp"
#include "ui/csv_download.hpp"

namespace mimamori::web {

class PatientsScreen {
public:
    explicit PatientsScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    AppState& m_state;
    api::Call<api::CsvTable> m_table;
    ui::CsvDownload m_csv;
};

} // namespace mimamori::web
