#pragma once
// Key fingerprints, so that a nurse and a family member can check face to face, at a home visit,
// that the keys the server hands out are really each other's (DESIGN.md §5). Without this check
// the server could list keys of its own for a member and read what is sealed to them.
//
//   input       = "mimamori.family.fingerprint.v1", account_id (i64), x25519 key, ed25519 key
//                 (canonical encoding, types.hpp)
//   h_1         = SHA-512(input);  h_i = SHA-512(h_(i-1) || input)  for i = 2..1024
//   fingerprint = the first 32 bytes of h_1024
//
// Shown as a safety code of 30 digits in six groups of five ("05871 39522 ..."), group g being
// the big-endian integer of bytes 5g..5g+4 modulo 100000. 30 digits hold 99.7 bits: to pass a
// comparison with other keys, an attacker must find keys whose code matches this member's, a
// second preimage costing about 2^99.7 tries, each of 1,024 SHA-512 (the account id in the input
// stops one search from serving many members). Shorter codes would be easier to read aloud but
// fall within reach of large computing budgets; 30 digits is also what people compare with
// Signal's per-person half of a safety number. The QR code (scanned by the other person's device)
// carries the whole 256-bit fingerprint:
//     mimamori-fp:v1:<account_id>:<fingerprint, base64url unpadded>
//
// "Verified" records: when two people have compared codes, the verifier's app keeps a record of
// the fingerprint it saw, signed with the verifier's own Ed25519 key, so the server that stores
// it cannot swap it for a new key's fingerprint without the change showing:
//   signature = Ed25519(verifier, "mimamori.family.verified.v1", verifier_account_id,
//                       subject_account_id, fingerprint, verified_at_ms)
//   JSON: {"version": 1, "verifier_account_id": 41, "subject_account_id": 42,
//          "fingerprint": "<32 bytes>", "verified_at_ms": 1795649487123, "signature": "<64 bytes>"}

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mimamori/common/family_crypto/member_keys.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto {

using Fingerprint = std::array<std::uint8_t, 32>;
inline constexpr int fingerprint_iterations = 1024;
inline constexpr std::size_t safety_code_groups = 6;
inline constexpr std::size_t safety_code_group_digits = 5;

Fingerprint fingerprint(const Member& member);

// "05871 39522 80413 77206 11958 64033": six groups of five digits, separated by spaces.
std::string safety_code(const Fingerprint& fp);

// True when `typed` is the safety code of `fp`: ASCII or full-width digits, with any spaces or
// hyphens between them. Compared in constant time.
bool safety_code_matches(std::string_view typed, const Fingerprint& fp);

// Constant-time equality.
bool same_fingerprint(const Fingerprint& a, const Fingerprint& b);

// The QR code's text, and its parse (InvalidInput naming "fingerprint_qr" for anything else).
std::string fingerprint_qr_payload(const Member& member);
struct ScannedFingerprint {
    AccountId account_id = 0;
    Fingerprint fingerprint{};
};
Result<ScannedFingerprint> parse_fingerprint_qr_payload(std::string_view text);
// True when a scanned code is `member`'s: the same account and the fingerprint of its current keys.
bool scanned_matches(const ScannedFingerprint& scanned, const Member& member);

struct VerifiedFingerprint {
    AccountId verifier_account_id = 0;
    AccountId subject_account_id = 0;
    Fingerprint fingerprint{};
    std::int64_t verified_at_ms = 0;
    Signature signature{};
    friend bool operator==(const VerifiedFingerprint&, const VerifiedFingerprint&) = default;
};

// The record of `verifier` having compared `subject`'s current keys at `now_ms`.
VerifiedFingerprint record_verification(const MemberIdentity& verifier, const Member& subject, std::int64_t now_ms);

enum class KeyVerification : std::uint8_t {
    Unverified,     // never compared (no record)
    Verified,       // compared, and the keys are still the ones compared
    KeyChanged,     // compared, but the member's keys have changed since: warn, and compare again
    RecordInvalid,  // a record not signed by the verifier or not about this member: altered
};
std::string_view to_string(KeyVerification status); // "unverified", "verified", "key_changed", "record_invalid"

// The status of `subject` as seen by `verifier` (who may hold only public keys here), given the
// stored record if any.
KeyVerification verification_status(const std::optional<VerifiedFingerprint>& record, const Member& verifier,
                                    const Member& subject);

Json to_json(const VerifiedFingerprint& record);
Result<VerifiedFingerprint> verified_fingerprint_from_json(const Json& value);

} // namespace mimamori::family_crypto
