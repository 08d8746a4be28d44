#pragma once
// What the app knows of one family space once the member's keys are unlocked: the members and
// their public keys, the epoch keys sealed to the member (opened), the memos (opened and
// verified, or marked as failing), the member's key verification records -- and what the member's
// browser must do to keep the space sound (DESIGN.md §5): start the first epoch, start a new one
// after someone left, give the current key to members who lack it, and the whole history to a
// member who came back with new keys. All cryptography is common/'s family_crypto; this class
// only reads the API's JSON into it and decides. No UI, no network: the view feeds it answers.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "mimamori/common/family_crypto/memo.hpp"
#include "mimamori/common/family_crypto/memo_content.hpp"
#include "mimamori/common/family_crypto/schedule.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::web::family {

namespace fc = family_crypto;

struct ShownMember {
    std::int64_t account_id = 0;
    std::string name;
    std::string kind;       // "family" or "staff"
    std::string profession; // staff
    std::string relation;   // family
    bool current = false;
    std::optional<fc::Member> keys; // current public keys
    std::vector<fc::Epoch> epochs;  // epochs sealed to those keys
    bool has_earlier_keys = false;  // made new keys (lost password and recovery code)
    fc::KeyVerification verification = fc::KeyVerification::Unverified; // as the signed-in member sees it
};

struct ShownMemo {
    std::int64_t seq = 0;
    std::string memo_id;
    std::int64_t author_account_id = 0;
    std::int64_t time_ms = 0;
    fc::MemoStatus status = fc::MemoStatus::Malformed;
    std::string text; // only when status is Ok and the content is well formed
    std::vector<fc::MemoAttachment> attachments; // files shared with it (their keys, thumbnails)
    std::optional<fc::ScheduleEntry> schedule;   // a schedule entry the team shared
    bool readable = false;
    int seen = 0;
    int thanks = 0;
    bool seen_by_me = false;
    bool thanked_by_me = false;
};

// A request the member's browser should send to keep the space sound.
struct Maintenance {
    enum class Kind { StartEpoch, ShareKeys } kind = Kind::ShareKeys;
    Json body;
};

class SpaceModel {
public:
    explicit SpaceModel(std::int64_t patient_id) : m_patient(patient_id), m_ring(patient_id) {}

    std::int64_t patient_id() const { return m_patient; }
    fc::Epoch current_epoch() const { return m_current_epoch; }
    bool needs_rotation() const { return m_needs_rotation; }
    bool locked() const { return m_locked; }
    const std::vector<ShownMember>& members() const { return m_members; }
    const ShownMember* member(std::int64_t account_id) const;
    const std::vector<ShownMemo>& memos() const { return m_memos; } // newest first
    const fc::EpochKeyring& keyring() const { return m_ring; }
    // The member holds the current epoch's key and the space takes memos now.
    bool can_write() const;

    // The answers, in this order (each later one uses the earlier): members, grants, memos,
    // verifications. `me`: the unlocked identity.
    void set_members(const Json& answer, const fc::MemberIdentity& me);
    void set_grants(const Json& answer, const fc::MemberIdentity& me);
    void set_memos(const Json& answer, const fc::MemberIdentity& me);
    void set_verifications(const Json& answer, const fc::MemberIdentity& me);

    // The next request that keeps the space sound, if any (none while locked).
    std::optional<Maintenance> maintenance(const fc::MemberIdentity& me) const;

    // A memo's envelope (JSON) under the current epoch, written by `me` at `time_ms`.
    Result<Json> seal(const fc::MemberIdentity& me, const std::string& text, std::int64_t time_ms) const;
    Result<Json> seal(const fc::MemberIdentity& me, const fc::FamilyMemoContent& content, std::int64_t time_ms) const;
    // The schedule entries shared by the team that have not passed at `now_unix_seconds`,
    // earliest first (a family member's "schedule" memo is never one: it shows as unverifiable).
    std::vector<fc::ScheduleEntry> upcoming_schedule(std::int64_t now_unix_seconds) const;
    // Every epoch key held, sealed to `account_id` (to share the history with them).
    Result<Json> share_history(const fc::MemberIdentity& me, std::int64_t account_id) const;
    // The signed record of `me` having compared `account_id`'s safety code.
    Result<Json> verification_of(const fc::MemberIdentity& me, std::int64_t account_id, std::int64_t now_ms) const;

    // Wipes the epoch keys and the opened texts.
    void clear();

private:
    Result<Json> grants_body(const fc::EpochKey& key, const std::vector<fc::Member>& recipients,
                             const fc::MemberIdentity& me) const;
    std::vector<fc::Member> keyed_current_members() const;

    std::int64_t m_patient;
    fc::Epoch m_current_epoch = 0;
    bool m_needs_rotation = false;
    bool m_locked = false;
    std::vector<ShownMember> m_members;
    fc::MemberDirectory m_directory;           // current keys
    std::map<std::int64_t, fc::Member> m_by_key_id; // every key set listed (current and earlier)
    fc::EpochKeyring m_ring;
    std::vector<ShownMemo> m_memos;
};

} // namespace mimamori::web::family
