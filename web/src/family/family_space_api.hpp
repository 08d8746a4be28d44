#pragma once
// The family space's API calls (server/src/api/family_space_routes.cpp). Answers are handed over
// as JSON: the envelopes, grants and wraps in them are read by common/'s family_crypto parsers,
// which are strict about every length, rather than by a second reader here.

#include <cstdint>
#include <optional>
#include <string>

#include "api/call.hpp"

namespace mimamori::web::family {

api::Call<Json> get_own_keys();                                  // {"keys": {...} | null}
api::Call<Json> put_own_keys(Json body);                         // {"public_keys", "password_wrap", ...}
api::Call<Json> put_own_wraps(Json body);                        // {"password_wrap"?, "recovery_wrap"?}
api::Call<Json> get_members(std::int64_t patient);               // {"space", "members"}
api::Call<Json> get_grants(std::int64_t patient);                // {"grants"}
api::Call<Json> start_epoch(std::int64_t patient, Json body);    // {"epoch", "grants"}
api::Call<Json> share_keys(std::int64_t patient, Json body);     // {"grants"}
api::Call<Json> get_memos(std::int64_t patient, std::optional<std::int64_t> before = std::nullopt);
api::Call<Json> post_memo(std::int64_t patient, Json envelope);
api::Call<api::Nothing> react(std::int64_t patient, const std::string& memo_id, const std::string& kind, bool on);
api::Call<Json> get_verifications(std::int64_t patient);
api::Call<Json> post_verification(std::int64_t patient, Json record);

} // namespace mimamori::web::family
