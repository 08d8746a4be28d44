#pragma once
// Thin, typed wrappers over libsodium for what sign-in and the access log need: SHA-256/512,
// HMAC-SHA-256, randomness and constant-time comparison. (SHA-1 and HMAC-SHA-1, which libsodium
// lacks but authenticator apps need for TOTP, are in sha1.hpp.)

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <sodium.h>

#include "mimamori/common/bytes.hpp"

namespace mimamori::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;
using Sha512Digest = std::array<std::uint8_t, 64>;

// Initialises libsodium. Safe to call any number of times, from any thread; the functions below
// that need randomness call it themselves. Returns false when libsodium cannot start (no source of
// randomness): the program must then not create secrets. In the browser, randomness comes from
// crypto.getRandomValues, which libsodium finds only once initialised.
bool init();

// SHA-256 and SHA-512 (FIPS 180-4) of `data`.
Sha256Digest sha256(ByteView data);
Sha512Digest sha512(ByteView data);

// HMAC-SHA-256 (RFC 2104 / RFC 4231) with a key of any length.
Sha256Digest hmac_sha256(ByteView key, ByteView message);

// Incremental SHA-256, for data that arrives in pieces (a hash chain over a long log).
class Sha256 {
public:
    Sha256();
    void update(ByteView data);
    // The digest of everything given; the object is then spent (construct a new one to reuse).
    Sha256Digest finish();

private:
    crypto_hash_sha256_state m_state;
};

// Fills `out` with cryptographically secure random bytes. Aborts the program if libsodium cannot
// initialise: continuing without randomness would hand out guessable secrets.
void random_bytes(std::span<std::uint8_t> out);
Bytes random_bytes(std::size_t count);

// A uniformly distributed random number in [0, upper_bound) without modulo bias; upper_bound > 0.
std::uint32_t random_below(std::uint32_t upper_bound);

// True when `a` and `b` hold the same bytes, in time that depends only on their length (a
// difference in length returns false at once: lengths are not secret here).
bool constant_time_equal(ByteView a, ByteView b);

} // namespace mimamori::crypto
