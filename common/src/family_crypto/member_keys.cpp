#include "mimamori/common/family_crypto/member_keys.hpp"

#include <algorithm>

#include "json_fields.hpp"
#include "mimamori/common/crypto.hpp"

namespace mimamori::family_crypto {
namespace {

constexpr char kdf_context[crypto_kdf_CONTEXTBYTES + 1] = "mmmember";
constexpr std::uint64_t box_subkey = 1;
constexpr std::uint64_t sign_subkey = 2;

using SubSeed = Secret<32, struct SubSeedTag>;

SubSeed derive(const MemberSeed& seed, std::uint64_t subkey) {
    static_assert(crypto_kdf_KEYBYTES == MemberSeed::size);
    SubSeed out;
    crypto_kdf_derive_from_key(out.writable().data(), out.size, subkey, kdf_context, seed.data());
    return out;
}

} // namespace

MemberKeyPair MemberKeyPair::clone() const {
    return MemberKeyPair{public_keys, seed.clone(), box_secret.clone(), sign_secret.clone()};
}

MemberKeyPair generate_member_keys() {
    crypto::init();
    return member_keys_from_seed(MemberSeed::random());
}

MemberKeyPair member_keys_from_seed(const MemberSeed& seed) {
    static_assert(crypto_box_SEEDBYTES == SubSeed::size && crypto_sign_SEEDBYTES == SubSeed::size);
    MemberKeyPair keys{{}, seed.clone(), {}, {}};
    const SubSeed box_seed = derive(seed, box_subkey);
    const SubSeed sign_seed = derive(seed, sign_subkey);
    crypto_box_seed_keypair(keys.public_keys.box.bytes.data(), keys.box_secret.writable().data(), box_seed.data());
    crypto_sign_seed_keypair(keys.public_keys.sign.bytes.data(), keys.sign_secret.writable().data(), sign_seed.data());
    return keys;
}

Status check_public_keys(const MemberPublicKeys& keys) {
    // Multiplying by a clamped scalar (a multiple of the cofactor 8) sends every point of small
    // order to the identity, which crypto_scalarmult reports as an error.
    static constexpr std::array<std::uint8_t, crypto_scalarmult_SCALARBYTES> probe{9};
    std::array<std::uint8_t, crypto_scalarmult_BYTES> product{};
    if (crypto_scalarmult(product.data(), probe.data(), keys.box.bytes.data()) != 0)
        return Error::invalid("x25519", "x25519 is not a usable public key");
    // Converting to X25519 checks that the Ed25519 key decodes to a point of the main subgroup.
    std::array<std::uint8_t, crypto_box_PUBLICKEYBYTES> converted{};
    if (crypto_sign_ed25519_pk_to_curve25519(converted.data(), keys.sign.bytes.data()) != 0)
        return Error::invalid("ed25519", "ed25519 is not a usable public key");
    return {};
}

Json to_json(const MemberPublicKeys& keys) {
    return Json{{"version", format_version},
                {"x25519", detail::b64(keys.box.bytes)},
                {"ed25519", detail::b64(keys.sign.bytes)}};
}

Result<MemberPublicKeys> member_public_keys_from_json(const Json& value) {
    if (auto st = detail::check_object(value, "public_keys", {"version", "x25519", "ed25519"}); !st) return st.error();
    auto box = detail::get_public_key<BoxPublicKeyTag>(value, "x25519");
    if (!box) return box.error();
    auto sign = detail::get_public_key<SignPublicKeyTag>(value, "ed25519");
    if (!sign) return sign.error();
    MemberPublicKeys keys{*box, *sign};
    if (auto st = check_public_keys(keys); !st) return st.error();
    return keys;
}

Status MemberDirectory::add(const Member& member) {
    if (auto st = check_account_id(member.account_id, "account_id"); !st) return st;
    const auto at = std::lower_bound(m_members.begin(), m_members.end(), member.account_id,
                                     [](const Member& m, AccountId id) { return m.account_id < id; });
    if (at != m_members.end() && at->account_id == member.account_id) {
        if (at->keys == member.keys) return {};
        return Error::make(ErrorCode::Conflict, "account " + std::to_string(member.account_id) +
                                                    " is already listed with other keys");
    }
    m_members.insert(at, member);
    return {};
}

const MemberPublicKeys* MemberDirectory::find(AccountId account_id) const {
    const auto at = std::lower_bound(m_members.begin(), m_members.end(), account_id,
                                     [](const Member& m, AccountId id) { return m.account_id < id; });
    return at != m_members.end() && at->account_id == account_id ? &at->keys : nullptr;
}

} // namespace mimamori::family_crypto
