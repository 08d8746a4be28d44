#include "json_fields.hpp"

#include <limits>

namespace mimamori::family_crypto::detail {

Status check_object(const Json& value, std::string_view what, std::initializer_list<std::string_view> allowed) {
    if (!value.is_object()) return Error::invalid(std::string(what), std::string(what) + " must be a JSON object");
    if (auto st = json::reject_unknown_keys(value, allowed); !st) return st;
    auto version = json::get_int(value, "version");
    if (!version) return version.error();
    if (*version != format_version)
        return Error::invalid("version", std::string(what) + " has version " + std::to_string(*version) +
                                             "; this app reads version " + std::to_string(format_version));
    return {};
}

Result<AccountId> get_account_id(const Json& object, std::string_view key) {
    auto v = json::get_int(object, key);
    if (!v) return v.error();
    if (auto st = check_account_id(*v, key); !st) return st.error();
    return *v;
}

Result<SpaceId> get_space_id(const Json& object, std::string_view key) {
    auto v = json::get_int(object, key);
    if (!v) return v.error();
    if (auto st = check_space_id(*v, key); !st) return st.error();
    return *v;
}

Result<Epoch> get_epoch(const Json& object, std::string_view key) {
    auto v = json::get_int(object, key);
    if (!v) return v.error();
    if (*v < 1 || *v > std::numeric_limits<Epoch>::max())
        return Error::invalid(std::string(key), std::string(key) + " must be an epoch number from 1");
    return static_cast<Epoch>(*v);
}

Result<std::string> get_client_id(const Json& object, std::string_view key) {
    auto v = json::get_string(object, key);
    if (!v) return v.error();
    if (auto st = check_client_id(*v, key); !st) return st.error();
    return std::move(v).value();
}

const Json& member(const Json& object, std::string_view key) {
    static const Json none;
    if (!object.is_object()) return none;
    const auto it = object.find(key);
    return it == object.end() ? none : *it;
}

Status get_exact(const Json& object, std::string_view key, std::span<std::uint8_t> out) {
    auto text = json::get_string(object, key);
    if (!text) return text.error();
    return encoding::base64url_decode_exact(*text, out, key);
}

Result<Bytes> get_bytes(const Json& object, std::string_view key, std::size_t max_size) {
    auto text = json::get_string(object, key);
    if (!text) return text.error();
    // Refuse before decoding: base64url of max_size bytes is at most 4 * ceil(max_size / 3) long.
    if (text->size() > (max_size + 2) / 3 * 4)
        return Error::invalid(std::string(key), std::string(key) + " is longer than " + std::to_string(max_size) + " bytes");
    auto bytes = encoding::base64url_decode(*text, key);
    if (!bytes) return bytes.error();
    if (bytes->size() > max_size)
        return Error::invalid(std::string(key), std::string(key) + " is longer than " + std::to_string(max_size) + " bytes");
    return std::move(bytes).value();
}

} // namespace mimamori::family_crypto::detail
