#pragma once
// Kana forms that look alike but are different code points: half-width katakana (ｶﾞ, typed by
// old systems and some Windows IMEs) and kana with a separate voicing mark (か + U+3099, how macOS
// spells が in file names, NFD). Search and file names fold them to the one form people mean.

#include <optional>
#include <string>
#include <string_view>

namespace mimamori::kana {

// The voiced (dakuten) or semi-voiced (handakuten) kana for `base` followed by `mark`, where mark
// is a combining voicing mark (U+3099, U+309A) or a spacing one (U+309B ゛, U+309C ゜):
// か+゛ -> が, は+゜ -> ぱ, ウ+゛ -> ヴ, ワ+゛ -> ヷ. std::nullopt when the pair has no composed form.
std::optional<char32_t> compose_voicing(char32_t base, char32_t mark);

// Composes every kana followed by a combining voicing mark (U+3099, U+309A) into its one code
// point, the part of Unicode NFC that Japanese file names from macOS need; spacing marks (゛ ゜)
// and combining marks after anything else are left as they are.
std::string compose_voicing_marks(std::string_view text);

// Half-width katakana and punctuation (U+FF61..U+FF9F) to their full-width forms, voicing marks
// joined to the kana before them (ｶﾞ -> ガ, ﾊﾟ -> パ, ｳﾞ -> ヴ); a mark that follows nothing it can
// join becomes the spacing mark (゛ ゜). Other characters are unchanged; malformed UTF-8 becomes
// U+FFFD.
std::string half_width_to_full_width_katakana(std::string_view text);

} // namespace mimamori::kana
