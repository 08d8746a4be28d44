#pragma once
// A schedule entry the care team shares with the family (issue 6: "only the schedule entries the
// team chose to share"): an upcoming visit -- 12/3 10:00 訪問看護. There is no calendar on the
// server: an entry travels as a family memo whose sealed content has a "schedule" object
// (memo_content.hpp), encrypted and signed like any memo, so the server learns nothing new.
//
// Who may share: the team (perm::Action::FamilyScheduleShare), never a family account. The server
// cannot tell a schedule memo from any other, so readers enforce it: a schedule entry whose
// author is not a staff member of the space is not shown as an entry (schedule_author_allowed).
//
// Times are Japan's (the app's users are in Japan; no time zone travels with an entry).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/date.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::family_crypto {

inline constexpr std::size_t max_schedule_what_chars = 60;

struct ScheduleEntry {
    std::string date; // "2026-12-03"
    std::string time; // "10:00" (24-hour, HH:MM)
    std::string what; // "訪問看護": one line, 1..60 characters
    friend bool operator==(const ScheduleEntry&, const ScheduleEntry&) = default;
};

// The entry from what a person typed: `what` trimmed, the time accepted as "9:05" or "09:05".
// InvalidInput naming "schedule.date", "schedule.time" or "schedule.what".
Result<ScheduleEntry> make_schedule_entry(std::string_view date, std::string_view time, std::string_view what);
// An entry as stored in a memo must already be in normal form (what make_schedule_entry gives).
Status check_schedule_entry(const ScheduleEntry& entry);

// When the entry starts, in Unix seconds (Japan time). The entry must be valid.
std::int64_t schedule_start(const ScheduleEntry& entry);
// Upcoming: it has not started more than `grace_seconds` ago (a visit under way stays listed
// for its hour). Past entries drop off the family's list.
bool is_upcoming(const ScheduleEntry& entry, std::int64_t now_unix_seconds, std::int64_t grace_seconds = 3600);
// The upcoming entries of `entries`, earliest first (stable for equal times).
std::vector<ScheduleEntry> upcoming(std::vector<ScheduleEntry> entries, std::int64_t now_unix_seconds);

// A schedule entry counts only when its author is a staff member of the space ("staff" in the
// members list), never a family account.
bool schedule_author_allowed(std::string_view author_kind);

} // namespace mimamori::family_crypto
