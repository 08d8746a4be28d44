#pragma once
// Starting a care team (TeamCreate: a doctor, a visiting nurse or a care manager of a facility
// around the patient, a facility manager, the secretariat administrator): its name and the
// creator's own role in it; the creator becomes its first member. For a patient the team is
// linked at once; without one (the patient–team links screen) it is linked later.

#include <optional>
#include <string>

#include "api/teams_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class TeamCreateForm {
public:
    explicit TeamCreateForm(AppState& state) : m_state(state) {}

    // Draws the form for `patient_id` (or a team without a patient); `default_name` fills the
    // name at first. The team in the frame it was created.
    std::optional<api::Team> draw(std::optional<perm::Id> patient_id, const std::string& default_name);

private:
    AppState& m_state;
    std::optional<perm::Id> m_patient;
    bool m_started = false;
    api::NewTeam m_team;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::Team> m_job;
};

} // namespace mimamori::web
