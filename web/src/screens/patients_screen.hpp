#pragma once
// Route "/patients" (患者一覧): the patients the person may see in the master list (the secretariat
// administrator: every patient of the region; a facility manager: those of their facilities),
// searched by name or kana and filtered by status, each with its consent state; registering a
// patient where perm::decide allows it; the CSV download for the secretariat administrator.

#include <vector>

#include "api/patients_api.hpp"
#include "app_state.hpp"
#include "ui/csv_download.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class PatientsScreen {
public:
    explicit PatientsScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    void draw_search();
    void draw_table(const std::vector<api::Patient>& patients);

    AppState& m_state;
    ui::Appearance m_appearance;
    api::PatientQuery m_query;
    api::Call<std::vector<api::Patient>> m_list;
    ui::CsvDownload m_csv;
};

// Whether the person may register a patient for some facility (perm::decide: the administrator
// for any, a manager for their own).
bool may_register_patients(const AppState& state);

} // namespace mimamori::web
