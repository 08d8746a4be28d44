#include "screens/staff_form.hpp"

#include "i18n/i18n.hpp"
#include "screens/person_fields.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void StaffForm::reset(perm::Id facility_id) {
    m_facility_id = facility_id;
    m_person = {};
    m_manager = false;
    m_errors.clear();
    m_problem.clear();
    m_job = {};
}

std::optional<api::Staff> StaffForm::draw(perm::Id facility_id, const std::string& facility_name) {
    if (facility_id != m_facility_id) reset(facility_id);
    const Lang lang = m_state.lang;
    std::optional<api::Staff> saved;
    m_job.poll(
        [&](const api::Staff& staff) {
            saved = staff;
            reset(facility_id);
        },
        [&](const api::Failure& f) { ui::apply_failure(lang, f, m_errors, m_problem); });

    ui::begin_card(ui::kFormWidthEm);
    ui::heading(i18n::tr(lang, Msg::StaffRegisterTitle));
    ui::text_muted(facility_name);
    ui::space(0.25f);
    draw_person_fields(lang, "", m_person, m_errors);
    ui::checkbox(i18n::tr(lang, Msg::StaffIsManager), "manager", m_manager);
    ui::space(0.25f);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::StaffRegisterButton), "staff-save", m_job.busy())) {
        m_errors.clear();
        m_problem.clear();
        if (check_person_fields(lang, "", m_person, m_errors)) {
            m_job.start(api::register_staff(facility_id, m_person, m_manager));
        } else {
            m_errors.reveal();
            m_problem = i18n::tr(lang, Msg::ErrSeeFields);
        }
    }
    ui::end_card();
    return saved;
}

} // namespace mimamori::web
