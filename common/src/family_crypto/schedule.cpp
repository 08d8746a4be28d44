#include "mimamori/common/family_crypto/schedule.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/validation.hpp"

namespace mimamori::family_crypto {
namespace {

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "H:MM" or "HH:MM", 00:00..23:59, as minutes since midnight.
Result<int> parse_time(std::string_view text) {
    const auto colon = text.find(':');
    const Error bad = Error::invalid("schedule.time", "the time must look like 10:00 (00:00 to 23:59)");
    if (colon == std::string_view::npos) return bad;
    const auto h = text.substr(0, colon), m = text.substr(colon + 1);
    if (!digits(h) || !digits(m) || h.size() > 2 || m.size() != 2) return bad;
    const int hours = std::stoi(std::string(h)), minutes = std::stoi(std::string(m));
    if (hours > 23 || minutes > 59) return bad;
    return hours * 60 + minutes;
}

std::string format_time(int minutes) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d:%02d", minutes / 60, minutes % 60);
    return b;
}

} // namespace

Result<ScheduleEntry> make_schedule_entry(std::string_view date, std::string_view time, std::string_view what) {
    auto d = parse_date(date, "schedule.date");
    if (!d) return d.error();
    auto t = parse_time(time);
    if (!t) return t.error();
    auto w = validate::text("schedule.what", what, max_schedule_what_chars, false, false);
    if (!w) return w.error();
    return ScheduleEntry{d->to_string(), format_time(*t), *w};
}

Status check_schedule_entry(const ScheduleEntry& entry) {
    auto made = make_schedule_entry(entry.date, entry.time, entry.what);
    if (!made) return made.error();
    if (made->date != entry.date) return Error::invalid("schedule.date", "the date must be written as 2026-12-03");
    if (made->time != entry.time) return Error::invalid("schedule.time", "the time must be written as 09:05");
    if (made->what != entry.what) return Error::invalid("schedule.what", "the text has surrounding spaces");
    return {};
}

std::int64_t schedule_start(const ScheduleEntry& entry) {
    const auto d = parse_date(entry.date);
    const auto t = parse_time(entry.time);
    if (!d || !t) return 0;
    return japan_midnight(*d) + static_cast<std::int64_t>(*t) * 60;
}

bool is_upcoming(const ScheduleEntry& entry, std::int64_t now_unix_seconds, std::int64_t grace_seconds) {
    return schedule_start(entry) + grace_seconds > now_unix_seconds;
}

std::vector<ScheduleEntry> upcoming(std::vector<ScheduleEntry> entries, std::int64_t now_unix_seconds) {
    std::erase_if(entries, [&](const ScheduleEntry& e) { return !check_schedule_entry(e) || !is_upcoming(e, now_unix_seconds); });
    std::stable_sort(entries.begin(), entries.end(),
                     [](const ScheduleEntry& a, const ScheduleEntry& b) { return schedule_start(a) < schedule_start(b); });
    return entries;
}

bool schedule_author_allowed(std::string_view author_kind) { return author_kind == "staff"; }

} // namespace mimamori::family_crypto
