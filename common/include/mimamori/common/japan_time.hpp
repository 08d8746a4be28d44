#pragma once
// Moments as Unix seconds and the calendar of Japan Standard Time (UTC+9, no daylight saving): the
// fee rules count days and months as a Japanese clinic does, whatever the server's time zone.

#include <cstdint>
#include <string>
#include <string_view>

#include "mimamori/common/date.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori {

// Seconds since 1970-01-01T00:00:00Z, as the database's timestamptz gives them.
using UnixSeconds = std::int64_t;

inline constexpr std::int64_t japan_utc_offset_seconds = 9 * 3600;

// The date in Japan at moment `t` (2024-06-30T15:00:00Z is 2024-07-01 in Japan).
Date japan_date(UnixSeconds t);

// The first moment of `date` in Japan (its 00:00 JST).
UnixSeconds japan_midnight(const Date& date);

// ISO 8601 in Japan time with its offset: "2024-06-03T10:15:00+09:00".
std::string japan_iso8601(UnixSeconds t);

// A calendar month: the period a monthly fee is claimed for.
struct YearMonth {
    int year = 1970;
    int month = 1; // 1..12

    Date first_day() const { return Date{year, month, 1}; }
    Date last_day() const { return Date{year, month, days_in_month(year, month)}; }
    bool contains(const Date& d) const { return d.year == year && d.month == month; }
    YearMonth previous() const { return month == 1 ? YearMonth{year - 1, 12} : YearMonth{year, month - 1}; }
    std::string to_string() const; // "2024-06"

    friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

// The month that holds `d`.
inline YearMonth month_of(const Date& d) { return YearMonth{d.year, d.month}; }

// Parses "YYYY-MM" strictly (year 1900..2200, month 01..12); the error names `field`.
Result<YearMonth> parse_year_month(std::string_view text, std::string_view field = "month");

} // namespace mimamori
