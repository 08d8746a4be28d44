#include "screens/person_fields.hpp"

#include "i18n/i18n.hpp"
#include "mimamori/common/validation.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void draw_person_fields(Lang lang, const std::string& prefix, api::PersonFields& p, const ui::FieldErrors& errors) {
    auto field = [&prefix](const char* name) { return prefix + name; };
    ui::form_text(i18n::tr(lang, Msg::PersonName), field("name").c_str(), p.name, errors);
    ui::form_text(i18n::tr(lang, Msg::PersonKana), field("name_kana").c_str(), p.name_kana, errors);
    ui::form_text(i18n::tr(lang, Msg::Email), field("email").c_str(), p.email, errors, {.hint = "name@example.jp"});
    ui::form_text(i18n::tr(lang, Msg::LoginId), field("login").c_str(), p.login, errors);
    ui::text_muted(i18n::tr(lang, Msg::LoginIdHelp));
    ui::form_select(i18n::tr(lang, Msg::Profession), field("profession").c_str(), profession_labels(), p.profession,
                    lang, errors);
}

bool check_person_fields(Lang lang, const std::string& prefix, api::PersonFields& p, ui::FieldErrors& errors) {
    auto field = [&prefix](const char* name) { return prefix + name; };
    bool ok = errors.check(field("name"), validate::name("name", p.name), p.name, i18n::tr(lang, Msg::ErrName));
    ok &= errors.check(field("name_kana"), validate::kana("name_kana", p.name_kana), p.name_kana,
                       i18n::tr(lang, Msg::ErrKana));
    ok &= errors.check(field("email"), validate::email("email", p.email), p.email, i18n::tr(lang, Msg::ErrEmail));
    ok &= errors.check(field("login"), validate::login_id("login", p.login), p.login, i18n::tr(lang, Msg::ErrLogin));
    if (!profession_from_code(p.profession)) {
        errors.set(field("profession"), i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    }
    return ok;
}

} // namespace mimamori::web
