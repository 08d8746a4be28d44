#pragma once
// Route "/" for a patient/family account: which patient's family space the person belongs to
// (GET /my/patients answers with their own patient when the consent includes the family), and
// the place of the family space itself (家族の連絡帳, end-to-end encrypted: issue 6). A family
// account sees no staff menu: perm::decide allows it nothing but its own account and its space.

#include <vector>

#include "api/patients_api.hpp"
#include "app_state.hpp"
#include "family/family_space_view.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class FamilyHomeScreen {
public:
    explicit FamilyHomeScreen(AppState& state) : m_state(state), m_space(state) {}
    void draw();

private:
    void draw_space(const std::vector<api::MyPatient>& patients);

    AppState& m_state;
    ui::Appearance m_appearance;
    api::Call<std::vector<api::MyPatient>> m_patient;
    family::FamilySpaceView m_space; // the space itself, in large text
};

} // namespace mimamori::web
