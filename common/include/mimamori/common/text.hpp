#pragma once
// UTF-8 text helpers: what validation needs to judge Japanese names and free text by characters,
// not bytes.

#include <cstddef>
#include <string>
#include <string_view>

namespace mimamori::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Number of code points in well-formed UTF-8.
std::size_t length(std::string_view s);

// True when `s` holds a control character (C0, DEL, C1, or the bidi overrides U+202A..U+202E,
// U+2066..U+2069 that can disguise text). Tab, CR and LF are allowed when `allow_newlines`.
bool has_control_characters(std::string_view s, bool allow_newlines = false);

// Removes leading and trailing ASCII whitespace and U+3000 (ideographic space).
std::string trim(std::string_view s);

// Hiragana to katakana (ぁ..ゖ -> ァ..ヶ), other characters unchanged: kana are stored in
// katakana so that "やまだ" and "ヤマダ" are the same person when looking for duplicates.
std::string to_katakana(std::string_view s);

// True when every character is katakana, hiragana, the prolonged sound mark, a middle dot or a
// space (ASCII or ideographic): what a 「フリガナ」 field accepts.
bool is_kana(std::string_view s);

// Full-width ASCII forms (U+FF01..U+FF5E, what a Japanese IME types in full-width mode) to their
// ASCII characters, and the ideographic space U+3000 to a space; everything else unchanged. For
// codes a person types (one-time codes, recovery codes), never for names.
std::string fold_fullwidth_ascii(std::string_view s);

// Decodes one code point at `pos` and advances it; returns U+FFFD on malformed input.
char32_t next_code_point(std::string_view s, std::size_t& pos);

// Appends the UTF-8 encoding of `cp`.
void append_utf8(std::string& out, char32_t cp);

} // namespace mimamori::text
