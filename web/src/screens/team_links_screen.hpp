#pragma once
// Route "/team-links" (患者とチームの紐付け; the secretariat administrator, and facility managers
// for the patients of their facilities): the patient–team links with their unlinking (confirmed),
// the teams without a patient and linking one to a patient without a team, and starting a team.
// Linking a patient twice is refused by the server and said plainly.

#include <optional>
#include <string>
#include <vector>

#include "api/patients_api.hpp"
#include "api/teams_api.hpp"
#include "app_state.hpp"
#include "screens/team_create_form.hpp"
#include "ui/confirm.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class TeamLinksScreen {
public:
    explicit TeamLinksScreen(AppState& state) : m_state(state), m_create(state) {}
    void draw();

private:
    void load();
    void draw_links(const std::vector<api::TeamLink>& links);
    void draw_unlinked(const std::vector<api::Team>& teams);
    void draw_linking(const api::Team& team);
    void poll_jobs();

    AppState& m_state;
    ui::Appearance m_appearance;
    api::Call<std::vector<api::TeamLink>> m_links;
    api::Call<std::vector<api::Team>> m_unlinked;
    api::Call<std::vector<api::Patient>> m_patients; // those a team can be linked to
    std::optional<perm::Id> m_linking;               // the team being linked
    std::string m_patient_choice;                    // its patient's id as text
    std::vector<Label> m_patient_labels;
    std::vector<std::string> m_patient_codes;        // what m_patient_labels view
    bool m_creating = false;
    TeamCreateForm m_create;
    ui::ConfirmDialog m_confirm;
    api::Job<api::Team> m_link;
    api::Job<api::Nothing> m_unlink;
    std::string m_notice;
    std::string m_problem;
};

} // namespace mimamori::web
