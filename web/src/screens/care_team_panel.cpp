#include "screens/care_team_panel.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
enum Confirmed { kRemove = 1, kLeave };

// What matters of a period, short enough for a tablet's table: since when while open-ended, until
// when once it has an end (the start is in the team's history).
std::string period_text(Lang lang, const api::TeamMember& m) {
    return m.ends_on.empty() ? i18n::fmt(i18n::tr(lang, Msg::PeriodFromTo), {m.starts_on, ""})
                             : i18n::fmt(i18n::tr(lang, Msg::PeriodFromTo), {"", m.ends_on});
}

} // namespace

CareTeamPanel::Outcome CareTeamPanel::draw(const api::Team& team, const perm::Target& target) {
    const Lang lang = m_state.lang;
    Outcome outcome = Outcome::None;
    apply_confirmed(team);
    auto refused = [this, lang](const api::Failure& f) {
        m_problem = f.http_status == 409 ? i18n::fmt(i18n::tr(lang, Msg::RefusedBecause), {f.message}) : ui::describe(lang, f);
    };
    m_remove.poll(
        [&](const api::Nothing&) {
            m_notice = i18n::tr(lang, Msg::MemberRemoved);
            outcome = Outcome::Changed;
        },
        refused);
    m_leave.poll([&](const api::Nothing&) { outcome = Outcome::Left; }, refused);

    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::CareTeamTitle));
    ui::text(team.name);
    if (team.locked) ui::status_line(ui::Tone::Error, i18n::tr(lang, Msg::TeamLockedNotice));
    ui::space(0.25f);
    draw_members(team, target);
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    const bool may_invite = session::allows(m_state, Action::TeamMemberInvite, target);
    bool buttons = false;
    if (may_invite && !m_invite.is_open()) {
        if (ui::button(i18n::tr(lang, Msg::InviteMember), "team-invite")) {
            m_notice.clear();
            m_problem.clear();
            m_invite.open();
        }
        buttons = true;
    }
    if (session::allows(m_state, Action::TeamLeave, target)) {
        if (buttons) ImGui::SameLine(0.0f, 1.0f * ui::em());
        if (ui::danger_button(i18n::tr(lang, Msg::LeaveTeam), "team-leave", !m_leave.busy())) {
            m_confirm.ask({i18n::tr(lang, Msg::LeaveTeamQuestion), i18n::fmt(i18n::tr(lang, Msg::LeaveTeamBody), {team.name}),
                           i18n::tr(lang, Msg::LeaveTeam)},
                          {kLeave, team.id});
        }
    }
    ui::end_card();
    if (may_invite && m_invite.is_open()) {
        ui::space(0.5f);
        if (m_invite.draw(team)) {
            m_notice = i18n::tr(lang, Msg::MemberInvited);
            outcome = Outcome::Changed;
        }
    } else if (!may_invite) {
        m_invite.close(); // the team was locked meanwhile
    }
    m_confirm.draw(lang);
    return outcome;
}

void CareTeamPanel::draw_members(const api::Team& team, const perm::Target& target) {
    const Lang lang = m_state.lang;
    if (team.members.empty()) return ui::text_muted(i18n::tr(lang, Msg::TeamNoMembers));
    const bool may_remove = session::allows(m_state, Action::TeamMemberRemove, target);
    const perm::Id me = m_state.session.principal.account_id;
    // On a tablet's width: names, roles (the profession under each) and periods (whether it still
    // counts under each) whole; facilities take what is left.
    float name_em = ui::fitting_width_em(i18n::tr(lang, Msg::PersonName));
    float role_em = ui::fitting_width_em(i18n::tr(lang, Msg::TeamRole));
    float period_em = std::max(ui::fitting_width_em(i18n::tr(lang, Msg::MembershipPeriod)),
                               ui::fitting_width_em(i18n::tr(lang, Msg::MembershipOver)));
    for (const api::TeamMember& m : team.members) {
        name_em = std::max(name_em, ui::fitting_width_em(m.name));
        role_em = std::max({role_em, ui::fitting_width_em(team_role_text(lang, m.team_role)),
                            ui::fitting_width_em(profession_text(lang, m.profession))});
        period_em = std::max(period_em, ui::fitting_width_em(period_text(lang, m)));
    }
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PersonName), name_em, true},
        {i18n::tr(lang, Msg::Facility), 1.0f},
        {i18n::tr(lang, Msg::TeamRole), role_em, true},
        {i18n::tr(lang, Msg::MembershipPeriod), period_em, true},
        {"", may_remove ? ui::buttons_width_em({i18n::tr(lang, Msg::RemoveMember)}) : 0.5f, true},
    };
    if (!ui::begin_table("team-members", columns)) return;
    for (const api::TeamMember& m : team.members) { // a team is a handful of people: no clipper
        ui::two_line_row();
        ImGui::PushID(static_cast<int>(m.member_id));
        ui::cell(m.name);
        ui::cell_two_line_text(m.facility_name);
        ui::cell_two_lines(team_role_text(lang, m.team_role), profession_text(lang, m.profession));
        ui::cell_two_lines(period_text(lang, m), m.active ? "" : i18n::tr(lang, Msg::MembershipOver));
        ui::next_cell();
        if (may_remove && m.active && m.account_id != me) {
            if (ui::danger_button(i18n::tr(lang, Msg::RemoveMember), "member-remove", !m_remove.busy())) {
                m_confirm.ask({i18n::tr(lang, Msg::RemoveMemberQuestion),
                               i18n::fmt(i18n::tr(lang, Msg::RemoveMemberBody), {m.name, team.name}),
                               i18n::tr(lang, Msg::RemoveMember)},
                              {kRemove, m.account_id});
            }
        }
        ImGui::PopID();
    }
    ui::end_table();
}

void CareTeamPanel::apply_confirmed(const api::Team& team) {
    const auto confirmed = m_confirm.take();
    if (!confirmed) return;
    m_notice.clear();
    m_problem.clear();
    if (confirmed->kind == kRemove) m_remove.start(api::remove_member(team.id, confirmed->id));
    if (confirmed->kind == kLeave && confirmed->id == team.id) m_leave.start(api::leave_team(team.id));
}

} // namespace mimamori::web
