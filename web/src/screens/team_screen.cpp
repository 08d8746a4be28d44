#include "screens/team_screen.hpp"

#include "i18n/i18n.hpp"
#include "menu.hpp"
#include "patient_facts.hpp"
#include "platform/router.hpp"
#include "ui/form.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void TeamScreen::draw(perm::Id id) {
    const Lang lang = m_state.lang;
    if (m_appearance.just_shown() || id != m_id) {
        m_id = id;
        m_team = api::fetch_team(id);
    }
    const MenuEntry* links = menu_entry_for("/team-links");
    if (links != nullptr && menu_allows(m_state.session.principal, *links)) {
        if (ui::link(i18n::tr(lang, Msg::BackToList), "team-back")) router::navigate("/team-links");
    } else if (ui::link(i18n::tr(lang, Msg::BackToMyPatients), "team-back")) {
        router::navigate("/");
    }
    ui::space(0.5f);
    bool reload = false;
    const bool retry = ui::loaded(
        lang, m_team,
        [&](const api::Team& team) {
            ui::name_heading(team.name);
            if (team.patient_id) {
                if (ui::link(i18n::fmt(i18n::tr(lang, Msg::TeamOfPatient), {team.patient_name}).c_str(), "team-patient")) {
                    router::navigate("/patients/" + std::to_string(*team.patient_id));
                }
            } else {
                ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::TeamWithoutPatientNotice));
            }
            ui::space(0.5f);
            switch (m_panel.draw(team, team_target(team, m_state.session.principal))) {
            case CareTeamPanel::Outcome::None: break;
            case CareTeamPanel::Outcome::Changed: reload = true; break;
            case CareTeamPanel::Outcome::Left: router::navigate("/"); break;
            }
        },
        "team-retry");
    if (retry || reload) m_team = api::fetch_team(id);
}

} // namespace mimamori::web
