#include "family/space_model.hpp"

#include <algorithm>

#include "mimamori/common/family_crypto/memo_content.hpp"
#include "mimamori/common/family_crypto/secret.hpp"

namespace mimamori::web::family {
namespace {

std::optional<fc::Member> member_of(std::int64_t account_id, const Json& keys) {
    if (!keys.is_object()) return std::nullopt;
    auto parsed = fc::member_public_keys_from_json(keys.value("public_keys", Json()));
    if (!parsed) return std::nullopt;
    return fc::Member{account_id, *parsed};
}

bool holds(const std::vector<fc::Epoch>& epochs, fc::Epoch epoch) {
    return std::find(epochs.begin(), epochs.end(), epoch) != epochs.end();
}

} // namespace

const ShownMember* SpaceModel::member(std::int64_t account_id) const {
    for (const auto& m : m_members)
        if (m.account_id == account_id) return &m;
    return nullptr;
}

bool SpaceModel::can_write() const {
    return !m_locked && !m_needs_rotation && m_current_epoch > 0 && m_ring.find(m_current_epoch) != nullptr;
}

void SpaceModel::set_members(const Json& answer, const fc::MemberIdentity& me) {
    (void)me;
    const Json space = answer.value("space", Json::object());
    m_current_epoch = static_cast<fc::Epoch>(space.value("current_epoch", 0));
    m_needs_rotation = space.value("needs_rotation", false);
    m_locked = space.value("locked", false);
    m_members.clear();
    m_directory = fc::MemberDirectory();
    m_by_key_id.clear();
    for (const auto& j : answer.value("members", Json::array())) {
        ShownMember m;
        m.account_id = j.value("account_id", std::int64_t{0});
        m.name = j.value("name", "");
        m.kind = j.value("kind", "");
        m.profession = j.value("profession", "");
        m.relation = j.value("relation", "");
        m.current = j.value("current", false);
        m.keys = member_of(m.account_id, j.value("keys", Json()));
        for (const auto& e : j.value("epochs", Json::array()))
            if (e.is_number_unsigned()) m.epochs.push_back(e.get<fc::Epoch>());
        const Json earlier = j.value("earlier_keys", Json::array());
        m.has_earlier_keys = !earlier.empty();
        if (m.keys) {
            (void)m_directory.add(*m.keys);
            m_by_key_id.emplace(j["keys"].value("key_id", std::int64_t{0}), *m.keys);
        }
        for (const auto& k : earlier)
            if (auto old = member_of(m.account_id, k)) m_by_key_id.emplace(k.value("key_id", std::int64_t{0}), *old);
        m_members.push_back(std::move(m));
    }
}

void SpaceModel::set_grants(const Json& answer, const fc::MemberIdentity& me) {
    m_ring.clear();
    for (const auto& j : answer.value("grants", Json::array())) {
        auto grant = fc::sealed_epoch_key_from_json(j);
        if (!grant) continue;
        auto key = fc::open_epoch_key(*grant, m_patient, me, m_directory);
        if (!key) {
            // Sealed by a member who has since made new keys: their earlier key signed it.
            for (const auto& [id, member] : m_by_key_id) {
                if (member.account_id != grant->sealer_account_id) continue;
                fc::MemberDirectory earlier;
                (void)earlier.add(member);
                key = fc::open_epoch_key(*grant, m_patient, me, earlier);
                if (key) break;
            }
        }
        if (key) (void)m_ring.add(std::move(key).value()); // a refused grant is left out
    }
}

void SpaceModel::set_memos(const Json& answer, const fc::MemberIdentity& me) {
    for (auto& m : m_memos) fc::wipe(m.text);
    m_memos.clear();
    fc::MemoOpener opener(m_ring, m_directory);
    Bytes plaintext;
    for (const auto& j : answer.value("memos", Json::array())) {
        ShownMemo m;
        m.seq = j.value("seq", std::int64_t{0});
        const Json envelope_json = j.value("envelope", Json());
        auto envelope = fc::memo_envelope_from_json(envelope_json);
        if (envelope) {
            m.memo_id = envelope->header.memo_id;
            m.author_account_id = envelope->header.author_account_id;
            m.time_ms = envelope->header.time_ms;
            // The key set that signed it: the author's current one, or an earlier one.
            const auto signer = m_by_key_id.find(j.value("author_key_id", std::int64_t{0}));
            const fc::MemberPublicKeys* current = m_directory.find(m.author_account_id);
            if (signer == m_by_key_id.end() || current == nullptr || signer->second.keys == *current) {
                m.status = opener.open_into(*envelope, plaintext);
            } else {
                fc::MemberDirectory earlier;
                (void)earlier.add(signer->second);
                fc::MemoOpener old(m_ring, earlier);
                m.status = old.open_into(*envelope, plaintext);
            }
            if (m.status == fc::MemoStatus::Ok) {
                auto content = fc::decode_memo_content(plaintext);
                const ShownMember* author = member(m.author_account_id);
                if (content && content->schedule &&
                    !fc::schedule_author_allowed(author == nullptr ? std::string_view() : author->kind)) {
                    m.status = fc::MemoStatus::Malformed; // only the team shares schedule entries
                } else if (content && !content->reaction) {
                    m.text = std::move(content->text);
                    m.attachments = std::move(content->attachments);
                    m.schedule = std::move(content->schedule);
                    m.readable = true;
                } else if (!content) {
                    m.status = fc::MemoStatus::Malformed;
                }
                fc::wipe(plaintext);
            }
        }
        for (const auto& r : j.value("reactions", Json::array())) {
            const bool mine = r.value("account_id", std::int64_t{0}) == me.account_id;
            const std::string kind = r.value("kind", "");
            if (kind == "seen") {
                ++m.seen;
                m.seen_by_me = m.seen_by_me || mine;
            } else if (kind == "thanks") {
                ++m.thanks;
                m.thanked_by_me = m.thanked_by_me || mine;
            }
        }
        m_memos.push_back(std::move(m));
    }
}

void SpaceModel::set_verifications(const Json& answer, const fc::MemberIdentity& me) {
    std::map<std::int64_t, fc::VerifiedFingerprint> records;
    for (const auto& j : answer.value("verifications", Json::array()))
        if (auto r = fc::verified_fingerprint_from_json(j)) records.emplace(r->subject_account_id, *r);
    for (auto& m : m_members) {
        if (!m.keys) continue;
        const auto it = records.find(m.account_id);
        m.verification = fc::verification_status(it == records.end() ? std::nullopt : std::optional(it->second),
                                                 me.as_member(), *m.keys);
    }
}

std::vector<fc::Member> SpaceModel::keyed_current_members() const {
    std::vector<fc::Member> out;
    for (const auto& m : m_members)
        if (m.current && m.keys) out.push_back(*m.keys);
    return out;
}

Result<Json> SpaceModel::grants_body(const fc::EpochKey& key, const std::vector<fc::Member>& recipients,
                                     const fc::MemberIdentity& me) const {
    auto grants = fc::seal_epoch_key_to_members(key, recipients, me);
    if (!grants) return grants.error();
    Json list = Json::array();
    for (const auto& g : *grants) list.push_back(fc::to_json(g));
    return list;
}

std::optional<Maintenance> SpaceModel::maintenance(const fc::MemberIdentity& me) const {
    if (m_locked) return std::nullopt;
    const ShownMember* self = member(me.account_id);
    // Only a current member whose listed keys are the ones unlocked here acts for the space.
    if (self == nullptr || !self->current || !self->keys || self->keys->keys != me.keys.public_keys) return std::nullopt;
    if (m_current_epoch == 0 || m_needs_rotation) {
        const fc::Epoch next = m_current_epoch + 1;
        const fc::EpochKey key = fc::new_epoch_key(m_patient, next);
        auto grants = grants_body(key, keyed_current_members(), me);
        if (!grants) return std::nullopt;
        return Maintenance{Maintenance::Kind::StartEpoch, Json{{"epoch", next}, {"grants", *grants}}};
    }
    const fc::EpochKey* current = m_ring.find(m_current_epoch);
    if (current == nullptr) return std::nullopt; // someone else gives it to us
    Json list = Json::array();
    for (const auto& m : m_members) {
        if (!m.current || !m.keys || m.account_id == me.account_id || holds(m.epochs, m_current_epoch)) continue;
        if (m.has_earlier_keys) { // came back with new keys: the whole history
            if (auto all = fc::reshare_epoch_keys(m_ring, *m.keys, me))
                for (const auto& g : *all) list.push_back(fc::to_json(g));
        } else if (auto g = fc::seal_epoch_key(*current, *m.keys, me)) {
            list.push_back(fc::to_json(*g));
        }
    }
    if (list.empty()) return std::nullopt;
    return Maintenance{Maintenance::Kind::ShareKeys, Json{{"grants", std::move(list)}}};
}

Result<Json> SpaceModel::seal(const fc::MemberIdentity& me, const std::string& text, std::int64_t time_ms) const {
    const fc::EpochKey* key = m_ring.find(m_current_epoch);
    if (key == nullptr) return Error::make(ErrorCode::Conflict, "no key of the current epoch");
    fc::FamilyMemoContent content;
    content.text = text;
    auto envelope = fc::seal_memo_content(*key, me, fc::new_client_id(), time_ms, content);
    fc::wipe(content.text);
    if (!envelope) return envelope.error();
    return fc::to_json(*envelope);
}

Result<Json> SpaceModel::seal(const fc::MemberIdentity& me, const fc::FamilyMemoContent& content,
                              std::int64_t time_ms) const {
    const fc::EpochKey* key = m_ring.find(m_current_epoch);
    if (key == nullptr) return Error::make(ErrorCode::Conflict, "no key of the current epoch");
    auto envelope = fc::seal_memo_content(*key, me, fc::new_client_id(), time_ms, content);
    if (!envelope) return envelope.error();
    return fc::to_json(*envelope);
}

std::vector<fc::ScheduleEntry> SpaceModel::upcoming_schedule(std::int64_t now_unix_seconds) const {
    std::vector<fc::ScheduleEntry> all;
    for (const auto& m : m_memos)
        if (m.readable && m.schedule) all.push_back(*m.schedule);
    return fc::upcoming(std::move(all), now_unix_seconds);
}

Result<Json> SpaceModel::share_history(const fc::MemberIdentity& me, std::int64_t account_id) const {
    const ShownMember* m = member(account_id);
    if (m == nullptr || !m->keys) return Error::make(ErrorCode::NotFound, "no such member with keys");
    auto grants = fc::reshare_epoch_keys(m_ring, *m->keys, me);
    if (!grants) return grants.error();
    Json list = Json::array();
    for (const auto& g : *grants) list.push_back(fc::to_json(g));
    return Json{{"grants", std::move(list)}};
}

Result<Json> SpaceModel::verification_of(const fc::MemberIdentity& me, std::int64_t account_id,
                                         std::int64_t now_ms) const {
    const ShownMember* m = member(account_id);
    if (m == nullptr || !m->keys) return Error::make(ErrorCode::NotFound, "no such member with keys");
    return fc::to_json(fc::record_verification(me, *m->keys, now_ms));
}

void SpaceModel::clear() {
    m_ring.clear();
    for (auto& m : m_memos) fc::wipe(m.text);
    m_memos.clear(); // the attachments' file keys are wiped as they go
}

} // namespace mimamori::web::family
