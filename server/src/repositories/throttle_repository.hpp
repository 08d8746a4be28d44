#pragma once
// SQL of sign-in throttling (migration 0002: login_throttle, address_failures). Every attempt is
// counted as a failure *before* its password is checked and uncounted when it succeeds, so that
// concurrent attempts cannot slip past the limit while their hashes are being verified.

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace mimamori::repositories {

struct LoginAttempt {
    std::int64_t failures = 0;                  // consecutive failures, this attempt included
    std::optional<std::int64_t> locked_seconds; // the login id is locked for this long
};
// Counts an attempt for `login` (a lock that has run out starts the count again).
LoginAttempt begin_login_attempt(db::Tx& tx, const std::string& login);
// Locks `login` for `seconds` from now unless it already is; returns the seconds left.
std::int64_t lock_login(db::Tx& tx, const std::string& login, std::int64_t seconds);
// Takes the counted attempt back (the password was right but a second factor is still needed).
void uncount_login_attempt(db::Tx& tx, const std::string& login);
// A successful sign-in: the consecutive failures are forgiven.
void clear_login_failures(db::Tx& tx, const std::string& login);

struct AddressAttempt {
    std::string reservation;                // identifies this attempt's row, to take it back
    std::int64_t earlier_failures = 0;      // within the window, before this attempt
    std::int64_t seconds_until_below = 0;   // until enough of those age out (when limited)
};
// Records the attempt as a failure of `address`; `window_seconds` and `limit` give the counts.
AddressAttempt begin_address_attempt(db::Tx& tx, const std::string& address, std::int64_t window_seconds,
                                     std::int64_t limit);
void uncount_address_attempt(db::Tx& tx, const std::string& address, const std::string& reservation);

// Forgets failures older than the window and unlocked login rows untouched for a day.
void purge_throttle(db::Tx& tx, std::int64_t window_seconds);

} // namespace mimamori::repositories
