#pragma once
// Time as the device knows it: wall-clock seconds (for TOTP-free things such as "this year") and
// times of the server shown in the device's time zone.

#include <cstdint>
#include <string>
#include <string_view>

namespace mimamori::web::clock {

// Seconds since 1970-01-01 UTC by the device's clock.
std::int64_t unix_seconds();

// The calendar year now, in the device's time zone.
int current_year();

// An ISO 8601 time from the server ("2026-04-01T09:30:00Z") as "2026-04-01 18:30" in the device's
// time zone; text that is not a time is returned unchanged.
std::string local_time(std::string_view iso);

// As wide as local_time() gets: for sizing a column of times.
inline constexpr std::string_view kWidestLocalTime = "2026-12-31 23:59";

// A moment in seconds since 1970 as local_time() shows it.
std::string local_time_at(std::int64_t unix_seconds);

} // namespace mimamori::web::clock
