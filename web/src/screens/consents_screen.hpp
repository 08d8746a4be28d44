#pragma once
// Route "/consents" (同意の状況, the secretariat administrator): every patient's consent state, so
// that no consent form has to be mailed to the secretariat: filtered by state (in force, none
// yet, withdrawn), each patient one press away.

#include <string>
#include <vector>

#include "api/consents_api.hpp"
#include "app_state.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class ConsentsScreen {
public:
    explicit ConsentsScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    void draw_table(const std::vector<api::ConsentOverviewRow>& rows);

    AppState& m_state;
    ui::Appearance m_appearance;
    std::string m_state_filter; // "", "active", "none", "withdrawn"
    api::Call<std::vector<api::ConsentOverviewRow>> m_rows;
};

} // namespace mimamori::web
