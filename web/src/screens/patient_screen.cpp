#include "screens/patient_screen.hpp"

#include "files/patient_files.hpp"
#include "i18n/i18n.hpp"
#include "imgui.h"
#include "menu.hpp"
#include "patient_facts.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "route.hpp"
#include "screens/patients_screen.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
constexpr float kLabelWidthEm = 9.0f;

std::string patient_route(perm::Id id) { return "/patients/" + std::to_string(id); }

} // namespace

void PatientScreen::draw(std::span<const std::string_view> parts) {
    const bool opened = m_appearance.just_shown();
    if (opened) m_notice.clear();
    std::string key;
    for (std::size_t i = 1; i < parts.size(); ++i) key += "/" + std::string(parts[i]);
    const bool fresh = opened || key != m_route_key; // a form opened anew starts afresh
    m_route_key = key;
    if (parts.size() < 3 || parts[2] != "handover") m_handover.reset();
    if (parts.size() == 2 && parts[1] == "new") {
        if (fresh) m_form.open_new();
        return draw_new();
    }
    const auto id = parts.size() >= 2 ? route::id(parts[1]) : std::nullopt;
    if (!id) return router::redirect("/");
    if (opened) { // what others changed meanwhile (a family member who joined) shows on return
        m_loader.reload();
        m_family.reload();
    }
    const PatientView* view = m_loader.get(*id);
    back_link(view, parts.size() > 2);
    if (view == nullptr) {
        if (m_loader.loading()) return ui::status_line(ui::Tone::Pending, i18n::tr(m_state.lang, Msg::Loading));
        if (const api::Failure* f = m_loader.failure()) ui::status_line(ui::Tone::Error, ui::describe(m_state.lang, *f));
        if (ui::secondary_button(i18n::tr(m_state.lang, Msg::Retry), "patient-retry")) m_loader.reload();
        return;
    }
    if (parts.size() == 2) return draw_detail(*view);
    if (parts.size() == 3 && parts[2] == "edit") {
        if (fresh && !view->limited) m_form.open_edit(view->patient);
        return draw_edit(*view);
    }
    if (parts.size() == 3 && parts[2] == "consent") {
        if (fresh || m_consent_form.patient() != *id) m_consent_form.open(*id, view->patient.fields.name);
        return draw_consent(*view);
    }
    if (parts.size() == 4 && parts[2] == "family" && parts[3] == "new") return draw_family_new(*view);
    if (parts.size() == 4 && parts[2] == "handover") {
        if (const auto account = route::id(parts[3])) return draw_handover(*view, *account);
    }
    router::redirect(patient_route(*id));
}

void PatientScreen::back_link(const PatientView* view, bool below_patient) {
    const Lang lang = m_state.lang;
    const MenuEntry* list = menu_entry_for("/patients");
    const bool master = list != nullptr && menu_allows(m_state.session.principal, *list);
    if (below_patient && view != nullptr) {
        if (ui::link(i18n::tr(lang, Msg::BackToPatient), "patient-back")) router::navigate(patient_route(view->patient.id));
    } else if (ui::link(i18n::tr(lang, master ? Msg::BackToList : Msg::BackToMyPatients), "patient-back")) {
        router::navigate(master ? "/patients" : "/");
    }
    ui::space(0.5f);
}

void PatientScreen::draw_header(const PatientView& view) {
    const Lang lang = m_state.lang;
    const api::Patient& p = view.patient;
    ui::name_heading(p.fields.name);
    ui::text_muted(p.fields.name_kana);
    ui::badge(patient_status_text(lang, p.fields.status), ui::Tone::Pending);
    ImGui::SameLine(0.0f, 0.5f * ui::em());
    consent_badge(lang, p.consent);
    if (view.target.team_locked) ui::status_line(ui::Tone::Error, i18n::tr(lang, Msg::PatientLockedNotice));
    if (view.limited) ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::PatientLimitedNotice));
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    ui::space(0.5f);
}

void PatientScreen::draw_detail(const PatientView& view) {
    draw_header(view);
    // The patient's timeline (issue 5): for those who may read the record.
    if (session::allows(m_state, Action::PatientRecordRead, view.target)) {
        ui::space(0.5f);
        if (ui::button(i18n::tr(m_state.lang, Msg::TimelineOpen), "patient-timeline"))
            router::navigate(patient_route(view.patient.id) + "/memos");
        ui::space(0.75f);
    }
    if (!view.limited) {
        draw_identity(view);
        ui::space(0.75f);
    }
    if (m_consent.draw(view)) { // withdrawn: the whole record is read-only now, as its top says
        m_notice = i18n::tr(m_state.lang, Msg::ConsentWithdrawn);
        ImGui::SetScrollY(0.0f);
        m_loader.reload();
    }
    ui::space(0.75f);
    draw_team(view);
    ui::space(0.75f);
    m_family.draw(view);
    // The patient's files (issue 7): for those who may read the record, as the timeline.
    if (!view.limited && session::allows(m_state, Action::PatientRecordRead, view.target)) {
        ui::space(0.75f);
        files::draw_patient_files(view.patient.id, session::allows(m_state, Action::PatientRecordWrite, view.target));
    }
}

