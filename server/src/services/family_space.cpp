#include "services/family_space.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "mimamori/common/japan_time.hpp"
#include "repositories/event_repository.hpp"
#include "services/patient_access.hpp"

namespace mimamori::services {

namespace fc = family_crypto;

namespace {

// `error` of an element of a list: its field and message prefixed with where it is.
Error at(Error error, const std::string& where) {
    error.field = error.field.empty() ? where : where + "." + error.field;
    error.message = where + ": " + error.message;
    return error;
}

Error no_keys() {
    return Error::make(ErrorCode::Conflict, "set up the keys of the family space first (PUT /api/v1/me/keys)");
}

// The current members that have keys, by account id.
std::map<std::int64_t, const SpaceMember*> keyed_members(const SpaceState& state) {
    std::map<std::int64_t, const SpaceMember*> out;
    for (const auto& m : state.members)
        if (m.row.current && m.keys) out.emplace(m.row.account_id, &m);
    return out;
}

struct CheckedGrant {
    fc::SealedEpochKey grant;
    std::int64_t recipient_key_id = 0;
};

// The "grants" of `body`, each well formed, of this space, sealed and signed by the caller (whose
// keys are `sealer`), to a current member with keys, at most one per recipient and epoch.
// `epoch`: the epoch every grant must be of (a new epoch), if any.
Result<std::vector<CheckedGrant>> read_grants(const Json& body, std::int64_t patient_id,
                                              const repositories::MemberKeyRow& sealer, const SpaceState& state,
                                              std::optional<fc::Epoch> epoch) {
    if (!body.contains("grants") || !body.at("grants").is_array() || body.at("grants").empty())
        return Error::invalid("grants", "grants must be a non-empty array of sealed epoch keys");
    const Json& list = body.at("grants");
    if (list.size() > family_max_grants)
        return Error::invalid("grants", "at most " + std::to_string(family_max_grants) + " grants at once");
    const auto members = keyed_members(state);
    std::vector<CheckedGrant> out;
    std::set<std::pair<fc::Epoch, std::int64_t>> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "grants[" + std::to_string(i) + "]";
        auto g = fc::sealed_epoch_key_from_json(list[i]);
        if (!g) return at(g.error(), where);
        if (g->space_id != patient_id)
            return Error::invalid(where + ".space_id", where + ": the grant is for another family space");
        if (epoch && g->epoch != *epoch)
            return Error::invalid(where + ".epoch", where + ": every grant must be of epoch " + std::to_string(*epoch));
        if (g->sealer_account_id != sealer.member.account_id)
            return Error::invalid(where + ".sealer_account_id", where + ": grants are sealed by the signed-in member");
        if (!fc::verify_epoch_key_signature(*g, sealer.member.keys.sign))
            return Error::invalid(where + ".signature", where + ": the grant is not signed with your current key");
        auto recipient = members.find(g->recipient_account_id);
        if (recipient == members.end())
            return Error::invalid(where + ".recipient_account_id",
                                  where + ": the recipient is no current member of this family space with keys");
        if (!seen.emplace(g->epoch, g->recipient_account_id).second)
            return Error::invalid(where + ".recipient_account_id", where + ": a second grant for the same member and epoch");
        out.push_back({*g, recipient->second->keys->key_id});
    }
    return out;
}

std::vector<std::int64_t> recipients_of(const std::vector<CheckedGrant>& grants) {
    std::set<std::int64_t> ids;
    for (const auto& g : grants) ids.insert(g.grant.recipient_account_id);
    return {ids.begin(), ids.end()};
}

std::string id_text(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

Json key_json(const repositories::MemberKeyRow& k) {
    return Json{{"key_id", k.key_id}, {"public_keys", fc::to_json(k.member.keys)},
                {"created_at", japan_iso8601(k.created_at)}};
}

} // namespace

SpaceState space_state(db::Tx& tx, std::int64_t patient_id, bool locked) {
    SpaceState s;
    s.space_id = patient_id;
    s.locked = locked;
    s.current_epoch = repositories::current_epoch(tx, patient_id);
    std::vector<std::int64_t> ids;
    for (auto& row : repositories::space_members(tx, patient_id, japan_today())) {
        ids.push_back(row.account_id);
        s.members.push_back(SpaceMember{std::move(row), std::nullopt, {}});
    }
    std::stable_sort(s.members.begin(), s.members.end(),
                     [](const SpaceMember& a, const SpaceMember& b) { return a.row.current && !b.row.current; });
    for (auto& k : repositories::member_key_history(tx, ids)) {
        auto m = std::find_if(s.members.begin(), s.members.end(),
                              [&](const SpaceMember& x) { return x.row.account_id == k.member.account_id; });
        if (k.retired_at) m->earlier_keys.push_back(std::move(k));
        else m->keys = std::move(k);
    }
    if (s.current_epoch > 0) {
        for (auto holder : repositories::epoch_holders(tx, patient_id, s.current_epoch)) {
            auto m = std::find_if(s.members.begin(), s.members.end(),
                                  [&](const SpaceMember& x) { return x.row.account_id == holder; });
            if (m == s.members.end() || !m->row.current) s.needs_rotation = true;
        }
    }
    return s;
}

Json to_json(const SpaceState& s) {
    Json members = Json::array();
    for (const auto& m : s.members) {
        Json j = {{"account_id", m.row.account_id}, {"name", m.row.name}, {"kind", m.row.kind},
                  {"current", m.row.current}, {"keys", m.keys ? key_json(*m.keys) : Json(nullptr)},
                  {"epochs", m.row.epochs}};
        if (m.row.kind == "staff") j["profession"] = m.row.profession;
        else j["relation"] = m.row.relation;
        Json earlier = Json::array();
        for (const auto& k : m.earlier_keys) earlier.push_back(key_json(k));
        j["earlier_keys"] = std::move(earlier);
        members.push_back(std::move(j));
    }
    return Json{{"space", {{"space_id", s.space_id}, {"current_epoch", s.current_epoch},
                           {"needs_rotation", s.needs_rotation}, {"locked", s.locked}}},
                {"members", std::move(members)}};
}

Result<std::vector<fc::SealedEpochKey>> own_grants(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id) {
    auto keys = repositories::current_member_keys(tx, account_id);
    if (!keys) return no_keys();
    return repositories::grants_for(tx, patient_id, keys->key_id);
}

Result<StartedEpoch> start_epoch(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id, const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"epoch", "grants"}); !known) return known.error();
    auto wanted = json::get_int(body, "epoch");
    if (!wanted) return wanted.error();
    repositories::lock_family_space(tx, patient_id);
    auto sealer = repositories::current_member_keys(tx, account_id);
    if (!sealer) return no_keys();
    const SpaceState state = space_state(tx, patient_id, false);
    const std::int64_t next = static_cast<std::int64_t>(state.current_epoch) + 1;
    if (*wanted != next)
        return Error{ErrorCode::Conflict,
                     "the family space is at epoch " + std::to_string(state.current_epoch) + ": the next epoch is " +
                         std::to_string(next),
                     "epoch"};
    const auto epoch = static_cast<fc::Epoch>(next);
    auto grants = read_grants(body, patient_id, *sealer, state, epoch);
    if (!grants) return grants.error();
    const auto recipients = recipients_of(*grants);
    std::vector<std::int64_t> missing;
    for (const auto& [id, member] : keyed_members(state))
        if (!std::binary_search(recipients.begin(), recipients.end(), id)) missing.push_back(id);
    if (!missing.empty())
        return Error{ErrorCode::Conflict,
                     "the new epoch's key must be sealed to every current member with keys; missing: " + id_text(missing),
                     "grants"};
    repositories::insert_epoch(tx, patient_id, epoch, account_id);
    for (const auto& g : *grants) repositories::insert_grant(tx, g.grant, g.recipient_key_id);
    return StartedEpoch{epoch, recipients};
}

