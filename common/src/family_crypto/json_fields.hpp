#pragma once
// Typed reading of the family space's JSON shapes: fixed-length base64url fields, positive ids,
// epochs and the version, each error naming the field. Internal.

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
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

// The member `key` of an object, or a null value when there is none (then read as missing).
const Json& member(const Json& object, std::string_view key);

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

// Reads the fields of one object and keeps the first error, so that a parser reads every field
// in a row and checks once:
//     FieldReader r(value);
//     Thing t{r.space_id("space_id"), r.epoch("epoch")};
//     r.exact("nonce", t.nonce);
//     if (!r.ok()) return r.error();
// A field that fails reads as zero / empty; braced initialisers run left to right, so the error
// kept is that of the first field in the object's documented order.
class FieldReader {
public:
    explicit FieldReader(const Json& object) : m_object(object) {}

    AccountId account_id(std::string_view key) { return take(get_account_id(m_object, key)); }
    SpaceId space_id(std::string_view key) { return take(get_space_id(m_object, key)); }
    Epoch epoch(std::string_view key) { return take(get_epoch(m_object, key)); }
    std::string client_id(std::string_view key) { return take(get_client_id(m_object, key)); }
    std::string string(std::string_view key) { return take(json::get_string(m_object, key)); }
    std::int64_t integer(std::string_view key) { return take(json::get_int(m_object, key)); }
    Bytes bytes(std::string_view key, std::size_t max_size) { return take(get_bytes(m_object, key, max_size)); }
    void exact(std::string_view key, std::span<std::uint8_t> out) {
        if (auto st = get_exact(m_object, key, out); !st) keep(st.error());
    }

    bool ok() const { return !m_error.has_value(); }
    const Error& error() const { return *m_error; }
    void keep(const Error& error) {
        if (!m_error) m_error = error;
    }

private:
    template <typename T>
    T take(Result<T>&& r) {
        if (r.ok()) return std::move(r).value();
        keep(r.error());
        return T{};
    }

    const Json& m_object;
    std::optional<Error> m_error;
};

} // namespace mimamori::family_crypto::detail
