#pragma once
// "My patients" (担当患者, route "/" and "/my/patients" for staff who join care teams): the patients
// of the teams the person belongs to, newest activity first, with the person's role in each team,
// the consent state and the last activity (and unread memos once the timeline has them). A row
// opens the patient. Reloaded each time it is opened.

#include <vector>

#include "api/patients_api.hpp"
#include "app_state.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class MyPatientsScreen {
public:
    explicit MyPatientsScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    void draw_table(const std::vector<api::MyPatient>& patients);

    AppState& m_state;
    ui::Appearance m_appearance;
    api::Call<std::vector<api::MyPatient>> m_list;
};

} // namespace mimamori::web
