#include "screens/family_home_screen.hpp"

#include "i18n/i18n.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void FamilyHomeScreen::draw() {
    const Lang lang = m_state.lang;
    if (!m_state.session.me) return;
    if (m_appearance.just_shown() && !m_patient.in_flight()) m_patient = api::list_my_patients();
    const api::MeAccount& me = m_state.session.me->account;
    ui::heading(i18n::tr(lang, Msg::FamilyHomeTitle));
    ui::text(i18n::fmt(i18n::tr(lang, Msg::HomeWelcome), {me.name.empty() ? me.login : me.name}));
    ui::space(0.5f);
    const bool retry = ui::loaded(
        lang, m_patient, [this](const std::vector<api::MyPatient>& patients) { draw_space(patients); }, "family-retry");
    if (retry) m_patient = api::list_my_patients();
    ui::space(0.75f);
    if (ui::link(i18n::tr(lang, Msg::HomeOpenAccount), "family-account")) router::navigate("/account");
}

void FamilyHomeScreen::draw_space(const std::vector<api::MyPatient>& patients) {
    const Lang lang = m_state.lang;
    const perm::Principal& p = m_state.session.principal;
    const api::MyPatient* own = nullptr;
    for (const api::MyPatient& patient : patients) {
        if (p.family_patient_id && patient.id == *p.family_patient_id) own = &patient;
    }
    ui::begin_card();
    if (own == nullptr) { // the consent does not (or no longer) include the family
        ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::FamilySpaceUnavailable));
        ui::text_muted(i18n::tr(lang, Msg::FamilySpaceUnavailableHelp));
        return ui::end_card();
    }
    ui::text(i18n::fmt(i18n::tr(lang, Msg::FamilySpaceOf), {own->name}));
    const perm::Target target{.patient_id = own->id,
                              .consent_recorded = !own->consent.none(),
                              .family_scope = own->consent.family,
                              .team_locked = own->consent.withdrawn()};
    const bool writable = session::allows(m_state, perm::Action::FamilySpaceWrite, target);
    if (!writable) ui::status_line(ui::Tone::Error, i18n::tr(lang, Msg::FamilySpaceLocked));
    ui::end_card();
    ui::space(0.5f);
    // The family space itself (家族の連絡帳), decrypted in this page only (issue 6).
    m_space.draw(own->id, true);
}

} // namespace mimamori::web
