#include <gtest/gtest.h>

#include "mimamori/common/date.hpp"

using mimamori::Date;
using mimamori::parse_date;

TEST(Date, ParsesIsoDates) {
    auto d = parse_date("2024-02-29");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->year, 2024);
    EXPECT_EQ(d->month, 2);
    EXPECT_EQ(d->day, 29);
    EXPECT_EQ(d->to_string(), "2024-02-29");
}

TEST(Date, RejectsImpossibleDays) {
    EXPECT_FALSE(parse_date("2023-02-29").ok());
    EXPECT_FALSE(parse_date("2024-04-31").ok());
    EXPECT_FALSE(parse_date("2024-13-01").ok());
    EXPECT_FALSE(parse_date("2024-00-10").ok());
    EXPECT_FALSE(parse_date("1899-12-31").ok());
}

TEST(Date, RejectsMalformedText) {
    for (const char* bad : {"", "2024-2-29", "2024/02/29", "20240229", "２０２４-02-29", "2024-02-29T00:00",
                            " 2024-02-29", "abcd-ef-gh"}) {
        auto d = parse_date(bad, "birth_date");
        ASSERT_FALSE(d.ok()) << bad;
        EXPECT_EQ(d.error().field, "birth_date");
        EXPECT_EQ(d.error().code, mimamori::ErrorCode::InvalidInput);
    }
}

TEST(Date, DayArithmeticRoundTrips) {
    EXPECT_EQ((Date{1970, 1, 1}.days_since_epoch()), 0);
    EXPECT_EQ((Date{2000, 3, 1}.days_since_epoch() - Date{2000, 2, 28}.days_since_epoch()), 2);
    EXPECT_EQ((Date{1969, 12, 31}.days_since_epoch()), -1);
    for (std::int64_t day = -30000; day < 80000; day += 37) {
        EXPECT_EQ(Date::from_days_since_epoch(day).days_since_epoch(), day);
    }
    // The 90-day window of 在宅医療情報連携加算 counts days like this.
    EXPECT_EQ((Date{2024, 6, 1}.add_days(-90)), (Date{2024, 3, 3}));
}

TEST(Date, Orders) {
    EXPECT_LT((Date{2024, 1, 31}), (Date{2024, 2, 1}));
    EXPECT_EQ(mimamori::days_in_month(2100, 2), 28);
    EXPECT_EQ(mimamori::days_in_month(2000, 2), 29);
}
