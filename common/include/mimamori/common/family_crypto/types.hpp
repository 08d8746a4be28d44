#pragma once
// The vocabulary of the family space's cryptography (DESIGN.md §5, issue 6): ids, epochs, nonces,
// signatures and public keys, each with an explicit size. Public keys are typed so that an X25519
// key cannot be passed where an Ed25519 key is wanted.
//
// Protocol overview (each piece is specified in its header):
//   member_keys.hpp   a member's X25519 + Ed25519 key pairs, derived from one 32-byte seed
//   key_wrap.hpp      that seed wrapped under the password (Argon2id) and under a recovery code
//   epoch_keys.hpp    the space key of each epoch, sealed to each member and signed by the sealer
//   memo.hpp          a memo: XChaCha20-Poly1305 under the epoch key, signed by its author
//   memo_content.hpp  the JSON inside a memo (text, attachments with their file keys, reactions)
//   file_stream.hpp   files: secretstream in 64 KiB chunks under a per-file key
//   fingerprint.hpp   a member's key fingerprint as a spoken code and a QR code; verified records
//
// Everything bound into associated data or signed is written canonically: each field as a 4-byte
// big-endian length followed by its bytes, integers as fixed-width big-endian, the first field a
// format tag such as "mimamori.family.memo.v1". Length prefixes make the encoding injective (no
// two different field lists give the same bytes), and the tag separates the domains, so a value
// signed or authenticated for one purpose is never valid for another.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <sodium.h>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::family_crypto {

using AccountId = std::int64_t; // the server's account id of a member; > 0
using SpaceId = std::int64_t;   // the family space (one per patient); > 0
using Epoch = std::uint32_t;    // the space key's generation: 1, 2, ... (0 is never used)

// The version of every JSON shape below ("version": 1). A new format gets a new number and a new
// format tag in its associated data.
inline constexpr std::int64_t format_version = 1;

using Nonce = std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES>; // 24 bytes
using Signature = std::array<std::uint8_t, crypto_sign_BYTES>;                       // 64 bytes

// A 32-byte public key of one kind. Public keys are not secret: plain, copyable values.
template <typename Tag>
struct PublicKey {
    static constexpr std::size_t size = 32;
    std::array<std::uint8_t, size> bytes{};

    // Exactly `size` bytes, else an InvalidInput error naming `field`.
    static Result<PublicKey> from_bytes(ByteView data, std::string_view field);
    friend bool operator==(const PublicKey&, const PublicKey&) = default;
};

struct BoxPublicKeyTag;
struct SignPublicKeyTag;
using BoxPublicKey = PublicKey<BoxPublicKeyTag>;   // X25519 (crypto_box)
using SignPublicKey = PublicKey<SignPublicKeyTag>; // Ed25519 (crypto_sign)
static_assert(crypto_box_PUBLICKEYBYTES == BoxPublicKey::size);
static_assert(crypto_sign_PUBLICKEYBYTES == SignPublicKey::size);

Error wrong_length(std::string_view field, std::size_t expected, std::size_t actual);

template <typename Tag>
Result<PublicKey<Tag>> PublicKey<Tag>::from_bytes(ByteView data, std::string_view field) {
    if (data.size() != size) return wrong_length(field, size, data.size());
    PublicKey key;
    std::copy(data.begin(), data.end(), key.bytes.begin());
    return key;
}

// Ids that the writer's browser chooses, because they are bound into a memo or file before the
// server has seen it: 1..64 characters of A-Z a-z 0-9 '-' '_'.
inline constexpr std::size_t max_client_id_length = 64;
bool is_valid_client_id(std::string_view id);
// An InvalidInput error naming `field` unless is_valid_client_id(id).
Status check_client_id(std::string_view id, std::string_view field);
// A new random id: 128 bits as 22 characters of base64url (collisions are not a concern).
std::string new_client_id();

// The positive ids and epochs the protocol accepts; InvalidInput errors naming `field` otherwise.
Status check_account_id(AccountId id, std::string_view field);
Status check_space_id(SpaceId id, std::string_view field);
Status check_epoch(Epoch epoch, std::string_view field);

} // namespace mimamori::family_crypto
