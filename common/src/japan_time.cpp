#include "mimamori/common/japan_time.hpp"

#include <cstdio>

namespace mimamori {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

// Floor division: moments before 1970 still fall on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

Date japan_date(UnixSeconds t) {
    return Date::from_days_since_epoch(floor_div(t + japan_utc_offset_seconds, seconds_per_day));
}

UnixSeconds japan_midnight(const Date& date) {
    return date.days_since_epoch() * seconds_per_day - japan_utc_offset_seconds;
}

std::string japan_iso8601(UnixSeconds t) {
    const Date d = japan_date(t);
    const std::int64_t second_of_day = t + japan_utc_offset_seconds - d.days_since_epoch() * seconds_per_day;
    const auto hh = static_cast<int>(second_of_day / 3600);
    const auto mm = static_cast<int>(second_of_day / 60 % 60);
    const auto ss = static_cast<int>(second_of_day % 60);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+09:00", d.to_string().c_str(), hh, mm, ss);
    return buf;
}

std::string YearMonth::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

Result<YearMonth> parse_year_month(std::string_view text, std::string_view field) {
    // Reuse the strict date parser on the month's first day.
    auto date = parse_date(std::string(text) + "-01", field);
    if (text.size() != 7 || !date)
        return Error::invalid(std::string(field), std::string(field) + " must be a month as YYYY-MM");
    return month_of(*date);
}

} // namespace mimamori
