#include <gtest/gtest.h>

#include "mimamori/common/mentions.hpp"

namespace mentions = mimamori::mentions;
using Ids = std::vector<std::string>;

TEST(Mentions, FindsLoginIdsInJapaneseText) {
    EXPECT_EQ(mentions::login_ids("@tanaka_ns 体位変換をお願いします"), (Ids{"tanaka_ns"}));
    EXPECT_EQ(mentions::login_ids("田中さん@tanaka確認お願いします"), (Ids{"tanaka"}));
    EXPECT_EQ(mentions::login_ids("「@dr.yamada」と@care-mgr2へ"), (Ids{"dr.yamada", "care-mgr2"}));
    EXPECT_EQ(mentions::login_ids("なし"), Ids{});
    EXPECT_EQ(mentions::login_ids(""), Ids{});
}

TEST(Mentions, FullWidthAtAndLettersFromAnIme) {
    EXPECT_EQ(mentions::login_ids("＠ｔａｎａｋａ さん"), (Ids{"tanaka"}));
    EXPECT_EQ(mentions::login_ids("＠Suzuki＿０１"), (Ids{"suzuki_01"}));
}

TEST(Mentions, LowerCaseUniqueInOrderOfFirstMention) {
    EXPECT_EQ(mentions::login_ids("@Bob @alice @BOB @carol @alice"), (Ids{"bob", "alice", "carol"}));
}

TEST(Mentions, NotInsideAddressesOrUrls) {
    EXPECT_EQ(mentions::login_ids("nurse@example.jp に送付"), Ids{});
    EXPECT_EQ(mentions::login_ids("https://example.jp/@someone"), Ids{});
    EXPECT_EQ(mentions::login_ids("a+b@host.jp"), Ids{});
    EXPECT_EQ(mentions::login_ids("@@double"), Ids{});
}

TEST(Mentions, SentenceEndsAndInvalidIds) {
    EXPECT_EQ(mentions::login_ids("確認は@tanaka."), (Ids{"tanaka"}));
    EXPECT_EQ(mentions::login_ids("確認は@tanaka。"), (Ids{"tanaka"}));
    EXPECT_EQ(mentions::login_ids("@ab is too short"), Ids{});
    EXPECT_EQ(mentions::login_ids("@_under starts badly"), Ids{});
    EXPECT_EQ(mentions::login_ids("@ alone"), Ids{});
    EXPECT_EQ(mentions::login_ids("@" + std::string(65, 'a')), Ids{});
    EXPECT_EQ(mentions::login_ids("@" + std::string(64, 'a')), (Ids{std::string(64, 'a')}));
    // An '@' straight after a mention starts nothing.
    EXPECT_EQ(mentions::login_ids("@abc@def"), (Ids{"abc"}));
}

TEST(Mentions, SpansCoverTheAtSignAndTheId) {
    const std::string text = "至急 ＠ｔａｎａｋａ と @sato.";
    const auto all = mentions::find_all(text);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(text.substr(all[0].begin, all[0].end - all[0].begin), "＠ｔａｎａｋａ");
    EXPECT_EQ(all[0].login_id, "tanaka");
    EXPECT_EQ(text.substr(all[1].begin, all[1].end - all[1].begin), "@sato");
}
