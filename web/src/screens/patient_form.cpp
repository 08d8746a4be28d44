#include "screens/patient_form.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/date.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "route.hpp"
#include "session/session.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr std::size_t kAddressChars = 200;
constexpr std::size_t kRelationChars = 50;

// An optional phone number: "" stays "", full-width digits are folded (as the server reads it).
bool check_phone(ui::FieldErrors& errors, const char* field, std::string& phone, const char* message) {
    if (text::trim(phone).empty()) {
        phone.clear();
        return true;
    }
    return errors.check(field, validate::phone(field, text::fold_fullwidth_ascii(phone)), phone, message);
}

} // namespace

void PatientForm::reset() {
    m_editing.reset();
    m_fields = {};
    m_facility.clear();
    m_duplicates.clear();
    m_errors.clear();
    m_problem.clear();
    m_register = {};
    m_update = {};
}

void PatientForm::open_new() {
    reset();
    m_open = true;
}

void PatientForm::open_edit(const api::Patient& patient) {
    reset();
    m_open = true;
    m_editing = patient.id;
    m_fields = patient.fields;
    m_facility = std::to_string(patient.fields.facility_id);
}

void PatientForm::update_facilities() {
    // The facilities perm::decide lets the person register for (or move the patient to).
    const perm::Action action = m_editing ? perm::Action::PatientEdit : perm::Action::PatientRegister;
    std::vector<Choice> choices;
    if (session::allows(m_state, action)) { // any facility: the secretariat administrator
        if (m_all_facilities.not_started()) m_all_facilities = api::list_facilities({});
        if (m_all_facilities.done()) {
            for (const api::Facility& f : m_all_facilities.value()) choices.push_back({std::to_string(f.id), f.fields.name});
        }
    } else if (m_state.session.me) {
        for (const api::MeAffiliation& a : m_state.session.me->affiliations) {
            if (session::allows(m_state, action, {.facility_id = a.facility_id})) {
                choices.push_back({std::to_string(a.facility_id), a.facility_name});
            }
        }
    }
    if (m_facility.empty() && choices.size() == 1) m_facility = choices.front().code;
    m_choices = std::move(choices);
    m_choice_labels.clear();
    for (const Choice& c : m_choices) m_choice_labels.push_back({c.code, c.name, c.name});
}

