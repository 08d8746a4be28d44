#pragma once
// The server's secret key: 32 random bytes in a file of mode 0600 (--secret-key-file), the same
// for every server process of one installation. From it come, by HMAC with a purpose label,
// separate keys that seal two-factor secrets in the database (crypto_secretbox) and key the
// hashes of recovery codes, so a copy of the database alone reveals neither. The key is never
// logged and never leaves the process.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::services {

class SecretKey {
public:
    static constexpr std::size_t size = 32;

    // Reads the key from `path`, or creates the file with a new random key (mode 0600, created
    // exclusively, so two processes starting at once agree on one key). Fails with a message for
    // the operator when the file is not exactly 32 bytes or cannot be read or written.
    static Result<SecretKey> load_or_create(const std::filesystem::path& path);
    // A new random key that no file keeps (throwaway servers; what it sealed dies with it).
    static SecretKey ephemeral();

    // nonce || secretbox(plaintext) under the key derived for `purpose`.
    Bytes seal(std::string_view purpose, ByteView plaintext) const;
    // The plaintext of seal(purpose, ...), or nullopt when `sealed` was not made by this key for
    // this purpose (or was changed).
    std::optional<Bytes> open(std::string_view purpose, ByteView sealed) const;
    // HMAC-SHA-256 of `data` under the key derived for `purpose`.
    crypto::Sha256Digest mac(std::string_view purpose, ByteView data) const;

private:
    explicit SecretKey(const std::array<std::uint8_t, size>& key) : m_key(key) {}
    crypto::Sha256Digest derive(std::string_view purpose) const;

    std::array<std::uint8_t, size> m_key;
};

} // namespace mimamori::services
