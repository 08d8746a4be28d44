#pragma once
// Typed reading of the family space's JSON shapes: fixed-length base64url fields, positive ids,
// epochs and the version, each error naming the field. Internal.

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto::detail {

// An object with "version": format_version and no key outside `allowed` ("version" included).
Status check_object(const Json& value, std::string_view what, std::initializer_list<std::string_view> allowed);

Result<AccountId> get_account_id(const Json& object, std::string_view key);
Result<SpaceId> get_space_id(const Json& object, std::string_view key);
Result<Epoch> get_epoch(const Json& object, std::string_view key);
Result<std::string> get_client_id(const Json& object, std::string_view key);

// A base64url field that must decode to exactly out.size() bytes.
Status get_exact(const Json& object, std::string_view key, std::span<std::uint8_t> out);

// A base64url field of at most `max_size` bytes.
Result<Bytes> get_bytes(const Json& object, std::string_view key, std::size_t max_size);

template <typename Tag>
Result<PublicKey<Tag>> get_public_key(const Json& object, std::string_view key) {
    PublicKey<Tag> out;
    if (auto st = get_exact(object, key, out.bytes); !st) return st.error();
    return out;
}

inline std::string b64(ByteView bytes) { return encoding::base64url_encode(bytes); }

} // namespace mimamori::family_crypto::detail