bool PatientForm::check() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    api::PatientFields& f = m_fields;
    bool ok = true;
    ok &= m_errors.check("name", validate::name("name", f.name), f.name, i18n::tr(lang, Msg::ErrName));
    ok &= m_errors.check("name_kana", validate::kana("name_kana", f.name_kana), f.name_kana, i18n::tr(lang, Msg::ErrKana));
    if (const auto born = parse_date(text::fold_fullwidth_ascii(text::trim(f.birth_date)), "birth_date"); !born) {
        m_errors.set("birth_date", i18n::tr(lang, Msg::ErrBirthDate));
        ok = false;
    } else if (japan_date(clock::unix_seconds()) < *born) {
        m_errors.set("birth_date", i18n::tr(lang, Msg::ErrBirthDateFuture));
        ok = false;
    } else {
        f.birth_date = born->to_string();
    }
    if (!has_code(sex_labels(), f.sex)) {
        m_errors.set("sex", i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    }
    if (!text::trim(f.postal_code).empty()) {
        const std::string normalised = ui::postal_code(f.postal_code);
        if (normalised.empty()) m_errors.set("postal_code", i18n::tr(lang, Msg::ErrPostalCode));
        ok &= !normalised.empty();
        f.postal_code = normalised.empty() ? f.postal_code : normalised;
    } else {
        f.postal_code.clear();
    }
    ok &= m_errors.check("address", validate::text("address", f.address, kAddressChars, false, true), f.address,
                         i18n::tr(lang, Msg::ErrAddress));
    ok &= check_phone(m_errors, "phone", f.phone, i18n::tr(lang, Msg::ErrPhone));
    api::KeyPerson& k = f.key_person;
    ok &= m_errors.check("key_person.name", validate::text("key_person.name", k.name, 100, false, true), k.name,
                         i18n::tr(lang, Msg::ErrName));
    ok &= m_errors.check("key_person.relation", validate::text("key_person.relation", k.relation, kRelationChars, false, true),
                         k.relation, i18n::tr(lang, Msg::ErrRelation));
    ok &= check_phone(m_errors, "key_person.phone", k.phone, i18n::tr(lang, Msg::ErrPhone));
    if (!has_code(patient_status_labels(), f.status)) {
        m_errors.set("status", i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    }
    const auto facility = route::id(m_facility);
    if (!facility) {
        m_errors.set("facility_id", i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    } else {
        f.facility_id = *facility;
    }
    return ok;
}

void PatientForm::submit(bool allow_duplicate) {
    m_problem.clear();
    m_duplicates.clear();
    if (!check()) {
        m_errors.reveal();
        m_problem = i18n::tr(m_state.lang, Msg::ErrSeeFields);
    } else if (m_editing) {
        m_update.start(api::update_patient(*m_editing, m_fields));
    } else {
        m_register.start(api::register_patient(m_fields, allow_duplicate));
    }
}

std::optional<api::Patient> PatientForm::draw() {
    std::optional<api::Patient> saved;
    const Lang lang = m_state.lang;
    auto failed = [this, lang](const api::Failure& f) { ui::apply_failure(lang, f, m_errors, m_problem); };
    m_register.poll(
        [&](const api::PatientRegistration& r) {
            if (r.patient) {
                saved = r.patient;
                m_open = false;
            }
            m_duplicates = r.duplicates;
        },
        failed);
    m_update.poll(
        [&](const api::Patient& patient) {
            saved = patient;
            m_open = false;
        },
        failed);
    if (!m_open) return saved;
    update_facilities();

    ui::begin_card(ui::kFormWidthEm);
    ui::heading(i18n::tr(lang, m_editing ? Msg::PatientEditTitle : Msg::PatientRegisterTitle));
    ui::space(0.25f);
    if (!m_duplicates.empty()) {
        draw_duplicates();
    } else {
        draw_fields();
        ui::space(0.25f);
        if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
        const bool busy = m_register.busy() || m_update.busy();
        if (ui::submit_button(lang, i18n::tr(lang, m_editing ? Msg::Save : Msg::PatientRegisterButton), "patient-save",
                              busy)) {
            submit(false);
        }
    }
    ui::end_card();
    return saved;
}

void PatientForm::draw_fields() {
    const Lang lang = m_state.lang;
    api::PatientFields& f = m_fields;
    if (m_choice_labels.size() == 1) {
        ui::field_row(i18n::tr(lang, Msg::RegisteringFacility), m_choices.front().name, 9.0f);
    } else {
        ui::form_select(i18n::tr(lang, Msg::RegisteringFacility), "facility_id", m_choice_labels, m_facility, lang, m_errors);
    }
    ui::form_text(i18n::tr(lang, Msg::PatientName), "name", f.name, m_errors);
    ui::form_text(i18n::tr(lang, Msg::PersonKana), "name_kana", f.name_kana, m_errors, {.hint = "ヤマダ ハナコ"});
    ui::form_text(i18n::tr(lang, Msg::BirthDate), "birth_date", f.birth_date, m_errors,
                  {.hint = "1940-04-01", .width_em = 10.0f});
    ui::form_select(i18n::tr(lang, Msg::Sex), "sex", sex_labels(), f.sex, lang, m_errors);
    ui::form_text(i18n::tr(lang, Msg::PostalCode), "postal_code", f.postal_code, m_errors,
                  {.hint = "910-0004", .width_em = 10.0f});
    ui::form_text(i18n::tr(lang, Msg::Address), "address", f.address, m_errors);
    ui::form_text(i18n::tr(lang, Msg::Phone), "phone", f.phone, m_errors, {.hint = "0776-00-0000", .width_em = 14.0f});
    ui::form_select(i18n::tr(lang, Msg::PatientStatus), "status", patient_status_labels(), f.status, lang, m_errors);
    ui::space(0.5f);
    ui::heading(i18n::tr(lang, Msg::KeyPerson));
    ui::text_muted(i18n::tr(lang, Msg::KeyPersonHelp));
    ui::form_text(i18n::tr(lang, Msg::PersonName), "key_person.name", f.key_person.name, m_errors);
    ui::form_text(i18n::tr(lang, Msg::Relation), "key_person.relation", f.key_person.relation, m_errors,
                  {.hint = i18n::tr(lang, Msg::RelationHint), .width_em = 10.0f});
    ui::form_text(i18n::tr(lang, Msg::Phone), "key_person.phone", f.key_person.phone, m_errors,
                  {.hint = "090-0000-0000", .width_em = 14.0f});
}

void PatientForm::draw_duplicates() {
    const Lang lang = m_state.lang;
    ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::DuplicateFound));
    ui::text_muted(i18n::tr(lang, Msg::DuplicateHelp));
    ui::space(0.25f);
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PatientName), 1.6f},
        {i18n::tr(lang, Msg::PersonKana), 1.8f},
        {i18n::tr(lang, Msg::BirthDate), 1.4f},
        {i18n::tr(lang, Msg::RegisteringFacility), 2.2f},
        {"", ui::fitting_width_em(i18n::tr(lang, Msg::Open)) + 1.0f, true},
    };
    if (ui::begin_table("duplicates", columns)) {
        ui::clipped_rows(
            static_cast<int>(m_duplicates.size()), [&](int i) { return m_duplicates[static_cast<std::size_t>(i)].id; },
            [&](int i) {
                const api::Duplicate& d = m_duplicates[static_cast<std::size_t>(i)];
                ui::cell(d.name);
                ui::cell_muted(d.name_kana);
                ui::cell_muted(d.birth_date);
                ui::cell_muted(d.facility_name);
                ui::next_cell();
                if (ui::secondary_button(i18n::tr(lang, Msg::Open), "duplicate-open")) {
                    router::navigate("/patients/" + std::to_string(d.id));
                }
            });
        ui::end_table();
    }
    ui::space(0.5f);
    if (ui::secondary_button(i18n::tr(lang, Msg::DuplicateBack), "duplicate-back")) m_duplicates.clear();
    ImGui::SameLine(0.0f, 1.0f * ui::em());
    if (ui::submit_button(lang, i18n::tr(lang, Msg::DuplicateRegisterAnyway), "duplicate-register", m_register.busy())) {
        submit(true);
    }
}

} // namespace mimamori::web
