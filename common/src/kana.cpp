#include "mimamori/common/kana.hpp"

#include <array>

#include "mimamori/common/text.hpp"

namespace mimamori::kana {
namespace {

constexpr char32_t combining_voiced = 0x3099;
constexpr char32_t combining_semi_voiced = 0x309A;
constexpr char32_t spacing_voiced = 0x309B;      // ゛
constexpr char32_t spacing_semi_voiced = 0x309C; // ゜

// Full-width forms of U+FF61..U+FF9F, in order.
constexpr std::array<char16_t, 63> kHalfWidth = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5,
    0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC,
    0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4,
    0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, spacing_voiced, spacing_semi_voiced,
};

// Hiragana that take a dakuten by adding one: the k, s and t rows (small っ excluded).
constexpr std::array<char32_t, 15> kVoicedByOne = {0x304B, 0x304D, 0x304F, 0x3051, 0x3053, 0x3055, 0x3057, 0x3059,
                                                   0x305B, 0x305D, 0x305F, 0x3061, 0x3064, 0x3066, 0x3068};
// The h row: dakuten adds one, handakuten two.
constexpr std::array<char32_t, 5> kHRow = {0x306F, 0x3072, 0x3075, 0x3078, 0x307B};

bool contains(const auto& list, char32_t c) {
    for (char32_t x : list)
        if (x == c) return true;
    return false;
}

} // namespace

std::optional<char32_t> compose_voicing(char32_t base, char32_t mark) {
    const bool voiced = mark == combining_voiced || mark == spacing_voiced;
    const bool semi_voiced = mark == combining_semi_voiced || mark == spacing_semi_voiced;
    if (!voiced && !semi_voiced) return std::nullopt;
    // Katakana rows mirror hiragana 0x60 higher; the marks compose the same way.
    const bool katakana = base >= 0x30A1 && base <= 0x30FE;
    const char32_t hira = katakana ? base - 0x60 : base;
    if (contains(kHRow, hira)) return (voiced ? base + 1 : base + 2);
    if (semi_voiced) return std::nullopt;
    if (contains(kVoicedByOne, hira)) return base + 1;
    switch (base) {
    case 0x3046: return char32_t{0x3094}; // う -> ゔ
    case 0x30A6: return char32_t{0x30F4}; // ウ -> ヴ
    case 0x309D: return char32_t{0x309E}; // ゝ -> ゞ
    case 0x30FD: return char32_t{0x30FE}; // ヽ -> ヾ
    case 0x30EF: case 0x30F0: case 0x30F1: case 0x30F2:
        return base + 8; // ワ ヰ ヱ ヲ -> ヷ ヸ ヹ ヺ
    default: return std::nullopt;
    }
}

std::string compose_voicing_marks(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        char32_t c = text::next_code_point(text, pos);
        std::size_t after = pos;
        if (after < text.size()) {
            const char32_t mark = text::next_code_point(text, after);
            if (mark == combining_voiced || mark == combining_semi_voiced) {
                if (auto composed = compose_voicing(c, mark)) {
                    c = *composed;
                    pos = after;
                }
            }
        }
        text::append_utf8(out, c);
    }
    return out;
}

std::string half_width_to_full_width_katakana(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t c = text::next_code_point(text, pos);
        if (c < 0xFF61 || c > 0xFF9F) {
            text::append_utf8(out, c);
            continue;
        }
        char32_t full = kHalfWidth[c - 0xFF61];
        // Half-width text spells が as ｶ + ﾞ: join the mark that follows, when it can be joined.
        std::size_t after = pos;
        if (after < text.size()) {
            const char32_t next = text::next_code_point(text, after);
            if (next == 0xFF9E || next == 0xFF9F) {
                if (auto composed = compose_voicing(full, next == 0xFF9E ? spacing_voiced : spacing_semi_voiced)) {
                    full = *composed;
                    pos = after;
                }
            }
        }
        text::append_utf8(out, full);
    }
    return out;
}

} // namespace mimamori::kana
