#pragma once
// Route "/teams/{id}": one care team, chiefly one without a patient yet (started on the
// patient–team links screen): its members with invitations, leaving and removal (CareTeamPanel,
// decided on the team's own facts), and the way to its patient once linked.

#include "api/teams_api.hpp"
#include "app_state.hpp"
#include "screens/care_team_panel.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class TeamScreen {
public:
    explicit TeamScreen(AppState& state) : m_state(state), m_panel(state) {}
    void draw(perm::Id id);

private:
    AppState& m_state;
    ui::Appearance m_appearance;
    perm::Id m_id = 0;
    api::Call<api::Team> m_team;
    CareTeamPanel m_panel;
};

} // namespace mimamori::web
