#include "mimamori/common/recovery_codes.hpp"

#include <algorithm>

#include "mimamori/common/crypto.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::recovery {
namespace {

// Characters people type between groups: ASCII separators, the dashes of Unicode's General
// Punctuation, the minus sign, and the katakana prolonged sound mark that a Japanese IME types
// for '-' in kana mode (full and half width).
bool is_separator(char32_t c) {
    return c == U' ' || c == U'-' || c == U'\t' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ||
           c == 0x30FC || c == 0xFF70;
}

Error invalid(std::string message) { return Error::invalid("recovery_code", std::move(message)); }

} // namespace

std::vector<std::string> generate(std::size_t count) {
    std::vector<std::string> codes;
    codes.reserve(count);
    while (codes.size() < count) {
        std::string shown = format(random_code(code_length));
        // A repeat within one set is a 2^-59 event, but a set must never hold the same code twice.
        if (std::find(codes.begin(), codes.end(), shown) == codes.end()) codes.push_back(std::move(shown));
    }
    return codes;
}

std::string random_code(std::size_t length) {
    std::string code(length, ' ');
    for (char& c : code) c = alphabet[crypto::random_below(static_cast<std::uint32_t>(alphabet.size()))];
    return code;
}

Result<std::string> normalise(std::string_view typed) { return normalise(typed, code_length); }

Result<std::string> normalise(std::string_view typed, std::size_t length) {
    if (!text::is_valid_utf8(typed)) return invalid("The recovery code contains invalid characters");
    const std::string folded = text::fold_fullwidth_ascii(typed);
    std::string out;
    for (std::size_t pos = 0; pos < folded.size();) {
        char32_t c = text::next_code_point(folded, pos);
        if (is_separator(c)) continue;
        if (c >= U'a' && c <= U'z') c -= U'a' - U'A';
        if (c >= 0x80 || alphabet.find(static_cast<char>(c)) == std::string_view::npos)
            return invalid("A recovery code has only the letters and digits printed on your sheet "
                           "(never 0, 1, I, L or O): check the code");
        out += static_cast<char>(c);
    }
    if (out.size() != length)
        return invalid("A recovery code has " + std::to_string(length) + " letters and digits; this has " +
                       std::to_string(out.size()));
    return out;
}

std::string format(std::string_view canonical) {
    std::string out;
    out.reserve(canonical.size() + canonical.size() / group_length);
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % group_length == 0) out += '-';
        out += canonical[i];
    }
    return out;
}

} // namespace mimamori::recovery
