#pragma once
// Calendar dates (no time zone): birth dates, visit dates, the months of fee rules.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "mimamori/common/result.hpp"

namespace mimamori {

struct Date {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31

    // Days since 1970-01-01 (negative before); lets dates be subtracted and compared.
    std::int64_t days_since_epoch() const;
    static Date from_days_since_epoch(std::int64_t days);

    Date add_days(std::int64_t n) const { return from_days_since_epoch(days_since_epoch() + n); }
    std::string to_string() const; // ISO 8601, "2026-11-25"

    friend auto operator<=>(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Parses "YYYY-MM-DD" strictly (four-digit year 1900..2200, a real calendar day). The error names
// `field` so an API client knows which input was wrong.
Result<Date> parse_date(std::string_view text, std::string_view field = "date");

} // namespace mimamori
