#pragma once
// A member's secret keys as the server stores them (DESIGN.md §5): the member's 32-byte seed
// (member_keys.hpp) encrypted under a key derived from the password, so that only the member's
// browser, given the password, can unwrap it at sign-in. A second wrap of the same seed under a
// one-time recovery code restores access when the password is forgotten.
//
//   wrap_key   = Argon2id13(secret, salt, opslimit, memlimit) -> 32 bytes    (crypto_pwhash)
//   ciphertext = XChaCha20-Poly1305(wrap_key, nonce, ad, seed)     (48 bytes, tag included)
//   ad         = "mimamori.family.key-wrap.v1", purpose ("password" | "recovery"), account_id,
//                x25519 public key, ed25519 public key, "argon2id13", opslimit, memlimit, salt
//                (canonical encoding, types.hpp; integers i64/u64)
//
// Binding the account and its public keys means the server cannot move a wrap to another
// account or pair it with other public keys (decryption fails); binding the purpose keeps a
// recovery wrap from passing as a password wrap; binding the KDF parameters and salt makes any
// edit of them fail as well. After unwrapping, the keys derived from the seed are compared with the
// public keys bound in the wrap, so a wrap can only ever give the keys it claims.
//
// The parameters travel with the wrap, so they can be raised later: at sign-in, when a wrap is
// weaker than the current preset, the app rewraps it under the same password.
//
// A wrong password and a wrap altered by the server both make the AEAD fail, and nothing can tell
// them apart: both are reported as "wrong password" (ErrorCode::Unauthenticated, field "password").
//
// JSON (base64url unpadded), what the server stores per account and purpose:
//   {"version": 1, "purpose": "password", "account_id": 42,
//    "public_keys": {"version": 1, "x25519": "...", "ed25519": "..."},
//    "kdf": {"alg": "argon2id13", "opslimit": 2, "memlimit": 67108864, "salt": "<16 bytes>"},
//    "nonce": "<24 bytes>", "ciphertext": "<48 bytes>"}
//
// Recovery codes: 24 symbols from recovery::alphabet (31 symbols, no 0/O/1/I/L), shown as six
// groups of four. 24 * log2(31) = 118.9 bits. The server holds the recovery wrap, so it (or anyone
// with a copy of the database) can guess offline without any rate limit: the code alone must make
// that hopeless. At 119 bits it is, whatever the guessing speed (the 12-symbol sign-in recovery
// codes, 59 bits, rely on the server's rate limit and would not be enough here). Argon2id at the
// same parameters as the password adds its cost on top. The code is shown and printed once at
// set-up; after it has been used the app makes a new code and a new recovery wrap, and the server
// replaces the old one (one-time use is the server's deletion of the used wrap).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "mimamori/common/family_crypto/member_keys.hpp"
#include "mimamori/common/family_crypto/secret.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto {

// Argon2id13 cost (crypto_pwhash with crypto_pwhash_ALG_ARGON2ID13).
struct KdfParams {
    std::uint64_t opslimit = 0; // passes over memory
    std::uint64_t memlimit = 0; // bytes

    // Production: crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB):
    // about 60-80 ms natively, 110-140 ms under Node.js, 150-400 ms in a browser.
    static KdfParams interactive();
    // Tests only: the smallest limits libsodium accepts (1 pass, 8 KiB). Never for real keys.
    static KdfParams for_tests();

    friend bool operator==(const KdfParams&, const KdfParams&) = default;
};

// Limits accepted from a stored wrap. A wrap comes from the server, which must not be able to
// make a browser allocate gigabytes or spin for minutes.
inline constexpr std::uint64_t max_opslimit = 16;
inline constexpr std::uint64_t max_memlimit = 512ull * 1024 * 1024;

// True when `params` costs less than `preset` in passes or memory: rewrap at the next sign-in.
bool weaker_than(const KdfParams& params, const KdfParams& preset);

// InvalidInput naming "kdf" unless libsodium's minimums <= params <= the maximums above.
Status check_kdf_params(const KdfParams& params);

enum class WrapPurpose : std::uint8_t {
    Password, // unwrapped with the member's password at every sign-in
    Recovery, // unwrapped with the one-time recovery code when the password is lost
};
std::string_view to_string(WrapPurpose purpose); // "password", "recovery"

inline constexpr std::size_t wrap_salt_size = crypto_pwhash_SALTBYTES; // 16
inline constexpr std::size_t wrapped_seed_size = MemberSeed::size + crypto_aead_xchacha20poly1305_ietf_ABYTES;

struct WrappedKeys {
    WrapPurpose purpose = WrapPurpose::Password;
    AccountId account_id = 0;
    MemberPublicKeys public_keys;
    KdfParams kdf;
    std::array<std::uint8_t, wrap_salt_size> salt{};
    Nonce nonce{};
    std::array<std::uint8_t, wrapped_seed_size> ciphertext{};
    friend bool operator==(const WrappedKeys&, const WrappedKeys&) = default;
};

// Wraps the member's keys under `password` with a fresh salt and nonce. The password is taken as
// the UTF-8 bytes typed, without Unicode normalisation (an IME gives the same bytes each time).
// Errors: InvalidInput for parameters out of range or a bad account id; Unavailable when Argon2id
// cannot get its memory.
Result<WrappedKeys> wrap_member_keys(const MemberIdentity& member, std::string_view password, const KdfParams& params);

// The member's keys, given the password. `expected_account_id` is the signed-in account: a wrap of
// another account is refused (Forbidden) before any work. Wrong password (or an altered wrap):
// Unauthenticated "wrong password", field "password". Parameters out of range: InvalidInput.
Result<MemberIdentity> unwrap_member_keys(const WrappedKeys& wrap, std::string_view password, AccountId expected_account_id);

// Password change: unwraps with the old password, wraps with the new one (fresh salt and nonce,
// `params` for the new wrap). Errors as unwrap_member_keys() and wrap_member_keys().
Result<WrappedKeys> rewrap_member_keys(const WrappedKeys& wrap, std::string_view old_password,
                                       std::string_view new_password, const KdfParams& params);

// Recovery codes.
inline constexpr std::size_t recovery_key_code_length = 24;
// A new code, formatted for display and print: "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX".
std::string new_recovery_key_code();
// A typed code in canonical form (upper case, no separators); what recovery::normalise accepts
// (full-width characters, Japanese dashes, lower case). InvalidInput naming "recovery_code".
Result<std::string> normalise_recovery_key_code(std::string_view typed);

// The recovery wrap of the member's keys under `code` (as typed or as formatted).
Result<WrappedKeys> wrap_member_keys_for_recovery(const MemberIdentity& member, std::string_view code,
                                                  const KdfParams& params);
// The member's keys, given the recovery code. A wrong code: Unauthenticated "wrong recovery
// code", field "recovery_code"; a code that is not well formed: InvalidInput, no Argon2id run.
Result<MemberIdentity> recover_member_keys(const WrappedKeys& recovery_wrap, std::string_view code,
                                           AccountId expected_account_id);

Json to_json(const WrappedKeys& wrap);
Result<WrappedKeys> wrapped_keys_from_json(const Json& value);

namespace detail {
// The randomness of a wrap, explicit so that test vectors are reproducible.
struct WrapRandomness {
    std::array<std::uint8_t, wrap_salt_size> salt{};
    Nonce nonce{};
};
Result<WrappedKeys> wrap_member_keys(const MemberIdentity& member, WrapPurpose purpose, std::string_view secret,
                                     const KdfParams& params, const WrapRandomness& randomness);
} // namespace detail

} // namespace mimamori::family_crypto
