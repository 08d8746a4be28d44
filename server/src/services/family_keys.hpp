#pragma once
// A member's own keys for the family space (DESIGN.md §5; formats in common/'s
// family_crypto/member_keys.hpp and key_wrap.hpp). The browser makes the key pairs and wraps
// their seed under the password (and a recovery code); the server keeps the public keys and the
// wraps, and checks that a wrap is well formed, belongs to the account and names the public keys
// it is stored with -- it can never check what is inside.
//
//   PUT /api/v1/me/keys          {"public_keys", "password_wrap", "recovery_wrap"?, "replace"?}
//                                first set-up, or new keys after a lost password and recovery
//                                code ("replace": true; other members then re-share the space keys)
//   PUT /api/v1/me/keys/wraps    {"password_wrap"?, "recovery_wrap"?} the same keys, wrapped anew
//                                (after a recovery, or with stronger parameters)
//   PUT /api/v1/me/password      {..., "family_key_wrap"?} the password wrap under the new
//                                password, stored with the password change, atomically

#include <cstdint>
#include <optional>

#include "db/database.hpp"
#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/family_space_repository.hpp"

namespace mimamori::services {

struct OwnKeys {
    repositories::MemberKeyRow keys;
    std::optional<family_crypto::WrappedKeys> password_wrap;
    std::optional<family_crypto::WrappedKeys> recovery_wrap;
};

// The account's current keys and wraps; none before set-up.
std::optional<OwnKeys> own_keys(db::Tx& tx, std::int64_t account_id);

// PUT /api/v1/me/keys. InvalidInput naming the field for a malformed value, a wrap of another
// account or purpose, or a wrap that names other public keys; Conflict when keys exist and
// "replace" is not true. `created` is false when keys were replaced.
struct KeySetup {
    OwnKeys keys;
    bool replaced = false;
};
Result<KeySetup> set_up_keys(db::Tx& tx, std::int64_t account_id, const Json& body);

// PUT /api/v1/me/keys/wraps: Conflict when there are no keys yet.
Result<OwnKeys> rewrap_keys(db::Tx& tx, std::int64_t account_id, const Json& body);

// The password wrap given with a password change ("family_key_wrap"), checked against the
// account's current keys and stored. InvalidInput naming `field`; Conflict without keys.
Status store_password_wrap(db::Tx& tx, std::int64_t account_id, const Json& wrap, std::string_view field);

// {"key_id", "public_keys", "password_wrap", "recovery_wrap" (or null), "created_at"}
Json to_json(const OwnKeys& keys);

} // namespace mimamori::services