void PatientScreen::draw_identity(const PatientView& view) {
    const Lang lang = m_state.lang;
    const api::PatientFields& f = view.patient.fields;
    auto row = [&](Msg label, const std::string& value) {
        ui::field_row(i18n::tr(lang, label), value.empty() ? "—" : value, kLabelWidthEm);
    };
    ui::begin_card();
    row(Msg::BirthDate, birth_date_with_age(lang, f.birth_date));
    row(Msg::Sex, sex_text(lang, f.sex));
    row(Msg::Address, f.postal_code.empty() ? f.address : "〒" + f.postal_code + " " + f.address);
    row(Msg::Phone, f.phone);
    const api::KeyPerson& k = f.key_person;
    std::string key_person = k.name;
    if (!k.relation.empty()) key_person += "（" + k.relation + "）";
    if (!k.phone.empty()) key_person += "  " + k.phone;
    row(Msg::KeyPerson, key_person);
    row(Msg::RegisteringFacility, view.patient.facility_name);
    row(Msg::CreatedAt, clock::local_time(view.patient.created_at));
    if (session::allows(m_state, Action::PatientEdit, {.facility_id = f.facility_id})) {
        ui::space(0.25f);
        if (ui::secondary_button(i18n::tr(lang, Msg::Edit), "patient-edit")) {
            m_notice.clear();
            router::navigate(patient_route(view.patient.id) + "/edit");
        }
    }
    ui::end_card();
}

void PatientScreen::draw_team(const PatientView& view) {
    const Lang lang = m_state.lang;
    if (view.team) {
        switch (m_team.draw(*view.team, view.target)) {
        case CareTeamPanel::Outcome::None: break;
        case CareTeamPanel::Outcome::Changed: m_loader.reload(); break;
        case CareTeamPanel::Outcome::Left:
            m_notice.clear();
            router::navigate("/");
            break;
        }
        return;
    }
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::CareTeamTitle));
    ui::text_muted(i18n::tr(lang, view.patient.team_id ? Msg::TeamNotVisible : Msg::TeamNone));
    const bool may_create = !view.patient.team_id && session::allows(m_state, Action::TeamCreate, view.target);
    ui::end_card();
    if (may_create) {
        ui::space(0.5f);
        const std::string name = i18n::fmt(i18n::tr(lang, Msg::TeamDefaultName), {view.patient.fields.name});
        if (m_team_create.draw(view.patient.id, name)) {
            m_team.set_notice(i18n::tr(lang, Msg::TeamCreated)); // shown where the team appears
            m_loader.reload();
        }
    }
}

void PatientScreen::draw_edit(const PatientView& view) {
    if (view.limited || !session::allows(m_state, Action::PatientEdit, {.facility_id = view.patient.fields.facility_id})) {
        return router::redirect(patient_route(view.patient.id));
    }
    if (auto saved = m_form.draw()) {
        m_loader.set_patient(*saved);
        m_notice = i18n::tr(m_state.lang, Msg::Saved);
        router::navigate(patient_route(saved->id));
    }
}

void PatientScreen::draw_consent(const PatientView& view) {
    if (view.patient.consent.active() || !session::allows(m_state, Action::ConsentRecord, view.target)) {
        return router::redirect(patient_route(view.patient.id));
    }
    if (m_consent_form.draw(view.patient.fields.name)) {
        m_consent.set_notice(view.patient.id, i18n::tr(m_state.lang, Msg::ConsentRecorded));
        m_loader.reload();
        router::navigate(patient_route(view.patient.id));
    }
}

void PatientScreen::draw_family_new(const PatientView& view) {
    if (!session::allows(m_state, Action::FamilyAccountRegister, view.target)) {
        return router::redirect(patient_route(view.patient.id));
    }
    if (auto saved = m_family_form.draw(view.patient.id, view.patient.fields.name)) {
        const Lang lang = m_state.lang;
        m_family.set_notice(saved->invitation_expires_at.empty()
                                ? i18n::fmt(i18n::tr(lang, Msg::FamilyRegisteredHandover), {saved->account.name})
                                : i18n::fmt(i18n::tr(lang, Msg::FamilyRegisteredMail), {saved->account.name}));
        m_family.reload();
        router::navigate(patient_route(view.patient.id));
    }
}

void PatientScreen::draw_handover(const PatientView& view, perm::Id account_id) {
    if (!session::allows(m_state, Action::FamilyHandover, view.target)) {
        return router::redirect(patient_route(view.patient.id));
    }
    if (m_handover.draw(account_id, view.patient.fields.name)) router::navigate(patient_route(view.patient.id));
}

void PatientScreen::draw_new() {
    const Lang lang = m_state.lang;
    if (!may_register_patients(m_state)) return router::redirect("/");
    if (ui::link(i18n::tr(lang, Msg::BackToList), "patient-back")) router::navigate("/patients");
    ui::space(0.5f);
    if (auto saved = m_form.draw()) {
        m_notice = i18n::tr(lang, Msg::PatientRegistered);
        router::navigate(patient_route(saved->id));
    }
}

} // namespace mimamori::web
