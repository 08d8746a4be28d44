#include "ui/password_fields.hpp"

#include <algorithm>
#include <vector>

#include <sodium.h>

namespace mimamori::web::ui {
namespace {
using i18n::Msg;
using password::Rule;

std::size_t min_length(const password::Context& c) {
    return c.two_factor_enabled ? password::min_length_two_factor : password::min_length;
}

bool broken(const std::vector<Rule>& violations, Rule rule) {
    return std::find(violations.begin(), violations.end(), rule) != violations.end();
}

} // namespace

void wipe(std::string& secret) {
    if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
    secret.clear();
}

std::string rule_text(Lang lang, Rule rule, const password::Context& context) {
    switch (rule) {
    case Rule::TooShort: return i18n::fmt(i18n::tr(lang, Msg::PwRuleLength), {std::to_string(min_length(context))});
    case Rule::NotMixed: return i18n::tr(lang, Msg::PwRuleMixed);
    case Rule::RepeatedCharacter: return i18n::tr(lang, Msg::PwRuleRepeated);
    case Rule::SameAsLogin: return i18n::tr(lang, Msg::PwRuleLogin);
    case Rule::ControlCharacter: return i18n::tr(lang, Msg::PwRuleControl);
    case Rule::TooLong: return i18n::tr(lang, Msg::PwRuleTooLong);
    case Rule::InvalidUtf8: return i18n::tr(lang, Msg::PwRuleControl);
    }
    return {};
}

std::string rule_text(Lang lang, std::string_view rule_code, const password::Context& context) {
    for (const Rule rule : {Rule::InvalidUtf8, Rule::TooLong, Rule::ControlCharacter, Rule::TooShort, Rule::NotMixed,
                            Rule::RepeatedCharacter, Rule::SameAsLogin}) {
        if (password::code(rule) == rule_code) return rule_text(lang, rule, context);
    }
    return {};
}

void PasswordFields::draw(Lang lang, const char* id, const char* field, const password::Context& context,
                          const FieldErrors& errors) {
    const std::string new_id = std::string(id) + "-new";
    const std::string confirm_id = std::string(id) + "-confirm";
    input_text(i18n::tr(lang, Msg::PwNew), new_id.c_str(), m_password, InputOptions{.password = true});
    field_error(field, errors);
    input_text(i18n::tr(lang, Msg::PwConfirm), confirm_id.c_str(), m_confirmation, InputOptions{.password = true});

    // The checklist: the rules every password must keep, then any other rule once broken.
    const std::vector<Rule> violations = password::violations(m_password, context);
    const bool typed = !m_password.empty();
    space(0.2f);
    text_muted(i18n::tr(lang, Msg::PwChecklist));
    check_line(typed && !broken(violations, Rule::TooShort), rule_text(lang, Rule::TooShort, context));
    if (!context.two_factor_enabled) {
        check_line(typed && !broken(violations, Rule::NotMixed), rule_text(lang, Rule::NotMixed, context));
    }
    check_line(typed && !broken(violations, Rule::RepeatedCharacter), rule_text(lang, Rule::RepeatedCharacter, context));
    if (!context.login_id.empty()) {
        check_line(typed && !broken(violations, Rule::SameAsLogin), rule_text(lang, Rule::SameAsLogin, context));
    }
    for (const Rule rule : {Rule::ControlCharacter, Rule::TooLong}) {
        if (broken(violations, rule)) check_line(false, rule_text(lang, rule, context));
    }
    check_line(typed && m_confirmation == m_password, i18n::tr(lang, Msg::PwRuleConfirm));
}

bool PasswordFields::acceptable(const password::Context& context) const {
    return !m_password.empty() && m_confirmation == m_password && password::violations(m_password, context).empty();
}

void PasswordFields::wipe() {
    ui::wipe(m_password);
    ui::wipe(m_confirmation);
    forget_text_input();
}

} // namespace mimamori::web::ui
