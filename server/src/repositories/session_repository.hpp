#pragma once
// SQL of sessions (migration 0002): one row per signed-in browser, keyed by the SHA-256 of the
// cookie's token; read with the account and its active affiliations in one round trip.

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "services/signed_in.hpp"

namespace mimamori::repositories {

struct NewSessionRow {
    std::string token_hash_hex;
    std::int64_t account_id = 0;
    std::string csrf_token;
    bool kiosk = false;
    std::int64_t lifetime_seconds = 0;
    std::string client_address;
    std::string user_agent;
};
void insert_session(db::Tx& tx, const NewSessionRow& row);

struct SessionRow {
    services::AccountSummary account;
    std::vector<services::Membership> affiliations;
    std::string csrf_token;
    bool kiosk = false;
    bool expired = false; // idle or absolute timeout passed, or the account is no longer active
    bool stale = false;   // last_seen_at is older than `touch_after_seconds`
    double seconds_to_expiry = 0;  // until the absolute lifetime ends
    double seconds_since_seen = 0; // since last_seen_at
};
std::optional<SessionRow> find_session(db::Tx& tx, const std::string& token_hash_hex, std::int64_t idle_seconds,
                                       std::int64_t kiosk_idle_seconds, std::int64_t touch_after_seconds);

void touch_session(db::Tx& tx, const std::string& token_hash_hex);
void delete_session(db::Tx& tx, const std::string& token_hash_hex);
// Every session of the account, or every one but `keep_hash_hex` when it is not empty.
void delete_account_sessions(db::Tx& tx, std::int64_t account_id, const std::string& keep_hash_hex = {});

} // namespace mimamori::repositories
