#pragma once
// SQL of the end-to-end encrypted family space (migration 0009; DESIGN.md §5): members' public
// keys and wrapped secret keys, the epochs of a space's key with the grants sealed to each
// member, memos as ciphertext, reactions and key verification records. A space is named by its
// patient's id. Binary values pass as hex (decode/encode in SQL); the values are the
// family_crypto types of common/, which the service has checked before they get here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/family_crypto/memo.hpp"

namespace mimamori::repositories {

namespace fc = family_crypto;

// One key set of an account: the current one (retired_at none) or an earlier one.
struct MemberKeyRow {
    std::int64_t key_id = 0;
    fc::Member member; // account id and public keys
    std::int64_t created_at = 0;
    std::optional<std::int64_t> retired_at;
};

// The account's current key set.
std::optional<MemberKeyRow> current_member_keys(db::Tx& tx, std::int64_t account_id);
// Every key set (current and retired) of `account_ids`, by account then age.
std::vector<MemberKeyRow> member_key_history(db::Tx& tx, const std::vector<std::int64_t>& account_ids);
// Retires the account's current key set, if any (its wraps go; the grants sealed to it stay as
// a record of what the account held), and stores `keys` as the current one. Returns the new id.
std::int64_t replace_member_keys(db::Tx& tx, std::int64_t account_id, const fc::MemberPublicKeys& keys);
// Stores (or replaces) the wrap of `key_id` for the wrap's purpose.
void put_key_wrap(db::Tx& tx, std::int64_t key_id, const fc::WrappedKeys& wrap);
// The wraps of the key set `keys` (password first), rebuilt with its account and public keys.
std::vector<fc::WrappedKeys> key_wraps(db::Tx& tx, const MemberKeyRow& keys);

// Serialises the changes of one space (memos, epochs, grants) until the transaction ends.
void lock_family_space(db::Tx& tx, std::int64_t patient_id);
// The highest epoch of the space (0: none yet).
fc::Epoch current_epoch(db::Tx& tx, std::int64_t patient_id);

// Someone of the space: a current member (a family account of the patient that was not removed,
// or a current member of the patient's care team, DESIGN.md §3) or someone who was one and holds
// grants or wrote memos here.
struct SpaceMemberRow {
    std::int64_t account_id = 0;
    std::string name;
    std::string kind;       // "family" or "staff"
    std::string profession; // staff: the vocabulary code
    std::string relation;   // family: 長女, 夫 ...
    bool current = false;
    std::vector<fc::Epoch> epochs; // epochs of which the member holds a grant for their current keys
};
std::vector<SpaceMemberRow> space_members(db::Tx& tx, std::int64_t patient_id, const Date& today);

void insert_epoch(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch, std::int64_t created_by);
bool epoch_exists(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch);
// A grant sealed to the recipient's key set `recipient_key_id`. False when one for that epoch and
// key set is already stored (the stored one is kept).
bool insert_grant(db::Tx& tx, const fc::SealedEpochKey& grant, std::int64_t recipient_key_id);
// The grants of the space sealed to `key_id` (the member's current keys), by epoch.
std::vector<fc::SealedEpochKey> grants_for(db::Tx& tx, std::int64_t patient_id, std::int64_t key_id);
// The accounts holding a grant of `epoch` (to any of their key sets).
std::vector<std::int64_t> epoch_holders(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch);
bool holds_grant(db::Tx& tx, std::int64_t patient_id, fc::Epoch epoch, std::int64_t key_id);

struct FamilyMemoRow {
    std::int64_t seq = 0;  // the order of arrival
    fc::MemoEnvelope envelope;
    std::int64_t author_key_id = 0;
    std::int64_t received_at = 0;
    std::vector<std::pair<std::int64_t, std::string>> reactions; // (account, "seen" | "thanks")
};
bool memo_id_taken(db::Tx& tx, std::int64_t patient_id, const std::string& memo_id);
std::int64_t insert_memo(db::Tx& tx, const fc::MemoEnvelope& envelope, std::int64_t author_key_id);
// Newest first: at most `limit` memos with seq < `before` (no bound when none).
std::vector<FamilyMemoRow> list_memos(db::Tx& tx, std::int64_t patient_id, std::optional<std::int64_t> before,
                                      int limit);
std::optional<std::int64_t> memo_seq(db::Tx& tx, std::int64_t patient_id, const std::string& memo_id);
// True when the reaction was added (false: it was there) / removed (false: it was not).
bool add_reaction(db::Tx& tx, std::int64_t memo_seq, std::int64_t account_id, const std::string& kind);
bool remove_reaction(db::Tx& tx, std::int64_t memo_seq, std::int64_t account_id, const std::string& kind);

// Stores (or replaces) the verifier's record about the subject.
void put_verification(db::Tx& tx, const fc::VerifiedFingerprint& record);
// The verifier's records about `subjects`.
std::vector<fc::VerifiedFingerprint> verifications_by(db::Tx& tx, std::int64_t verifier,
                                                      const std::vector<std::int64_t>& subjects);

// Demo data (services/demo_family_space.hpp): the patient of that name, when exactly one has it.
std::optional<std::int64_t> patient_id_by_name(db::Tx& tx, const std::string& name);

} // namespace mimamori::repositories
