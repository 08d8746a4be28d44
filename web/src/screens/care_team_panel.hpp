#pragma once
// A care team on the patient screen and the team screen: its members (profession, facility, team
// role, membership period, whether the membership holds today), and what perm::decide lets the
// person do: invite a member from any facility (MemberInvite), leave the team in one action, or
// (a manager around the patient, the administrator) remove a member; each removal confirmed. A
// locked team (consent withdrawn) says so and offers no invitation.

#include <string>

#include "api/teams_api.hpp"
#include "app_state.hpp"
#include "screens/member_invite.hpp"
#include "ui/confirm.hpp"

namespace mimamori::web {

class CareTeamPanel {
public:
    explicit CareTeamPanel(AppState& state) : m_state(state), m_invite(state) {}

    enum class Outcome { None, Changed, Left };
    // Draws `team` with the actions `target` allows (patient_target or team_target).
    Outcome draw(const api::Team& team, const perm::Target& target);
    // A line to show in the team's card (e.g. after it was created).
    void set_notice(std::string notice) { m_notice = std::move(notice); }

private:
    void draw_members(const api::Team& team, const perm::Target& target);
    void apply_confirmed(const api::Team& team);

    AppState& m_state;
    MemberInvite m_invite;
    ui::ConfirmDialog m_confirm;
    api::Job<api::Nothing> m_remove;
    api::Job<api::Nothing> m_leave;
    std::string m_notice;
    std::string m_problem;
};

} // namespace mimamori::web
