#include "mimamori/common/family_crypto/key_wrap.hpp"

#include "canonical.hpp"
#include "json_fields.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/recovery_codes.hpp"

namespace mimamori::family_crypto {
namespace {

constexpr std::string_view wrap_tag = "mimamori.family.key-wrap.v1";
constexpr std::string_view kdf_alg = "argon2id13";

Bytes associated_data(const WrappedKeys& w) {
    Bytes ad;
    detail::CanonicalWriter(ad)
        .text(wrap_tag)
        .text(to_string(w.purpose))
        .i64(w.account_id)
        .bytes(w.public_keys.box.bytes)
        .bytes(w.public_keys.sign.bytes)
        .text(kdf_alg)
        .u64(w.kdf.opslimit)
        .u64(w.kdf.memlimit)
        .bytes(w.salt);
    return ad;
}

// The wrap key for `secret` (a password or a canonical recovery code).
Result<WrapKey> derive_wrap_key(std::string_view secret, const WrappedKeys& w) {
    if (auto st = check_kdf_params(w.kdf); !st) return st.error();
    crypto::init();
    WrapKey key;
    // crypto_pwhash wants a pointer even for an empty password.
    const char* password = secret.empty() ? "" : secret.data();
    if (crypto_pwhash(key.writable().data(), key.size, password, secret.size(), w.salt.data(), w.kdf.opslimit,
                      static_cast<std::size_t>(w.kdf.memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::make(ErrorCode::Unavailable, "not enough memory to unlock the keys; close other tabs and try again");
    return key;
}

Error wrong_secret(WrapPurpose purpose) {
    if (purpose == WrapPurpose::Recovery)
        return Error{ErrorCode::Unauthenticated, "wrong recovery code", "recovery_code"};
    return Error{ErrorCode::Unauthenticated, "wrong password", "password"};
}

Result<MemberIdentity> unwrap(const WrappedKeys& wrap, WrapPurpose purpose, std::string_view secret,
                              AccountId expected_account_id) {
    if (wrap.purpose != purpose)
        return Error::invalid("purpose", "this is the " + std::string(to_string(wrap.purpose)) + " wrap, not the " +
                                             std::string(to_string(purpose)) + " wrap");
    if (wrap.account_id != expected_account_id)
        return Error::make(ErrorCode::Forbidden, "these keys belong to another account");
    auto key = derive_wrap_key(secret, wrap);
    if (!key) return key.error();
    const Bytes ad = associated_data(wrap);
    MemberSeed seed;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(seed.writable().data(), nullptr, nullptr, wrap.ciphertext.data(),
                                                   wrap.ciphertext.size(), ad.data(), ad.size(), wrap.nonce.data(),
                                                   key->data()) != 0)
        return wrong_secret(purpose);
    MemberIdentity identity{wrap.account_id, member_keys_from_seed(seed)};
    // The AD authenticated the public keys the wrapping app recorded; they must be the seed's.
    if (identity.keys.public_keys != wrap.public_keys)
        return Error::invalid("public_keys", "the stored keys do not match their public keys");
    return identity;
}

} // namespace

KdfParams KdfParams::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

KdfParams KdfParams::for_tests() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

bool weaker_than(const KdfParams& params, const KdfParams& preset) {
    return params.opslimit < preset.opslimit || params.memlimit < preset.memlimit;
}

Status check_kdf_params(const KdfParams& params) {
    if (params.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || params.opslimit > max_opslimit ||
        params.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || params.memlimit > max_memlimit)
        return Error::invalid("kdf", "the key derivation parameters are out of range (opslimit 1.." +
                                         std::to_string(max_opslimit) + ", memlimit 8 KiB.." +
                                         std::to_string(max_memlimit >> 20) + " MiB)");
    return {};
}

std::string_view to_string(WrapPurpose purpose) {
    return purpose == WrapPurpose::Recovery ? "recovery" : "password";
}

Result<WrappedKeys> detail::wrap_member_keys(const MemberIdentity& member, WrapPurpose purpose, std::string_view secret,
                                             const KdfParams& params, const WrapRandomness& randomness) {
    if (auto st = check_account_id(member.account_id, "account_id"); !st) return st.error();
    WrappedKeys wrap;
    wrap.purpose = purpose;
    wrap.account_id = member.account_id;
    wrap.public_keys = member.keys.public_keys;
    wrap.kdf = params;
    wrap.salt = randomness.salt;
    wrap.nonce = randomness.nonce;
    auto key = derive_wrap_key(secret, wrap);
    if (!key) return key.error();
    const Bytes ad = associated_data(wrap);
    crypto_aead_xchacha20poly1305_ietf_encrypt(wrap.ciphertext.data(), nullptr, member.keys.seed.data(),
                                               member.keys.seed.size, ad.data(), ad.size(), nullptr, wrap.nonce.data(),
                                               key->data());
    return wrap;
}

namespace {
Result<WrappedKeys> wrap_fresh(const MemberIdentity& member, WrapPurpose purpose, std::string_view secret,
                               const KdfParams& params) {
    detail::WrapRandomness randomness;
    crypto::random_bytes(randomness.salt);
    crypto::random_bytes(randomness.nonce);
    return detail::wrap_member_keys(member, purpose, secret, params, randomness);
}
} // namespace

Result<WrappedKeys> wrap_member_keys(const MemberIdentity& member, std::string_view password, const KdfParams& params) {
    return wrap_fresh(member, WrapPurpose::Password, password, params);
}

Result<MemberIdentity> unwrap_member_keys(const WrappedKeys& wrap, std::string_view password, AccountId expected_account_id) {
    return unwrap(wrap, WrapPurpose::Password, password, expected_account_id);
}

Result<WrappedKeys> rewrap_member_keys(const WrappedKeys& wrap, std::string_view old_password,
                                       std::string_view new_password, const KdfParams& params) {
    auto identity = unwrap(wrap, WrapPurpose::Password, old_password, wrap.account_id);
    if (!identity) return identity.error();
    return wrap_fresh(*identity, WrapPurpose::Password, new_password, params);
}

std::string new_recovery_key_code() {
    std::string code = recovery::random_code(recovery_key_code_length);
    std::string shown = recovery::format(code);
    wipe(code);
    return shown;
}

Result<std::string> normalise_recovery_key_code(std::string_view typed) {
    return recovery::normalise(typed, recovery_key_code_length);
}

Result<WrappedKeys> wrap_member_keys_for_recovery(const MemberIdentity& member, std::string_view code,
                                                  const KdfParams& params) {
    auto canonical = normalise_recovery_key_code(code);
    if (!canonical) return canonical.error();
    auto wrap = wrap_fresh(member, WrapPurpose::Recovery, *canonical, params);
    wipe(*canonical);
    return wrap;
}

Result<MemberIdentity> recover_member_keys(const WrappedKeys& recovery_wrap, std::string_view code,
                                           AccountId expected_account_id) {
    auto canonical = normalise_recovery_key_code(code);
    if (!canonical) return canonical.error();
    auto identity = unwrap(recovery_wrap, WrapPurpose::Recovery, *canonical, expected_account_id);
    wipe(*canonical);
    return identity;
}

Json to_json(const WrappedKeys& wrap) {
    return Json{{"version", format_version},
                {"purpose", to_string(wrap.purpose)},
                {"account_id", wrap.account_id},
                {"public_keys", to_json(wrap.public_keys)},
                {"kdf", Json{{"alg", kdf_alg},
                             {"opslimit", wrap.kdf.opslimit},
                             {"memlimit", wrap.kdf.memlimit},
                             {"salt", detail::b64(wrap.salt)}}},
                {"nonce", detail::b64(wrap.nonce)},
                {"ciphertext", detail::b64(wrap.ciphertext)}};
}

Result<WrappedKeys> wrapped_keys_from_json(const Json& value) {
    if (auto st = detail::check_object(value, "wrapped_keys",
                                       {"version", "purpose", "account_id", "public_keys", "kdf", "nonce", "ciphertext"});
        !st)
        return st.error();
    WrappedKeys wrap;
    detail::FieldReader r(value);
    const std::string purpose = r.string("purpose");
    if (purpose == "recovery") wrap.purpose = WrapPurpose::Recovery;
    else if (purpose != "password" && r.ok()) r.keep(Error::invalid("purpose", "purpose must be \"password\" or \"recovery\""));
    wrap.account_id = r.account_id("account_id");
    if (!r.ok()) return r.error();
    auto keys = member_public_keys_from_json(detail::member(value, "public_keys"));
    if (!keys) return keys.error();
    wrap.public_keys = *keys;

    const Json& kdf = detail::member(value, "kdf");
    if (!kdf.is_object()) return Error::invalid("kdf", "kdf must be a JSON object");
    if (auto st = json::reject_unknown_keys(kdf, {"alg", "opslimit", "memlimit", "salt"}); !st) return st.error();
    detail::FieldReader k(kdf);
    if (k.string("alg") != kdf_alg && k.ok()) k.keep(Error::invalid("alg", "alg must be \"argon2id13\""));
    const std::int64_t ops = k.integer("opslimit");
    const std::int64_t mem = k.integer("memlimit");
    if (!k.ok()) return k.error();
    if (ops < 0 || mem < 0) return Error::invalid("kdf", "the key derivation parameters are out of range");
    wrap.kdf = {static_cast<std::uint64_t>(ops), static_cast<std::uint64_t>(mem)};
    if (auto st = check_kdf_params(wrap.kdf); !st) return st.error();
    k.exact("salt", wrap.salt);
    r.exact("nonce", wrap.nonce);
    r.exact("ciphertext", wrap.ciphertext);
    if (!k.ok()) return k.error();
    if (!r.ok()) return r.error();
    return wrap;
}

} // namespace mimamori::family_crypto
