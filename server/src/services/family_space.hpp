#pragma once
// The end-to-end encrypted family space of a patient (issue 6; DESIGN.md §5). The server stores
// and relays what it cannot read and enforces what it can see:
//   - membership: the patient's family accounts that were not removed and the current members of
//     the patient's care team (the caller's permission is decided before, by perm::decide);
//   - epochs: a new epoch is the next number, its key sealed to every current member that has
//     keys and to nobody else, each grant signed by the caller; when someone who holds the
//     current epoch's key is no longer a member (removed, left, membership ended) the space
//     "needs rotation" and takes no memo until a remaining member has started the next epoch;
//   - memos: well formed, in this space (the URL's patient is the envelope's space), by the
//     caller, signed with the caller's current key, under the current epoch, which the caller
//     holds, at a time near the server's, and with a memo id not used before in the space.
// A space's id is its patient's id. Nothing here ever sees a plaintext or a secret key.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "mimamori/common/family_crypto/memo.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/family_space_repository.hpp"

namespace mimamori::services {

// A memo's time may be this far from the server's clock (the author's device clock).
inline constexpr std::int64_t family_memo_max_future_ms = 10 * 60 * 1000;
inline constexpr std::int64_t family_memo_max_past_ms = 24 * 60 * 60 * 1000;
inline constexpr std::size_t family_max_grants = 1000; // per request
inline constexpr int family_memo_page_default = 200;
inline constexpr int family_memo_page_max = 1000;
// The live-update event of a new family memo ({"type", "patient_id", "seq", "memo_id"}), sent to
// those perm::decide allows FamilySpaceRead (services/event_hub.hpp: events of a type starting
// "family_" are the family space's).
inline constexpr std::string_view family_memo_event = "family_memo.created";

struct SpaceMember {
    repositories::SpaceMemberRow row;
    std::optional<repositories::MemberKeyRow> keys;       // current keys; none before set-up
    std::vector<repositories::MemberKeyRow> earlier_keys; // replaced ones (memos they signed)
};

struct SpaceState {
    std::int64_t space_id = 0;
    family_crypto::Epoch current_epoch = 0; // 0: no epoch yet (the first member to write starts it)
    bool needs_rotation = false;
    bool locked = false; // consent withdrawn: read-only
    std::vector<SpaceMember> members; // current members first (family, then staff), then former ones
};

// `locked`: the patient's consent was withdrawn (from the permission facts).
SpaceState space_state(db::Tx& tx, std::int64_t patient_id, bool locked);
Json to_json(const SpaceState& state);

// The caller's grants in the space, for their current keys (Conflict without keys).
Result<std::vector<family_crypto::SealedEpochKey>> own_grants(db::Tx& tx, std::int64_t patient_id,
                                                              std::int64_t account_id);

// POST .../family/epochs {"epoch", "grants"}: the next epoch. InvalidInput naming the field for
// a malformed grant, one of another space or epoch, not sealed by the caller, badly signed, or
// to someone who is no current member with keys; Conflict for an epoch other than the next one
// and when a current member with keys has no grant.
struct StartedEpoch {
    family_crypto::Epoch epoch = 0;
    std::vector<std::int64_t> recipients;
};
Result<StartedEpoch> start_epoch(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id, const Json& body);

// POST .../family/keys {"grants"}: existing epochs' keys shared with current members (a new
// member, re-sharing history, restoring a member who made new keys). The caller must hold each
// epoch shared. Grants already stored for a recipient's keys are kept.
struct SharedKeys {
    std::size_t stored = 0;
    std::size_t already_held = 0;
    std::vector<std::int64_t> recipients;
};
Result<SharedKeys> share_epoch_keys(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id, const Json& body);

// POST .../family/memos: the memo's row (seq). `now_ms`: the server's clock.
struct PostedMemo {
    std::int64_t seq = 0;
    std::string memo_id;
    family_crypto::Epoch epoch = 0;
    std::size_t ciphertext_size = 0;
};
Result<PostedMemo> post_memo(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id, const Json& body,
                             std::int64_t now_ms);
// GET .../family/memos: newest first, at most `limit` with seq < `before` (if given).
std::vector<repositories::FamilyMemoRow> memo_page(db::Tx& tx, std::int64_t patient_id,
                                                   std::optional<std::int64_t> before, int limit);
Json to_json(const repositories::FamilyMemoRow& memo);

// One-tap reactions ("seen", "thanks"). NotFound for an unknown memo id; `changed` false when
// the reaction was already there (on) or not there (off).
struct ReactionChange {
    std::int64_t seq = 0;
    bool changed = false;
};
Result<ReactionChange> set_reaction(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                    const std::string& memo_id, const std::string& kind, bool on);

// POST .../family/verifications: the caller's signed record of having compared a current
// member's safety code. InvalidInput when it is not the caller's, not signed by the caller's
// key, or not about the member's current keys.
Result<family_crypto::VerifiedFingerprint> record_verification(db::Tx& tx, std::int64_t patient_id,
                                                               std::int64_t account_id, const Json& body);
// The caller's records about the space's members.
std::vector<family_crypto::VerifiedFingerprint> own_verifications(db::Tx& tx, std::int64_t patient_id,
                                                                  std::int64_t account_id);

} // namespace mimamori::services
