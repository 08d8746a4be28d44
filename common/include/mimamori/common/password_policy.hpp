#pragma once
// The password rules of the MHLW guideline (医療情報システムの安全管理に関するガイドライン 6.0,
// システム運用編): with two-factor sign-in, at least 8 characters; without it, at least 13
// characters mixing letters, digits and symbols (「英数字、記号を混在させた13文字以上」). On top:
// no control characters, at most 256 bytes, valid UTF-8, not one character repeated, not the
// login id. Characters are counted as Unicode code points, so Japanese characters count one each.
//
// Every rule has a stable machine code (code()) so the app can show its own translated text, and
// violations() lists every rule broken at once, for a checklist that updates as a person types.
// Passwords are taken as typed: never trimmed or normalised (a space is a symbol).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::password {

inline constexpr std::size_t min_length_two_factor = 8;
inline constexpr std::size_t min_length = 13; // without two-factor sign-in
inline constexpr std::size_t max_bytes = 256;

enum class Rule {
    InvalidUtf8,       // "invalid_utf8": not valid UTF-8 (then no other rule is judged)
    TooLong,           // "too_long": more than max_bytes bytes
    ControlCharacter,  // "control_character": a tab, line break or other control character
    TooShort,          // "too_short": fewer characters than the minimum for the account
    NotMixed,          // "not_mixed": without two-factor sign-in, not letters + digits + symbols
    RepeatedCharacter, // "repeated_character": one character throughout ("aaaaaaaa")
    SameAsLogin,       // "same_as_login": the login id, in any case
};

// What the rules need to know about the account.
struct Context {
    std::string_view login_id;       // empty: not compared
    bool two_factor_enabled = false; // TOTP is on for this account (or enforced by its facility)
};

// The stable machine code of a rule, as listed above.
std::string_view code(Rule rule);

// An English sentence that tells a person what to change.
std::string message(Rule rule, const Context& context);

// Every rule the password breaks, in the order of Rule; empty when it is acceptable.
std::vector<Rule> violations(std::string_view password, const Context& context);

// The first rule broken as an InvalidInput error naming `field` (message() as its message), or
// success. The server calls this before hashing a new password.
Status check(std::string_view field, std::string_view password, const Context& context);

// The character classes that "mixed" counts. Letters are ASCII letters and characters of other
// scripts (kana, kanji, ...); digits are 0-9 (also full width); symbols are ASCII punctuation and
// space and the punctuation and symbol blocks (full-width ！＃, 「」、。, ※ ...).
enum class CharClass { Letter, Digit, Symbol, Control };
CharClass classify(char32_t c);

} // namespace mimamori::password
