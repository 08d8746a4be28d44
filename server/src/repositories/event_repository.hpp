#pragma once
// SQL of the live-update events (migration 0008): written by requests in their transaction,
// numbered after commit by number_events() (ids visible in increasing order), read by the event
// hub and by streams that replay what a client missed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/json.hpp"
#include "repositories/patient_repository.hpp"

namespace mimamori::repositories {

// The notification channels: events written (to number), events numbered (to send).
inline constexpr const char* k_events_pending_channel = "mimamori_events_pending";
inline constexpr const char* k_events_channel = "mimamori_events";

struct NewEvent {
    std::string type;
    std::int64_t patient_id = 0;             // whose team may see it
    std::optional<std::int64_t> account_id;  // only this account (a mention)
    Json data;                               // the event's JSON, "type" included
};

// Writes the events (unnumbered) and notifies the pending channel at commit.
void insert_events(db::Tx& tx, const std::vector<NewEvent>& events);

// Numbers what is pending; the highest id given, if any (notified on the events channel).
std::optional<std::int64_t> number_events(db::Tx& tx);
std::int64_t last_event_id(db::Tx& tx);

struct EventRow {
    std::int64_t id = 0;
    std::string type;
    std::int64_t patient_id = 0;
    std::optional<std::int64_t> account_id;
    std::string data; // JSON text
};
// Numbered events after `after_id`, in id order.
std::vector<EventRow> events_after(db::Tx& tx, std::int64_t after_id, int limit);
// The same, only those `account_id` might see: of patients whose team it is a current member of
// on `today` (or, for the family space's events, whose family account it is), and not addressed
// to someone else. (perm::decide then rules on each patient.)
std::vector<EventRow> member_events_after(db::Tx& tx, std::int64_t account_id, std::int64_t after_id, int limit,
                                          const Date& today);

// What perm::decide needs about a patient for every account at once: the facts of
// patient_repository.hpp without `member`, and the current members.
struct PatientAudience {
    std::int64_t patient_id = 0;
    PatientFacts facts;                     // member = false
    std::vector<std::int64_t> member_ids;   // current members' accounts
};
std::vector<PatientAudience> patient_audiences(db::Tx& tx, const std::vector<std::int64_t>& patients, const Date& today);

// Of sessions (SHA-256 of their tokens, hex), those that are still valid; idle timeouts in seconds.
std::vector<std::string> valid_sessions(db::Tx& tx, const std::vector<std::string>& token_hashes_hex,
                                        std::int64_t idle_seconds, std::int64_t kiosk_idle_seconds);

} // namespace mimamori::repositories
