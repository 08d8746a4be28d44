#include <gtest/gtest.h>

#include "mimamori/common/kana.hpp"

namespace kana = mimamori::kana;

TEST(Kana, ComposesVoicingMarks) {
    EXPECT_EQ(kana::compose_voicing(U'か', 0x3099), U'が');
    EXPECT_EQ(kana::compose_voicing(U'と', 0x309B), U'ど');
    EXPECT_EQ(kana::compose_voicing(U'は', 0x309A), U'ぱ');
    EXPECT_EQ(kana::compose_voicing(U'ホ', 0x309C), U'ポ');
    EXPECT_EQ(kana::compose_voicing(U'ホ', 0x3099), U'ボ');
    EXPECT_EQ(kana::compose_voicing(U'ウ', 0x3099), U'ヴ');
    EXPECT_EQ(kana::compose_voicing(U'う', 0x3099), U'ゔ');
    EXPECT_EQ(kana::compose_voicing(U'ワ', 0x3099), U'ヷ');
    EXPECT_EQ(kana::compose_voicing(U'ヲ', 0x3099), U'ヺ');
    EXPECT_EQ(kana::compose_voicing(U'ゝ', 0x3099), U'ゞ');
    EXPECT_EQ(kana::compose_voicing(U'ツ', 0x3099), U'ヅ');
    // No composed form: semi-voiced k row, small tsu, a vowel, a kanji, a letter.
    EXPECT_FALSE(kana::compose_voicing(U'か', 0x309A));
    EXPECT_FALSE(kana::compose_voicing(U'っ', 0x3099));
    EXPECT_FALSE(kana::compose_voicing(U'あ', 0x3099));
    EXPECT_FALSE(kana::compose_voicing(U'瘡', 0x3099));
    EXPECT_FALSE(kana::compose_voicing(U'a', 0x3099));
    EXPECT_FALSE(kana::compose_voicing(U'か', U'か'));
}

TEST(Kana, ComposesMacFileNames) {
    // macOS spells ガーゼ.pdf as カ U+3099 ー セ U+3099 .pdf (NFD).
    EXPECT_EQ(kana::compose_voicing_marks("カ\u3099ーセ\u3099.pdf"), "ガーゼ.pdf");
    EXPECT_EQ(kana::compose_voicing_marks("は\u309Aン"), "ぱン");
    // Spacing marks and marks after other characters stay.
    EXPECT_EQ(kana::compose_voicing_marks("か゛"), "か゛");
    EXPECT_EQ(kana::compose_voicing_marks("a\u3099"), "a\u3099");
    EXPECT_EQ(kana::compose_voicing_marks("\u3099"), "\u3099");
    EXPECT_EQ(kana::compose_voicing_marks(""), "");
}

TEST(Kana, HalfWidthKatakanaToFullWidth) {
    EXPECT_EQ(kana::half_width_to_full_width_katakana("ｼﾞｮｸｿｳ"), "ジョクソウ");
    EXPECT_EQ(kana::half_width_to_full_width_katakana("ﾊﾟｯﾄﾞ ｳﾞｧ"), "パッド ヴァ");
    EXPECT_EQ(kana::half_width_to_full_width_katakana("｢ｶﾃｰﾃﾙ｣､ｵﾑﾂ｡･ｦﾝ"), "「カテーテル」、オムツ。・ヲン");
    // A mark that cannot join becomes the spacing mark; other text is unchanged.
    EXPECT_EQ(kana::half_width_to_full_width_katakana("ｱﾞ"), "ア゛");
    EXPECT_EQ(kana::half_width_to_full_width_katakana("ﾟ"), "゜");
    EXPECT_EQ(kana::half_width_to_full_width_katakana("褥瘡 abc ガ"), "褥瘡 abc ガ");
    EXPECT_EQ(kana::half_width_to_full_width_katakana("\xFF"), "\uFFFD");
}
