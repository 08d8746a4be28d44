#include "screens/family_account_form.hpp"

#include "i18n/i18n.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void FamilyAccountForm::reset(perm::Id patient_id) {
    m_patient = patient_id;
    m_account = {};
    m_errors.clear();
    m_problem.clear();
    m_job = {};
}

bool FamilyAccountForm::check() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    api::NewFamilyAccount& a = m_account;
    bool ok = m_errors.check("name", validate::name("name", a.name), a.name, i18n::tr(lang, Msg::ErrName));
    ok &= m_errors.check("name_kana", validate::kana("name_kana", a.name_kana), a.name_kana, i18n::tr(lang, Msg::ErrKana));
    ok &= m_errors.check("login", validate::login_id("login", a.login), a.login, i18n::tr(lang, Msg::ErrLogin));
    ok &= m_errors.check("relation", validate::name("relation", a.relation, 50), a.relation, i18n::tr(lang, Msg::ErrRelation));
    if (text::trim(a.email).empty()) {
        a.email.clear();
    } else {
        ok &= m_errors.check("email", validate::email("email", text::trim(a.email)), a.email, i18n::tr(lang, Msg::ErrEmail));
    }
    return ok;
}

std::optional<api::FamilyRegistered> FamilyAccountForm::draw(perm::Id patient_id, const std::string& patient_name) {
    if (patient_id != m_patient) reset(patient_id);
    const Lang lang = m_state.lang;
    std::optional<api::FamilyRegistered> saved;
    m_job.poll(
        [&](const api::FamilyRegistered& r) {
            saved = r;
            reset(patient_id);
        },
        [this, lang](const api::Failure& f) { ui::apply_failure(lang, f, m_errors, m_problem); });

    ui::begin_card(ui::kFormWidthEm);
    ui::heading(i18n::tr(lang, Msg::FamilyRegisterTitle));
    ui::text(i18n::fmt(i18n::tr(lang, Msg::FamilyOfPatient), {patient_name}));
    ui::space(0.25f);
    ui::form_text(i18n::tr(lang, Msg::PersonName), "name", m_account.name, m_errors);
    ui::form_text(i18n::tr(lang, Msg::PersonKana), "name_kana", m_account.name_kana, m_errors);
    ui::form_text(i18n::tr(lang, Msg::Relation), "relation", m_account.relation, m_errors,
                  {.hint = i18n::tr(lang, Msg::RelationHint), .width_em = 10.0f});
    ui::form_text(i18n::tr(lang, Msg::LoginId), "login", m_account.login, m_errors);
    ui::text_muted(i18n::tr(lang, Msg::LoginIdHelp));
    ui::form_text(i18n::tr(lang, Msg::EmailOptional), "email", m_account.email, m_errors, {.hint = "name@example.jp"});
    ui::text_muted(i18n::tr(lang, Msg::FamilyEmailHelp));
    ui::space(0.25f);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::FamilyRegisterButton), "family-save", m_job.busy())) {
        m_problem.clear();
        if (check()) {
            m_job.start(api::register_family_account(patient_id, m_account));
        } else {
            m_errors.reveal();
            m_problem = i18n::tr(lang, Msg::ErrSeeFields);
        }
    }
    ui::end_card();
    return saved;
}

} // namespace mimamori::web
