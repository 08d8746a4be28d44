#include <gtest/gtest.h>

#include <algorithm>

#include "mimamori/common/search_text.hpp"

namespace search = mimamori::search;
using mimamori::ErrorCode;
using Strings = std::vector<std::string>;

namespace {

bool has(const Strings& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// What the server does: GIN containment on the bigrams, then the substring check.
bool found(std::string_view memo, std::string_view query_text) {
    auto q = search::parse_query(query_text);
    EXPECT_TRUE(q.ok()) << query_text;
    if (!q.ok()) return false;
    const Strings index = search::index_bigrams(memo);
    const bool candidate = std::all_of(q->bigrams.begin(), q->bigrams.end(), [&](const auto& b) { return has(index, b); });
    return candidate && search::matches(search::normalise(memo), *q);
}

} // namespace

TEST(SearchText, Normalises) {
    EXPECT_EQ(search::normalise("ＣＴ検査　ＯＫ"), "ct検査 ok");
    EXPECT_EQ(search::normalise("ｼﾞｮｸｿｳ ｹｱ"), "ジョクソウ ケア");
    EXPECT_EQ(search::normalise("  褥瘡\r\n\t あり  "), "褥瘡 あり");
    EXPECT_EQ(search::normalise("HbA1c 7.2%"), "hba1c 7.2%");
    EXPECT_EQ(search::normalise("カ\u3099ーセ\u3099"), "ガーゼ");
    EXPECT_EQ(search::normalise("じょくそう"), "じょくそう"); // hiragana stays hiragana
    EXPECT_EQ(search::normalise(""), "");
    for (std::string_view s : {"ＣＴ検査　ＯＫ", "ｼﾞｮｸｿｳ", " a  b ", "Ｘ－ｐ"})
        EXPECT_EQ(search::normalise(search::normalise(s)), search::normalise(s)) << s;
}

TEST(SearchText, BigramsStopAtSpacesAndPunctuation) {
    EXPECT_EQ(search::bigrams("仙骨部に褥瘡あり"), (Strings{"あり", "に褥", "仙骨", "瘡あ", "褥瘡", "部に", "骨部"}));
    EXPECT_EQ(search::bigrams("褥瘡。発赤"), (Strings{"発赤", "褥瘡"}));
    EXPECT_EQ(search::bigrams("a b"), Strings{});
    EXPECT_EQ(search::bigrams("「褥」"), Strings{});
    EXPECT_EQ(search::bigrams("ct検査"), (Strings{"ct", "t検", "検査"}));
    EXPECT_EQ(search::bigrams("人々・ケア"), (Strings{"ケア", "人々"}));
    EXPECT_EQ(search::bigrams(""), Strings{});
    EXPECT_EQ(search::bigrams("褥"), Strings{});
}

TEST(SearchText, FindsTwoCharacterJapaneseWords) {
    EXPECT_TRUE(found("仙骨部に褥瘡あり", "褥瘡"));
    EXPECT_TRUE(found("仙骨部に褥瘡あり", "仙骨部"));
    EXPECT_FALSE(found("食事摂取良好、排便あり", "褥瘡"));
    EXPECT_FALSE(found("褥 瘡", "褥瘡"));
    // Both bigrams of 褥瘡部 are present, the word is not: the substring check rejects it.
    auto q = search::parse_query("褥瘡部");
    ASSERT_TRUE(q.ok());
    const Strings index = search::index_bigrams("褥瘡あり、瘡部");
    EXPECT_TRUE(std::all_of(q->bigrams.begin(), q->bigrams.end(), [&](const auto& b) { return has(index, b); }));
    EXPECT_FALSE(search::matches(search::normalise("褥瘡あり、瘡部"), *q));
}

TEST(SearchText, QueriesNormaliseLikeText) {
    EXPECT_TRUE(found("ＣＴ検査の結果", "ct"));
    EXPECT_TRUE(found("CT検査の結果", "ＣＴ検査"));
    EXPECT_TRUE(found("ｶﾃｰﾃﾙ交換", "カテーテル"));
    EXPECT_TRUE(found("体温38.5度", "38.5"));
    EXPECT_FALSE(found("体温38.5度", "38.6"));
}

TEST(SearchText, SeveralWordsMustAllBePresent) {
    auto q = search::parse_query("褥瘡　仙骨 褥瘡");
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->terms, (Strings{"褥瘡", "仙骨"}));
    EXPECT_EQ(q->bigrams, (Strings{"仙骨", "褥瘡"}));
    EXPECT_TRUE(found("仙骨部に褥瘡あり", "褥瘡 仙骨"));
    EXPECT_FALSE(found("踵に褥瘡あり", "褥瘡 仙骨"));
}

TEST(SearchText, RefusesQueriesTooShortOrTooLong) {
    for (std::string_view bad : {"褥", "a", "", "   ", "。。", "a."}) {
        auto q = search::parse_query(bad, "q");
        ASSERT_FALSE(q.ok()) << bad;
        EXPECT_EQ(q.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(q.error().field, "q");
    }
    EXPECT_NE(search::parse_query("褥").error().message.find("at least 2 characters"), std::string::npos);
    EXPECT_NE(search::parse_query("褥瘡 右").error().message.find("右"), std::string::npos);
    EXPECT_FALSE(search::parse_query(std::string(201, 'a')).ok());
    EXPECT_TRUE(search::parse_query(std::string(200, 'a')).ok());
    EXPECT_FALSE(search::parse_query("aa bb cc dd ee ff gg hh ii").ok());
    EXPECT_TRUE(search::parse_query("aa bb cc dd ee ff gg hh").ok());
}
