#pragma once
// Secret key material of the family space (DESIGN.md §5): fixed-size byte arrays that are wiped
// with sodium_memzero when they go away, cannot be copied by accident, and are told apart by type
// (an epoch key cannot be passed where a file key is wanted).
//
// Secrets live in ordinary memory: the browser build has no mlock() and no guard pages, so the
// protection is to keep secrets few, short-lived and wiped, and never to write them to storage,
// logs or error messages. Moving a secret copies its bytes and wipes the source; a moved-from
// secret holds zeros and must not be used.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <sodium.h>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::family_crypto {

// Wipes memory that held a secret (a no-op for an empty span).
void wipe(std::span<std::uint8_t> bytes);
void wipe(std::string& text); // the characters in place; the size is kept

// N secret bytes of one kind (`Tag`). Non-copyable; clone() is the deliberate copy.
template <std::size_t N, typename Tag>
class Secret {
public:
    static constexpr std::size_t size = N;

    // All zero: only for filling through writable() (libsodium's output parameters).
    Secret() noexcept = default;
    ~Secret() { family_crypto::wipe(m_bytes); }

    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept : m_bytes(other.m_bytes) { family_crypto::wipe(other.m_bytes); }
    Secret& operator=(Secret&& other) noexcept {
        if (this != &other) {
            m_bytes = other.m_bytes;
            family_crypto::wipe(other.m_bytes);
        }
        return *this;
    }

    // Fresh random bytes from libsodium (aborts when there is no secure randomness at all).
    static Secret random();

    // A copy of `bytes`, which must hold exactly N bytes: otherwise an InvalidInput error naming
    // `field` that gives the lengths (never the bytes).
    static Result<Secret> from_bytes(ByteView bytes, std::string_view field = "key");

    Secret clone() const {
        Secret copy;
        copy.m_bytes = m_bytes;
        return copy;
    }

    std::span<const std::uint8_t, N> bytes() const { return m_bytes; }
    std::span<std::uint8_t, N> writable() { return m_bytes; }
    const std::uint8_t* data() const { return m_bytes.data(); }

    // Constant-time comparison (for tests and consistency checks; keys are never looked up by value).
    bool equals(const Secret& other) const { return sodium_memcmp(m_bytes.data(), other.m_bytes.data(), N) == 0; }

private:
    std::array<std::uint8_t, N> m_bytes{};
};

// crypto::random_bytes, declared here so that this header does not pull in crypto.hpp.
void fill_random(std::span<std::uint8_t> out);

template <std::size_t N, typename Tag>
Secret<N, Tag> Secret<N, Tag>::random() {
    Secret s;
    fill_random(s.m_bytes);
    return s;
}

template <std::size_t N, typename Tag>
Result<Secret<N, Tag>> Secret<N, Tag>::from_bytes(ByteView bytes, std::string_view field) {
    if (bytes.size() != N) return wrong_length(field, N, bytes.size());
    Secret s;
    std::copy(bytes.begin(), bytes.end(), s.m_bytes.begin());
    return s;
}

// A buffer of secret bytes whose size is fixed when it is made (it never reallocates, so no copy
// is left behind in freed memory), wiped on destruction. For plaintexts that hold keys.
class SecretBuffer {
public:
    explicit SecretBuffer(std::size_t size) : m_bytes(size) {}
    ~SecretBuffer() { family_crypto::wipe(m_bytes); }
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;
    SecretBuffer(SecretBuffer&&) noexcept = default; // takes the allocation: no copy is left
    SecretBuffer& operator=(SecretBuffer&&) = delete;

    std::size_t size() const { return m_bytes.size(); }
    std::uint8_t* data() { return m_bytes.data(); }
    const std::uint8_t* data() const { return m_bytes.data(); }
    ByteView view() const { return m_bytes; }
    std::span<std::uint8_t> span() { return m_bytes; }

private:
    Bytes m_bytes;
};

// The kinds of secret in the family space.
struct MemberSeedTag;
struct BoxSecretKeyTag;
struct SignSecretKeyTag;
struct EpochSecretTag;
struct FileKeyTag;
struct WrapKeyTag;

using MemberSeed = Secret<32, MemberSeedTag>;             // everything a member's keys derive from
using BoxSecretKey = Secret<crypto_box_SECRETKEYBYTES, BoxSecretKeyTag>;    // X25519, 32 bytes
using SignSecretKey = Secret<crypto_sign_SECRETKEYBYTES, SignSecretKeyTag>; // Ed25519 seed||pk, 64
using EpochSecret = Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES, EpochSecretTag>; // 32
using FileKey = Secret<crypto_secretstream_xchacha20poly1305_KEYBYTES, FileKeyTag>;      // 32
using WrapKey = Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES, WrapKeyTag>; // from Argon2id

} // namespace mimamori::family_crypto
