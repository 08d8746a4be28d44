#pragma once
// Validation of what people type: names, kana, login ids, e-mail addresses, free text. Each
// function returns the normalised value (trimmed, kana in katakana, login ids in lower case) or
// an InvalidInput error that names the field and says what to fix.

#include <cstddef>
#include <string>
#include <string_view>

#include "mimamori/common/result.hpp"

namespace mimamori::validate {

// A person's or facility's name: 1..max_chars characters after trimming, valid UTF-8, no control
// characters.
Result<std::string> name(std::string_view field, std::string_view value, std::size_t max_chars = 100);

// A フリガナ: as name(), and only kana; hiragana is stored as katakana.
Result<std::string> kana(std::string_view field, std::string_view value, std::size_t max_chars = 100);

// A login id: 3..64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit; compared and
// stored in lower case.
Result<std::string> login_id(std::string_view field, std::string_view value);

// An e-mail address: one '@', a local part and a dotted domain, no spaces, at most 254 bytes;
// the domain is stored in lower case.
Result<std::string> email(std::string_view field, std::string_view value);

// Free text (a memo, an address): valid UTF-8, no control characters except newlines and tabs
// when `multiline`, at most max_chars characters; may be empty only when `allow_empty`.
Result<std::string> text(std::string_view field, std::string_view value, std::size_t max_chars,
                         bool multiline, bool allow_empty);

// A phone number: digits with optional '-', '(', ')', '+' and spaces; 6..20 digits.
Result<std::string> phone(std::string_view field, std::string_view value);

} // namespace mimamori::validate
