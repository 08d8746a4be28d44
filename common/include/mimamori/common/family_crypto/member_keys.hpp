#pragma once
// A member's identity in the family space (DESIGN.md §5): an X25519 key pair (crypto_box), to which
// epoch keys are sealed, and an Ed25519 key pair (crypto_sign), with which the member signs memos
// and key grants. Family accounts and the staff of the patient's team have one each.
//
// Both pairs derive from one random 32-byte seed, so that the seed is all a key wrap has to keep:
//     box_seed  = crypto_kdf_derive_from_key(32, subkey 1, context "mmmember", seed)
//     sign_seed = crypto_kdf_derive_from_key(32, subkey 2, context "mmmember", seed)
//     (box_pk, box_sk)   = crypto_box_seed_keypair(box_seed)
//     (sign_pk, sign_sk) = crypto_sign_seed_keypair(sign_seed)
// crypto_kdf (keyed BLAKE2b) makes the two subkeys independent of each other.
//
// Public keys as JSON (what the server stores and lists for each member), base64url unpadded:
//     {"version": 1, "x25519": "<32 bytes>", "ed25519": "<32 bytes>"}

#include <cstddef>
#include <span>
#include <vector>

#include "mimamori/common/family_crypto/secret.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto {

struct MemberPublicKeys {
    BoxPublicKey box;   // X25519: epoch keys are sealed to it
    SignPublicKey sign; // Ed25519: verifies the member's memos and grants
    friend bool operator==(const MemberPublicKeys&, const MemberPublicKeys&) = default;
};

// Both key pairs with their seed. Non-copyable (clone() copies deliberately).
struct MemberKeyPair {
    MemberPublicKeys public_keys;
    MemberSeed seed;
    BoxSecretKey box_secret;
    SignSecretKey sign_secret;

    MemberKeyPair clone() const;
};

// New keys from a random seed (made in the browser at account set-up).
MemberKeyPair generate_member_keys();

// The keys a seed gives (deterministic: the same seed always gives the same keys).
MemberKeyPair member_keys_from_seed(const MemberSeed& seed);

// Someone in the space as the server lists them: an account and its public keys.
struct Member {
    AccountId account_id = 0;
    MemberPublicKeys keys;
    friend bool operator==(const Member&, const Member&) = default;
};

// The signed-in member: the account and its unwrapped keys, secrets included. Lives only in the
// app's memory from sign-in to sign-out or the kiosk lock; destroying it wipes the secrets.
struct MemberIdentity {
    AccountId account_id = 0;
    MemberKeyPair keys;

    Member as_member() const { return Member{account_id, keys.public_keys}; }
    MemberIdentity clone() const { return MemberIdentity{account_id, keys.clone()}; }
};

// Checks that public keys from elsewhere are usable: the Ed25519 key a point of the prime-order
// subgroup, the X25519 key not of small order (a key that would make every shared secret zero).
// An InvalidInput error naming "x25519" or "ed25519" otherwise.
Status check_public_keys(const MemberPublicKeys& keys);

Json to_json(const MemberPublicKeys& keys);
// Strict: the version, both fields at exactly 32 bytes, nothing else, and check_public_keys().
Result<MemberPublicKeys> member_public_keys_from_json(const Json& value);

// The public keys of the members an app knows, by account id: where memo and grant signatures are
// verified against. Lookups are a binary search (no allocation), for opening long timelines.
class MemberDirectory {
public:
    // Adds or confirms a member. A second, different set of keys for the same account is a Conflict
    // error: a key change must be noticed (fingerprint.hpp), not silently taken.
    Status add(const Member& member);
    const MemberPublicKeys* find(AccountId account_id) const;
    std::size_t size() const { return m_members.size(); }
    std::span<const Member> members() const { return m_members; }

private:
    std::vector<Member> m_members; // sorted by account_id
};

} // namespace mimamori::family_crypto
