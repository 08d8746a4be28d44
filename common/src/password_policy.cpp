#include "mimamori/common/password_policy.hpp"

#include "mimamori/common/text.hpp"

namespace mimamori::password {
namespace {

bool in(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

// As text::has_control_characters(): C0, DEL, C1 and the bidi overrides that can disguise text.
bool is_control(char32_t c) { return c < 0x20 || in(c, 0x7F, 0x9F) || in(c, 0x202A, 0x202E) || in(c, 0x2066, 0x2069); }

// Case-insensitive (ASCII) equality after folding full-width forms: "ＹＡＭＡＤＡ" is "yamada".
bool same_as_login(std::string_view password, std::string_view login) {
    const std::string folded = text::fold_fullwidth_ascii(password);
    if (login.empty() || folded.size() != login.size()) return false;
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < login.size(); ++i)
        if (lower(folded[i]) != lower(login[i])) return false;
    return true;
}

} // namespace

CharClass classify(char32_t c) {
    if (is_control(c)) return CharClass::Control;
    if (in(c, 0xFF01, 0xFF5E)) c -= 0xFEE0; // full-width ASCII forms count as what they look like
    if (c < 0x80) {
        if (in(c, U'0', U'9')) return CharClass::Digit;
        if (in(c, U'A', U'Z') || in(c, U'a', U'z')) return CharClass::Letter;
        return CharClass::Symbol;
    }
    // Punctuation and symbol blocks; everything else non-ASCII is taken as a letter of its script.
    if (in(c, 0x00A0, 0x00BF) || c == 0x00D7 || c == 0x00F7 || in(c, 0x2000, 0x2BFF) || in(c, 0x3000, 0x3003) ||
        in(c, 0x3008, 0x3020) || c == 0x30FB || in(c, 0xFF5F, 0xFF65) || in(c, 0xFFE0, 0xFFEE))
        return CharClass::Symbol;
    return CharClass::Letter;
}

std::string_view code(Rule rule) {
    switch (rule) {
    case Rule::InvalidUtf8: return "invalid_utf8";
    case Rule::TooLong: return "too_long";
    case Rule::ControlCharacter: return "control_character";
    case Rule::TooShort: return "too_short";
    case Rule::NotMixed: return "not_mixed";
    case Rule::RepeatedCharacter: return "repeated_character";
    case Rule::SameAsLogin: return "same_as_login";
    }
    return "unknown";
}

std::string message(Rule rule, const Context& context) {
    switch (rule) {
    case Rule::InvalidUtf8: return "The password is not valid text: type it again";
    case Rule::TooLong:
        return "Use at most " + std::to_string(max_bytes) + " bytes (about 85 Japanese characters)";
    case Rule::ControlCharacter: return "Do not use tabs, line breaks or other control characters";
    case Rule::TooShort:
        if (context.two_factor_enabled) return "Use at least " + std::to_string(min_length_two_factor) + " characters";
        return "Use at least " + std::to_string(min_length) + " characters (or turn on two-factor sign-in, which allows " +
               std::to_string(min_length_two_factor) + ")";
    case Rule::NotMixed:
        return "Mix letters, digits and symbols such as ! # % or a space (or turn on two-factor sign-in)";
    case Rule::RepeatedCharacter: return "Do not repeat one character throughout";
    case Rule::SameAsLogin: return "The password must differ from the login ID";
    }
    return "The password is not acceptable";
}

std::vector<Rule> violations(std::string_view password, const Context& context) {
    if (!text::is_valid_utf8(password)) return {Rule::InvalidUtf8};
    std::vector<Rule> broken;
    if (password.size() > max_bytes) broken.push_back(Rule::TooLong);

    std::size_t length = 0;
    bool control = false, letter = false, digit = false, symbol = false, all_same = true;
    char32_t first = 0;
    for (std::size_t pos = 0; pos < password.size(); ++length) {
        const char32_t c = text::next_code_point(password, pos);
        if (length == 0) first = c;
        all_same = all_same && c == first;
        switch (classify(c)) {
        case CharClass::Control: control = true; break;
        case CharClass::Letter: letter = true; break;
        case CharClass::Digit: digit = true; break;
        case CharClass::Symbol: symbol = true; break;
        }
    }
    if (control) broken.push_back(Rule::ControlCharacter);
    if (length < (context.two_factor_enabled ? min_length_two_factor : min_length)) broken.push_back(Rule::TooShort);
    if (!context.two_factor_enabled && !(letter && digit && symbol)) broken.push_back(Rule::NotMixed);
    if (length > 1 && all_same) broken.push_back(Rule::RepeatedCharacter);
    if (same_as_login(password, context.login_id)) broken.push_back(Rule::SameAsLogin);
    return broken;
}

Status check(std::string_view field, std::string_view password, const Context& context) {
    const std::vector<Rule> broken = violations(password, context);
    if (broken.empty()) return {};
    return Error::invalid(std::string(field), message(broken.front(), context));
}

} // namespace mimamori::password
