#include "screens/team_create_form.hpp"

#include "i18n/i18n.hpp"
#include "mimamori/common/validation.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

// The team role a profession usually takes, to start the choice with.
std::string usual_role(const std::optional<Profession>& profession) {
    if (!profession) return {};
    switch (*profession) {
    case Profession::Doctor: return "attending_doctor";
    case Profession::Dentist: return "dentist";
    case Profession::Nurse: return "visiting_nurse";
    case Profession::Pharmacist: return "pharmacist";
    case Profession::CareManager: return "care_manager";
    case Profession::Helper: return "helper";
    case Profession::Dietitian: return "dietitian";
    case Profession::MedicalSocialWorker: return "msw";
    case Profession::PhysicalTherapist:
    case Profession::OccupationalTherapist:
    case Profession::SpeechTherapist: return "therapist";
    default: return {};
    }
}

} // namespace

std::optional<api::Team> TeamCreateForm::draw(std::optional<perm::Id> patient_id, const std::string& default_name) {
    const Lang lang = m_state.lang;
    if (!m_started || patient_id != m_patient) {
        m_started = true;
        m_patient = patient_id;
        m_team = {default_name, usual_role(m_state.session.principal.profession), patient_id};
        m_errors.clear();
        m_problem.clear();
    }
    std::optional<api::Team> created;
    m_job.poll(
        [&](const api::Team& team) {
            created = team;
            m_started = false;
        },
        [this, lang](const api::Failure& f) {
            if (f.http_status == 409) {
                m_problem = i18n::fmt(i18n::tr(lang, Msg::RefusedBecause), {f.message});
            } else {
                ui::apply_failure(lang, f, m_errors, m_problem);
            }
        });

    ui::begin_card(ui::kFormWidthEm);
    ui::heading(i18n::tr(lang, Msg::TeamCreateTitle));
    ui::text_muted(i18n::tr(lang, Msg::TeamCreateHelp));
    ui::form_text(i18n::tr(lang, Msg::TeamName), "name", m_team.name, m_errors);
    ui::form_select(i18n::tr(lang, Msg::MyTeamRole), "team_role", team_role_labels(), m_team.team_role, lang, m_errors);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::TeamCreateButton), "team-create", m_job.busy())) {
        m_errors.clear();
        m_problem.clear();
        bool ok = m_errors.check("name", validate::name("name", m_team.name), m_team.name, i18n::tr(lang, Msg::ErrName));
        if (!has_code(team_role_labels(), m_team.team_role)) {
            m_errors.set("team_role", i18n::tr(lang, Msg::ErrChoose));
            ok = false;
        }
        if (ok) {
            m_job.start(api::create_team(m_team));
        } else {
            m_problem = i18n::tr(lang, Msg::ErrSeeFields);
        }
    }
    ui::end_card();
    return created;
}

} // namespace mimamori::web