Result<SharedKeys> share_epoch_keys(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id, const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"grants"}); !known) return known.error();
    repositories::lock_family_space(tx, patient_id);
    auto sharer = repositories::current_member_keys(tx, account_id);
    if (!sharer) return no_keys();
    const SpaceState state = space_state(tx, patient_id, false);
    auto grants = read_grants(body, patient_id, *sharer, state, std::nullopt);
    if (!grants) return grants.error();
    for (std::size_t i = 0; i < grants->size(); ++i) {
        const fc::Epoch epoch = (*grants)[i].grant.epoch;
        const std::string where = "grants[" + std::to_string(i) + "].epoch";
        if (!repositories::epoch_exists(tx, patient_id, epoch))
            return Error::invalid(where, "the family space has no epoch " + std::to_string(epoch));
        if (!repositories::holds_grant(tx, patient_id, epoch, sharer->key_id))
            return Error{ErrorCode::Conflict, "you hold no key of epoch " + std::to_string(epoch) + " to share", where};
    }
    SharedKeys out;
    for (const auto& g : *grants) {
        if (repositories::insert_grant(tx, g.grant, g.recipient_key_id)) ++out.stored;
        else ++out.already_held;
    }
    out.recipients = recipients_of(*grants);
    return out;
}

Result<PostedMemo> post_memo(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id, const Json& body,
                             std::int64_t now_ms) {
    auto envelope = fc::memo_envelope_from_json(body);
    if (!envelope) return envelope.error();
    const auto& h = envelope->header;
    if (h.space_id != patient_id)
        return Error::invalid("space_id", "the memo names another family space than this patient's");
    if (h.author_account_id != account_id)
        return Error::invalid("author_account_id", "a memo is posted by its author");
    if (h.time_ms > now_ms + family_memo_max_future_ms || h.time_ms < now_ms - family_memo_max_past_ms)
        return Error::invalid("time_ms", "the memo's time is far from the server's clock: check the device's clock");
    repositories::lock_family_space(tx, patient_id);
    auto author = repositories::current_member_keys(tx, account_id);
    if (!author) return no_keys();
    if (!fc::verify_memo_signature(*envelope, author->member.keys.sign))
        return Error::invalid("signature", "the memo is not signed with your current key");
    const SpaceState state = space_state(tx, patient_id, false);
    if (state.current_epoch == 0)
        return Error{ErrorCode::Conflict, "the family space has no key yet: start its first epoch", "epoch"};
    if (h.epoch != state.current_epoch)
        return Error{ErrorCode::Conflict,
                     "the memo is under epoch " + std::to_string(h.epoch) + ", the space is at epoch " +
                         std::to_string(state.current_epoch) + ": reload the space's keys",
                     "epoch"};
    if (state.needs_rotation)
        return Error{ErrorCode::Conflict,
                     "a member has left the family space: a new epoch must be started before the next memo",
                     "epoch"};
    if (!repositories::holds_grant(tx, patient_id, h.epoch, author->key_id))
        return Error{ErrorCode::Conflict, "you hold no key of epoch " + std::to_string(h.epoch), "epoch"};
    if (repositories::memo_id_taken(tx, patient_id, h.memo_id))
        return Error{ErrorCode::Conflict, "a memo with this id is already in the family space", "memo_id"};
    const std::int64_t seq = repositories::insert_memo(tx, *envelope, author->key_id);
    // Announced on the event stream (GET /api/v1/events) to the space's members: ids only.
    repositories::insert_events(tx, {{.type = std::string(family_memo_event), .patient_id = patient_id,
                                      .account_id = std::nullopt,
                                      .data = {{"type", family_memo_event}, {"patient_id", patient_id},
                                               {"seq", seq}, {"memo_id", h.memo_id}}}});
    return PostedMemo{seq, h.memo_id, h.epoch, envelope->ciphertext.size()};
}

