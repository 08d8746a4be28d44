#include "mimamori/common/crypto.hpp"

#include <cassert>
#include <cstdio>
#include <cstdlib>

#include <sodium.h>

namespace mimamori::crypto {
namespace {

void require_init() {
    if (!init()) {
        // Not an expected failure: the machine or browser has no secure randomness at all.
        std::fputs("mimamori: libsodium could not be initialised (no secure randomness)\n", stderr);
        std::abort();
    }
}

} // namespace

bool init() {
    // sodium_init() is itself thread-safe and idempotent (0 first time, 1 afterwards, -1 on
    // failure); the static only saves the lock on later calls.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

Sha256Digest sha256(ByteView data) {
    Sha256Digest out{};
    crypto_hash_sha256(out.data(), data.data(), data.size());
    return out;
}

Sha512Digest sha512(ByteView data) {
    Sha512Digest out{};
    crypto_hash_sha512(out.data(), data.data(), data.size());
    return out;
}

Sha256Digest hmac_sha256(ByteView key, ByteView message) {
    // crypto_auth_hmacsha256() wants a 32-byte key; the _init/_update/_final API takes any length
    // and hashes long keys first, as RFC 2104 says.
    // It also declares the key pointer non-null, which an empty span's need not be.
    static constexpr std::uint8_t no_key = 0;
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.empty() ? &no_key : key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, message.data(), message.size());
    Sha256Digest out{};
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
    return out;
}

Sha256::Sha256() {
    crypto_hash_sha256_init(&m_state);
}

void Sha256::update(ByteView data) {
    crypto_hash_sha256_update(&m_state, data.data(), data.size());
}

Sha256Digest Sha256::finish() {
    Sha256Digest out{};
    crypto_hash_sha256_final(&m_state, out.data());
    return out;
}

void random_bytes(std::span<std::uint8_t> out) {
    require_init();
    if (out.empty()) return; // randombytes_buf() takes no null pointer, which an empty span may hold
    randombytes_buf(out.data(), out.size());
}

Bytes random_bytes(std::size_t count) {
    Bytes out(count);
    random_bytes(std::span<std::uint8_t>(out));
    return out;
}

std::uint32_t random_below(std::uint32_t upper_bound) {
    assert(upper_bound > 0);
    require_init();
    return randombytes_uniform(upper_bound);
}

bool constant_time_equal(ByteView a, ByteView b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace mimamori::crypto
