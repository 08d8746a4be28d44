#pragma once
// "My patients" (担当患者, route "/" and "/my/patients" for staff who join care teams): the patients
// of the teams the person belongs to, newest activity first, with the person's role in each team,
// the consent state and the last activity and the unread memos of the timeline (refreshed live when a memo
// is written or read). A row opens the patient or its timeline. Reloaded each time it is opened.

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
    api::Call<std::vector<api::MyPatient>> m_refresh; // after a live event: replaces m_list when it arrives
    std::int64_t m_live_seq = 0;                      // the last live event looked at
};

} // namespace mimamori::web
