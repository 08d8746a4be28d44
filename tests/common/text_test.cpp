#include <gtest/gtest.h>

#include "mimamori/common/text.hpp"

namespace text = mimamori::text;

TEST(Text, Utf8Validity) {
    EXPECT_TRUE(text::is_valid_utf8("訪問看護 ok"));
    EXPECT_TRUE(text::is_valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600
    EXPECT_FALSE(text::is_valid_utf8("\xC0\xAF"));             // overlong '/'
    EXPECT_FALSE(text::is_valid_utf8("\xED\xA0\x80"));         // surrogate
    EXPECT_FALSE(text::is_valid_utf8("\xE8\xA8"));             // truncated
    EXPECT_FALSE(text::is_valid_utf8("\xF4\x90\x80\x80"));     // above U+10FFFF
}

TEST(Text, CountsCharactersNotBytes) {
    EXPECT_EQ(text::length("訪問看護"), 4u);
    EXPECT_EQ(text::length("abc"), 3u);
    EXPECT_EQ(text::length(""), 0u);
}

TEST(Text, ControlCharacters) {
    EXPECT_TRUE(text::has_control_characters("a\tb"));
    EXPECT_FALSE(text::has_control_characters("a\tb\nc", true));
    EXPECT_TRUE(text::has_control_characters("a\x7f"));
    EXPECT_TRUE(text::has_control_characters("\xC2\x85"));        // NEL (C1)
    EXPECT_TRUE(text::has_control_characters("abc\xE2\x80\xAE")); // RIGHT-TO-LEFT OVERRIDE
    EXPECT_FALSE(text::has_control_characters("山田　太郎"));
}

TEST(Text, TrimsAsciiAndIdeographicSpace) {
    EXPECT_EQ(text::trim("　 山田 太郎 　"), "山田 太郎");
    EXPECT_EQ(text::trim("   "), "");
    EXPECT_EQ(text::trim("x"), "x");
}

TEST(Text, Kana) {
    EXPECT_EQ(text::to_katakana("やまだ たろう"), "ヤマダ タロウ");
    EXPECT_EQ(text::to_katakana("ヤマダ"), "ヤマダ");
    EXPECT_TRUE(text::is_kana("ヤマダ　タロー"));
    EXPECT_TRUE(text::is_kana("すずき・はなこ"));
    EXPECT_FALSE(text::is_kana("山田"));
    EXPECT_FALSE(text::is_kana("yamada"));
}

TEST(Text, FoldsFullWidthAsciiOnly) {
    EXPECT_EQ(text::fold_fullwidth_ascii("ＡＢｃ－１２３　！"), "ABc-123 !");
    EXPECT_EQ(text::fold_fullwidth_ascii("山田ｱ"), "山田ｱ"); // kanji and half-width kana unchanged
    EXPECT_EQ(text::fold_fullwidth_ascii("～"), "~");        // U+FF5E, the last of the block
    EXPECT_EQ(text::fold_fullwidth_ascii("\xEF\xBD\x9F"), "\xEF\xBD\x9F"); // U+FF5F is past it
}