std::vector<repositories::FamilyMemoRow> memo_page(db::Tx& tx, std::int64_t patient_id,
                                                   std::optional<std::int64_t> before, int limit) {
    return repositories::list_memos(tx, patient_id, before, limit);
}

Json to_json(const repositories::FamilyMemoRow& m) {
    Json reactions = Json::array();
    for (const auto& [account, kind] : m.reactions) reactions.push_back(Json{{"account_id", account}, {"kind", kind}});
    return Json{{"seq", m.seq},
                {"envelope", fc::to_json(m.envelope)},
                {"author_key_id", m.author_key_id},
                {"received_at", japan_iso8601(m.received_at)},
                {"reactions", std::move(reactions)}};
}

Result<ReactionChange> set_reaction(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                    const std::string& memo_id, const std::string& kind, bool on) {
    if (auto ok = fc::check_client_id(memo_id, "memo_id"); !ok) return ok.error();
    if (kind != "seen" && kind != "thanks") return Error::invalid("kind", "kind must be \"seen\" or \"thanks\"");
    auto seq = repositories::memo_seq(tx, patient_id, memo_id);
    if (!seq) return Error::make(ErrorCode::NotFound, "no such memo in this family space");
    const bool changed = on ? repositories::add_reaction(tx, *seq, account_id, kind)
                            : repositories::remove_reaction(tx, *seq, account_id, kind);
    return ReactionChange{*seq, changed};
}

Result<fc::VerifiedFingerprint> record_verification(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                                    const Json& body) {
    auto record = fc::verified_fingerprint_from_json(body);
    if (!record) return record.error();
    if (record->verifier_account_id != account_id)
        return Error::invalid("verifier_account_id", "a verification is recorded by its verifier");
    auto verifier = repositories::current_member_keys(tx, account_id);
    if (!verifier) return no_keys();
    const SpaceState state = space_state(tx, patient_id, false);
    const auto members = keyed_members(state);
    auto subject = members.find(record->subject_account_id);
    if (subject == members.end() || record->subject_account_id == account_id)
        return Error::invalid("subject_account_id", "verify another current member of this family space with keys");
    switch (fc::verification_status(*record, verifier->member, subject->second->keys->member)) {
    case fc::KeyVerification::Verified:
        break;
    case fc::KeyVerification::KeyChanged:
        return Error::invalid("fingerprint", "the fingerprint is not that of the member's current keys");
    default:
        return Error::invalid("signature", "the record is not signed with your current key");
    }
    repositories::put_verification(tx, *record);
    return *record;
}

std::vector<fc::VerifiedFingerprint> own_verifications(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id) {
    std::vector<std::int64_t> ids;
    for (const auto& m : repositories::space_members(tx, patient_id, japan_today())) ids.push_back(m.account_id);
    return repositories::verifications_by(tx, account_id, ids);
}

} // namespace mimamori::services
