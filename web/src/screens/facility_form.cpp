#include "screens/facility_form.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "screens/person_fields.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr const char* kRepresentative = "representative.";

} // namespace

void FacilityForm::reset() {
    m_editing.reset();
    m_fields = {};
    m_representative = {};
    m_errors.clear();
    m_problem.clear();
    m_job = {};
}

void FacilityForm::open_new() {
    reset();
    m_open = true;
}

void FacilityForm::open_edit(const api::Facility& facility) {
    reset();
    m_open = true;
    m_editing = facility.id;
    m_fields = facility.fields;
}

bool FacilityForm::check() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    api::FacilityFields& f = m_fields;
    bool ok = true;
    if (!has_code(facility_type_labels(), f.type)) {
        m_errors.set("type", i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    }
    ok &= m_errors.check("name", validate::name("name", f.name), f.name, i18n::tr(lang, Msg::ErrName));
    ok &= m_errors.check("name_kana", validate::kana("name_kana", f.name_kana), f.name_kana, i18n::tr(lang, Msg::ErrKana));
    if (!text::trim(f.postal_code).empty()) {
        const std::string normalised = ui::postal_code(f.postal_code);
        if (normalised.empty()) {
            m_errors.set("postal_code", i18n::tr(lang, Msg::ErrPostalCode));
            ok = false;
        } else {
            f.postal_code = normalised;
        }
    } else {
        f.postal_code.clear();
    }
    ok &= m_errors.check("address", validate::text("address", f.address, 200, false, false), f.address,
                         i18n::tr(lang, Msg::ErrAddress));
    ok &= m_errors.check("phone", validate::phone("phone", f.phone), f.phone, i18n::tr(lang, Msg::ErrPhone));
    if (!has_code(plan_labels(), f.plan)) {
        m_errors.set("plan", i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    }
    if (!m_editing) ok &= check_person_fields(lang, kRepresentative, m_representative, m_errors);
    return ok;
}

void FacilityForm::on_failure(const api::Failure& f) {
    // The representative's fields may come back with or without their prefix: a field the
    // facility itself does not have belongs to the representative.
    static constexpr std::string_view kFacilityFields[] = {"type", "name", "name_kana", "postal_code",
                                                           "address", "phone", "plan"};
    ui::apply_failure(m_state.lang, f, m_errors, m_problem, [this](const std::string& field) {
        const bool own = std::find(std::begin(kFacilityFields), std::end(kFacilityFields), field) !=
                         std::end(kFacilityFields);
        return m_editing || own || field.starts_with(kRepresentative) ? field : kRepresentative + field;
    });
}

std::optional<api::Facility> FacilityForm::draw() {
    std::optional<api::Facility> saved;
    m_job.poll(
        [&](const api::Facility& facility) {
            saved = facility;
            m_open = false;
        },
        [this](const api::Failure& f) { on_failure(f); });
    if (!m_open) return saved;

    const Lang lang = m_state.lang;
    ui::begin_card(ui::kFormWidthEm);
    ui::heading(i18n::tr(lang, m_editing ? Msg::FacilityEditTitle : Msg::FacilityRegisterTitle));
    ui::space(0.25f);
    ui::form_select(i18n::tr(lang, Msg::FacilityType), "type", facility_type_labels(), m_fields.type, lang, m_errors);
    ui::form_text(i18n::tr(lang, Msg::FacilityName), "name", m_fields.name, m_errors);
    ui::form_text(i18n::tr(lang, Msg::FacilityKana), "name_kana", m_fields.name_kana, m_errors);
    ui::form_text(i18n::tr(lang, Msg::PostalCode), "postal_code", m_fields.postal_code, m_errors,
                  {.hint = "910-0004", .width_em = 10.0f});
    ui::form_text(i18n::tr(lang, Msg::Address), "address", m_fields.address, m_errors);
    ui::form_text(i18n::tr(lang, Msg::Phone), "phone", m_fields.phone, m_errors, {.hint = "0776-00-0000", .width_em = 14.0f});
    ui::form_select(i18n::tr(lang, Msg::Plan), "plan", plan_labels(), m_fields.plan, lang, m_errors);
    if (!m_editing) {
        ui::space(0.5f);
        ui::heading(i18n::tr(lang, Msg::RepresentativeTitle));
        ui::text_muted(i18n::tr(lang, Msg::RepresentativeHelp));
        draw_person_fields(lang, kRepresentative, m_representative, m_errors);
    }
    ui::space(0.25f);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    const Msg action = m_editing ? Msg::Save : Msg::FacilityRegisterButton;
    if (ui::submit_button(lang, i18n::tr(lang, action), "facility-save", m_job.busy())) {
        m_problem.clear();
        if (!check()) {
            m_errors.reveal();
            m_problem = i18n::tr(lang, Msg::ErrSeeFields);
        } else if (m_editing) {
            m_job.start(api::update_facility(*m_editing, m_fields));
        } else {
            m_job.start(api::create_facility(m_fields, m_representative));
        }
    }
    ui::end_card();
    return saved;
}

} // namespace mimamori::web
