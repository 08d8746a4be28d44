#include "mimamori/common/validation.hpp"

#include "mimamori/common/text.hpp"

namespace mimamori::validate {
namespace {

Error invalid(std::string_view field, std::string message) {
    return Error::invalid(std::string(field), std::string(field) + " " + message);
}

// Shared checks for single-line text: encoding, control characters, length.
Result<std::string> single_line(std::string_view field, std::string_view value, std::size_t max_chars) {
    if (!text::is_valid_utf8(value)) return invalid(field, "is not valid UTF-8 text");
    if (text::has_control_characters(value)) return invalid(field, "must not contain control characters or line breaks");
    std::string trimmed = text::trim(value);
    if (trimmed.empty()) return invalid(field, "is required");
    if (text::length(trimmed) > max_chars)
        return invalid(field, "must be at most " + std::to_string(max_chars) + " characters");
    return trimmed;
}

} // namespace

Result<std::string> name(std::string_view field, std::string_view value, std::size_t max_chars) {
    return single_line(field, value, max_chars);
}

Result<std::string> kana(std::string_view field, std::string_view value, std::size_t max_chars) {
    auto v = single_line(field, value, max_chars);
    if (!v) return v;
    if (!text::is_kana(*v)) return invalid(field, "must be written in kana (カタカナ or ひらがな)");
    return text::to_katakana(*v);
}

Result<std::string> login_id(std::string_view field, std::string_view value) {
    if (value.size() < 3 || value.size() > 64) return invalid(field, "must be 3 to 64 characters");
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
                        lower == '_' || lower == '-';
        if (!ok) return invalid(field, "may contain only letters, digits, '.', '_' and '-'");
        out += lower;
    }
    const char first = out.front();
    if (first == '.' || first == '_' || first == '-') return invalid(field, "must start with a letter or a digit");
    return out;
}

Result<std::string> email(std::string_view field, std::string_view value) {
    if (value.empty()) return invalid(field, "is required");
    if (value.size() > 254) return invalid(field, "is too long");
    const auto at = value.find('@');
    if (at == std::string_view::npos || at == 0 || value.find('@', at + 1) != std::string_view::npos)
        return invalid(field, "must be an e-mail address like name@example.jp");
    const std::string_view local = value.substr(0, at);
    const std::string_view domain = value.substr(at + 1);
    if (local.size() > 64) return invalid(field, "has a name part longer than 64 characters");
    for (char c : local) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '<' ||
            c == '>' || c == '[' || c == ']' || c == '\\' || c == '"')
            return invalid(field, "must be an e-mail address like name@example.jp");
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return invalid(field, "must be an e-mail address like name@example.jp");
    // Domain: dot-separated labels of letters, digits and hyphens, at least one dot.
    if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string_view::npos)
        return invalid(field, "must be an e-mail address like name@example.jp");
    std::string out(local);
    out += '@';
    std::size_t label_len = 0;
    for (char c : domain) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '-' || lower == '.';
        if (!ok) return invalid(field, "has a domain with characters that are not allowed");
        label_len = lower == '.' ? 0 : label_len + 1;
        if (label_len > 63) return invalid(field, "has a domain label longer than 63 characters");
        out += lower;
    }
    return out;
}

Result<std::string> text(std::string_view field, std::string_view value, std::size_t max_chars, bool multiline,
                         bool allow_empty) {
    if (!text::is_valid_utf8(value)) return invalid(field, "is not valid UTF-8 text");
    if (text::has_control_characters(value, multiline))
        return invalid(field, multiline ? "must not contain control characters" : "must not contain control characters or line breaks");
    std::string trimmed = text::trim(value);
    if (trimmed.empty() && !allow_empty) return invalid(field, "is required");
    if (text::length(trimmed) > max_chars)
        return invalid(field, "must be at most " + std::to_string(max_chars) + " characters");
    return trimmed;
}

Result<std::string> phone(std::string_view field, std::string_view value) {
    std::string trimmed = text::trim(value);
    std::size_t digits = 0;
    for (char c : trimmed) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c != '-' && c != '(' && c != ')' && c != '+' && c != ' ')
            return invalid(field, "may contain only digits and - ( ) +");
    }
    if (digits < 6 || digits > 20) return invalid(field, "must have 6 to 20 digits");
    return trimmed;
}

} // namespace mimamori::validate
