#pragma once
// SHA-1 (FIPS 180-4) and HMAC-SHA-1 (RFC 2104). libsodium has no SHA-1, and authenticator apps
// compute TOTP codes with HMAC-SHA-1 (RFC 6238's default), so this is here for totp.hpp only.
// SHA-1 is broken for collision resistance: never use it to identify or sign content; HMAC-SHA-1
// as a keyed one-time-password function is not affected by those attacks.

#include <array>
#include <cstddef>
#include <cstdint>

#include "mimamori/common/bytes.hpp"

namespace mimamori::crypto {

using Sha1Digest = std::array<std::uint8_t, 20>;

// Incremental SHA-1: update() any number of times, then finish() once.
class Sha1 {
public:
    static constexpr std::size_t block_size = 64;

    Sha1();
    void update(ByteView data);
    // The digest of everything given; the object is then spent (construct a new one to reuse).
    Sha1Digest finish();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 5> m_h;
    std::array<std::uint8_t, block_size> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_total_bytes = 0;
};

// SHA-1 of `data`.
Sha1Digest sha1(ByteView data);

// HMAC-SHA-1 of `message` under `key` (any length; keys longer than 64 bytes are hashed first).
Sha1Digest hmac_sha1(ByteView key, ByteView message);

} // namespace mimamori::crypto
