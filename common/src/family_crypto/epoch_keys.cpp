#include "mimamori/common/family_crypto/epoch_keys.hpp"

#include <algorithm>

#include "canonical.hpp"
#include "json_fields.hpp"
#include "mimamori/common/crypto.hpp"

namespace mimamori::family_crypto {
namespace {

constexpr std::string_view key_tag = "mimamori.family.epoch-key.v1";
constexpr std::string_view grant_tag = "mimamori.family.epoch-key-grant.v1";
static_assert(epoch_key_plaintext_size == detail::field_size(key_tag.size()) + detail::field_size(8) +
                                              detail::field_size(4) + detail::field_size(8) +
                                              detail::field_size(EpochSecret::size));

Bytes grant_message(const SealedEpochKey& g) {
    Bytes m;
    detail::CanonicalWriter(m)
        .text(grant_tag)
        .i64(g.space_id)
        .u32(g.epoch)
        .i64(g.recipient_account_id)
        .i64(g.sealer_account_id)
        .bytes(g.sealed);
    return m;
}

Error refused(std::string field, std::string message) { return Error::invalid(std::move(field), std::move(message)); }

} // namespace

EpochKey new_epoch_key(SpaceId space_id, Epoch epoch) {
    return EpochKey{space_id, epoch, EpochSecret::random()};
}

Status EpochKeyring::add(EpochKey key) {
    if (key.space_id != m_space_id) return refused("space_id", "this key belongs to another family space");
    if (auto st = check_epoch(key.epoch, "epoch"); !st) return st;
    const auto at = std::lower_bound(m_keys.begin(), m_keys.end(), key.epoch,
                                     [](const EpochKey& k, Epoch e) { return k.epoch < e; });
    if (at != m_keys.end() && at->epoch == key.epoch) {
        if (at->secret.equals(key.secret)) return {};
        return Error::make(ErrorCode::Conflict, "two different keys for epoch " + std::to_string(key.epoch));
    }
    m_keys.insert(at, std::move(key));
    return {};
}

const EpochKey* EpochKeyring::find(Epoch epoch) const {
    for (const EpochKey& k : m_keys)
        if (k.epoch == epoch) return &k;
    return nullptr;
}

const EpochKey* EpochKeyring::current() const { return m_keys.empty() ? nullptr : &m_keys.back(); }

EpochKey EpochKeyring::next_epoch_key() const {
    return new_epoch_key(m_space_id, m_keys.empty() ? 1 : m_keys.back().epoch + 1);
}

void sign_epoch_key_grant(SealedEpochKey& grant, const SignSecretKey& sealer) {
    const Bytes m = grant_message(grant);
    crypto_sign_detached(grant.signature.data(), nullptr, m.data(), m.size(), sealer.data());
}

bool verify_epoch_key_signature(const SealedEpochKey& grant, const SignPublicKey& sealer) {
    const Bytes m = grant_message(grant);
    return crypto_sign_verify_detached(grant.signature.data(), m.data(), m.size(), sealer.bytes.data()) == 0;
}

Result<SealedEpochKey> seal_epoch_key(const EpochKey& key, const Member& recipient, const MemberIdentity& sealer) {
    if (auto st = check_space_id(key.space_id, "space_id"); !st) return st.error();
    if (auto st = check_epoch(key.epoch, "epoch"); !st) return st.error();
    if (auto st = check_account_id(recipient.account_id, "recipient_account_id"); !st) return st.error();
    if (auto st = check_account_id(sealer.account_id, "sealer_account_id"); !st) return st.error();
    crypto::init();

    // The plaintext holds the key: reserved at its exact size so it is never reallocated, and wiped.
    Bytes plaintext;
    plaintext.reserve(epoch_key_plaintext_size);
    detail::CanonicalWriter(plaintext)
        .text(key_tag)
        .i64(key.space_id)
        .u32(key.epoch)
        .i64(recipient.account_id)
        .bytes(key.secret.bytes());
    SealedEpochKey grant{key.space_id, key.epoch, recipient.account_id, sealer.account_id, {}, {}};
    const int sealed = crypto_box_seal(grant.sealed.data(), plaintext.data(), plaintext.size(),
                                       recipient.keys.box.bytes.data());
    wipe(plaintext);
    if (sealed != 0) return refused("x25519", "the recipient's public key cannot be used");
    sign_epoch_key_grant(grant, sealer.keys.sign_secret);
    return grant;
}

Result<std::vector<SealedEpochKey>> seal_epoch_key_to_members(const EpochKey& key, std::span<const Member> members,
                                                              const MemberIdentity& sealer) {
    std::vector<SealedEpochKey> grants;
    grants.reserve(members.size());
    for (const Member& m : members) {
        auto grant = seal_epoch_key(key, m, sealer);
        if (!grant) return grant.error();
        grants.push_back(*grant);
    }
    return grants;
}

Result<std::vector<SealedEpochKey>> reshare_epoch_keys(const EpochKeyring& opened, const Member& recipient,
                                                       const MemberIdentity& sharer) {
    std::vector<SealedEpochKey> grants;
    grants.reserve(opened.keys().size());
    for (const EpochKey& key : opened.keys()) {
        auto grant = seal_epoch_key(key, recipient, sharer);
        if (!grant) return grant.error();
        grants.push_back(*grant);
    }
    return grants;
}

Result<EpochKey> open_epoch_key(const SealedEpochKey& grant, SpaceId expected_space_id, const MemberIdentity& recipient,
                                const MemberDirectory& directory) {
    if (grant.space_id != expected_space_id) return refused("space_id", "this key belongs to another family space");
    if (grant.recipient_account_id != recipient.account_id)
        return refused("recipient_account_id", "this key was sealed for another member");
    const MemberPublicKeys* sealer = directory.find(grant.sealer_account_id);
    if (sealer == nullptr) return refused("sealer_account_id", "the key was sealed by someone who is not a member");
    if (!verify_epoch_key_signature(grant, sealer->sign))
        return refused("signature", "the key's signature does not match its sealer");

    SecretBuffer plaintext(epoch_key_plaintext_size);
    if (crypto_box_seal_open(plaintext.data(), grant.sealed.data(), grant.sealed.size(),
                             recipient.keys.public_keys.box.bytes.data(), recipient.keys.box_secret.data()) != 0)
        return refused("sealed_key", "the key cannot be opened with your keys");

    detail::CanonicalReader in(plaintext.view());
    const auto tag = in.bytes();
    const auto space = in.i64();
    const auto epoch = in.u32();
    const auto account = in.i64();
    const auto secret = in.bytes();
    if (!tag || !std::equal(tag->begin(), tag->end(), key_tag.begin(), key_tag.end()) || !space || !epoch ||
        !account || !secret || !in.at_end())
        return refused("sealed_key", "the sealed key is malformed");
    // The record's fields are what the server says; the sealed ones are what the sealer sealed.
    if (*space != grant.space_id) return refused("space_id", "the sealed key belongs to another family space");
    if (*epoch != grant.epoch) return refused("epoch", "the sealed key belongs to another epoch");
    if (*account != grant.recipient_account_id)
        return refused("recipient_account_id", "the sealed key was sealed for another member");
    auto key = EpochSecret::from_bytes(*secret, "sealed_key");
    if (!key) return key.error();
    return EpochKey{grant.space_id, grant.epoch, std::move(key).value()};
}

Json to_json(const SealedEpochKey& grant) {
    return Json{{"version", format_version},
                {"space_id", grant.space_id},
                {"epoch", grant.epoch},
                {"recipient_account_id", grant.recipient_account_id},
                {"sealer_account_id", grant.sealer_account_id},
                {"sealed_key", detail::b64(grant.sealed)},
                {"signature", detail::b64(grant.signature)}};
}

Result<SealedEpochKey> sealed_epoch_key_from_json(const Json& value) {
    if (auto st = detail::check_object(value, "sealed_epoch_key",
                                       {"version", "space_id", "epoch", "recipient_account_id", "sealer_account_id",
                                        "sealed_key", "signature"});
        !st)
        return st.error();
    detail::FieldReader r(value);
    SealedEpochKey grant{r.space_id("space_id"), r.epoch("epoch"), r.account_id("recipient_account_id"),
                         r.account_id("sealer_account_id"), {}, {}};
    r.exact("sealed_key", grant.sealed);
    r.exact("signature", grant.signature);
    if (!r.ok()) return r.error();
    return grant;
}

} // namespace mimamori::family_crypto
