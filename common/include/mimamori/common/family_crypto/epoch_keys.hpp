#pragma once
// The space keys of a family space, by epoch (DESIGN.md §5). A space's memos and file keys are
// encrypted under the key of an epoch: 32 random bytes, numbered 1, 2, ... Removing a member (or a
// member leaving) starts a new epoch whose key is sealed to the remaining members only, so the
// removed member cannot read what is written afterwards. A new member gets the current key and,
// if an existing member chooses, the older ones (reshare_epoch_keys, also how a member who lost
// both password and recovery code is restored once they have new keys).
//
// A grant of an epoch key to one member (SealedEpochKey):
//   sealed    = crypto_box_seal(recipient's X25519 key, plaintext)          (48 + 100 = 148 bytes)
//   plaintext = "mimamori.family.epoch-key.v1", space_id, epoch, recipient_account_id, key
//   signature = Ed25519 by the sealer over
//               "mimamori.family.epoch-key-grant.v1", space_id, epoch, recipient_account_id,
//               sealer_account_id, sealed
//   (canonical encoding, types.hpp: i64 ids, u32 epoch, 32-byte key)
//
// Why both: the plaintext binds the key to its space, epoch and recipient, so a sealed key moved
// by the server into another space, epoch or member's record is refused when opened. The
// signature is needed because crypto_box_seal is anonymous: anyone who knows a member's public key
// (the server included) could seal a key of its own choosing to them, and members would then
// write new memos under a key the server knows. A grant is taken only when it is signed by a
// member of the space's directory (whose key fingerprint members can verify, fingerprint.hpp).
//
// JSON (base64url unpadded), one record per epoch and recipient:
//   {"version": 1, "space_id": 7, "epoch": 2, "recipient_account_id": 42,
//    "sealer_account_id": 41, "sealed_key": "<148 bytes>", "signature": "<64 bytes>"}

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "mimamori/common/family_crypto/member_keys.hpp"
#include "mimamori/common/family_crypto/secret.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto {

// The key of one epoch of one space. Knows which space and epoch it belongs to, so that nothing
// can be encrypted under it with another space or epoch in its associated data.
struct EpochKey {
    SpaceId space_id = 0;
    Epoch epoch = 0;
    EpochSecret secret;

    EpochKey clone() const { return EpochKey{space_id, epoch, secret.clone()}; }
};

// A fresh random key for (space, epoch).
EpochKey new_epoch_key(SpaceId space_id, Epoch epoch);

// The epoch keys of one space that the signed-in member has opened. Lookups are a linear search
// over a handful of epochs, without allocation.
class EpochKeyring {
public:
    explicit EpochKeyring(SpaceId space_id) : m_space_id(space_id) {}
    SpaceId space_id() const { return m_space_id; }

    // Adds an opened key. A key of another space is InvalidInput; a second, different key for an
    // epoch already held is a Conflict (the same key again is accepted).
    Status add(EpochKey key);
    const EpochKey* find(Epoch epoch) const;
    // The key of the highest epoch held, what new memos and files are written under; null when empty.
    const EpochKey* current() const;
    std::span<const EpochKey> keys() const { return m_keys; }
    // Wipes and drops every key: sign-out, the kiosk idle lock, page unload.
    void clear() { m_keys.clear(); }

    // The key that starts the epoch after current() (epoch 1 for an empty keyring); the caller
    // seals it to the members who stay and adds it once the server has accepted it.
    EpochKey next_epoch_key() const;

private:
    SpaceId m_space_id;
    std::vector<EpochKey> m_keys; // sorted by epoch
};

inline constexpr std::size_t epoch_key_plaintext_size = 4 + 28 /* tag */ + 4 + 8 + 4 + 4 + 4 + 8 + 4 + EpochSecret::size;
inline constexpr std::size_t sealed_epoch_key_size = crypto_box_SEALBYTES + epoch_key_plaintext_size; // 148

struct SealedEpochKey {
    SpaceId space_id = 0;
    Epoch epoch = 0;
    AccountId recipient_account_id = 0;
    AccountId sealer_account_id = 0;
    std::array<std::uint8_t, sealed_epoch_key_size> sealed{};
    Signature signature{};
    friend bool operator==(const SealedEpochKey&, const SealedEpochKey&) = default;
};

// Seals `key` to `recipient` and signs the grant as `sealer`. Errors: InvalidInput for bad ids or
// a recipient's X25519 key that libsodium refuses.
Result<SealedEpochKey> seal_epoch_key(const EpochKey& key, const Member& recipient, const MemberIdentity& sealer);

// One grant per member (a new epoch, or the first): the sealer is normally among `members`.
Result<std::vector<SealedEpochKey>> seal_epoch_key_to_members(const EpochKey& key, std::span<const Member> members,
                                                              const MemberIdentity& sealer);

// Re-sharing: every key of `opened` sealed to `recipient` (a new member given the history, or a
// member who lost password and recovery code and came back with new keys), signed by `sharer`.
Result<std::vector<SealedEpochKey>> reshare_epoch_keys(const EpochKeyring& opened, const Member& recipient,
                                                       const MemberIdentity& sharer);

// Opens a grant addressed to `recipient` in `expected_space_id`. The sealer's Ed25519 key comes
// from `directory`. Each refusal is an error naming the field that failed:
//   "space_id" / "recipient_account_id"  the record is for another space or member;
//   "sealer_account_id"                  the sealer is not in the directory;
//   "signature"                          the grant is not signed by that sealer;
//   "sealed_key"                         it cannot be opened with the recipient's keys, or is malformed;
//   "space_id" / "epoch" / "recipient_account_id" (after opening)  the sealed plaintext names
//                                        another space, epoch or member than the record: replayed.
Result<EpochKey> open_epoch_key(const SealedEpochKey& grant, SpaceId expected_space_id, const MemberIdentity& recipient,
                                const MemberDirectory& directory);

// The signature check alone, for the server (which knows the public keys) to refuse forged grants.
bool verify_epoch_key_signature(const SealedEpochKey& grant, const SignPublicKey& sealer);
// (Re)signs a grant's record fields: sealing calls it; public for tests of the sealed binding.
void sign_epoch_key_grant(SealedEpochKey& grant, const SignSecretKey& sealer);

Json to_json(const SealedEpochKey& grant);
Result<SealedEpochKey> sealed_epoch_key_from_json(const Json& value);

} // namespace mimamori::family_crypto
