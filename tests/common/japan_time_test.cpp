#include <gtest/gtest.h>

#include "mimamori/common/japan_time.hpp"

using namespace mimamori;

TEST(JapanTime, DatesTurnAtMidnightJapanTime) {
    // 2024-06-30T14:59:59Z is 23:59:59 in Japan; a second later it is July.
    EXPECT_EQ(japan_date(1719759599), (Date{2024, 6, 30}));
    EXPECT_EQ(japan_date(1719759600), (Date{2024, 7, 1}));
    EXPECT_EQ(japan_midnight(Date{2024, 7, 1}), 1719759600);
    EXPECT_EQ(japan_date(0), (Date{1970, 1, 1}));
    EXPECT_EQ(japan_date(-9 * 3600 - 1), (Date{1969, 12, 31}));
}

TEST(JapanTime, Iso8601WithOffset) {
    EXPECT_EQ(japan_iso8601(1719759599), "2024-06-30T23:59:59+09:00");
    EXPECT_EQ(japan_iso8601(japan_midnight(Date{2024, 2, 29}) + 10 * 3600 + 15 * 60), "2024-02-29T10:15:00+09:00");
}

TEST(JapanTime, Months) {
    const YearMonth june{2024, 6};
    EXPECT_EQ(june.first_day(), (Date{2024, 6, 1}));
    EXPECT_EQ(june.last_day(), (Date{2024, 6, 30}));
    EXPECT_EQ((YearMonth{2024, 2}.last_day()), (Date{2024, 2, 29}));
    EXPECT_TRUE(june.contains(Date{2024, 6, 30}));
    EXPECT_FALSE(june.contains(Date{2024, 7, 1}));
    EXPECT_EQ((YearMonth{2024, 1}.previous()), (YearMonth{2023, 12}));
    EXPECT_EQ(june.to_string(), "2024-06");
    EXPECT_EQ(month_of(Date{2024, 6, 17}), june);
}

TEST(JapanTime, ParsesMonthsStrictly) {
    auto ok = parse_year_month("2024-06");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, (YearMonth{2024, 6}));
    for (std::string_view bad : {"", "2024-6", "2024-13", "2024-00", "2024/06", "2024-06-01", "24-06", "abcd-ef", "2024-06 "}) {
        auto r = parse_year_month(bad, "month");
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "month");
    }
}
