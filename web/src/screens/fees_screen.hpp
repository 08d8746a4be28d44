#pragma once
// Route "/fees" (料金レポート, the secretariat administrator): the fee report of a chosen year
// per facility, on screen (read from GET /api/v1/reports/fees.csv) and as a CSV download.

#include "api/records_api.hpp"
#include "app_state.hpp"
#include "ui/csv_download.hpp"

namespace mimamori::web {

class FeesScreen {
public:
    explicit FeesScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    AppState& m_state;
    int m_year = 0; // 0: this year, once known
    api::Call<api::CsvTable> m_table;
    int m_table_year = 0;
    ui::CsvDownload m_csv;
};

} // namespace mimamori::web
