#include "mimamori/common/family_crypto/memo.hpp"

#include "canonical.hpp"
#include "json_fields.hpp"
#include "mimamori/common/crypto.hpp"

namespace mimamori::family_crypto {
namespace {

constexpr std::string_view memo_tag = "mimamori.family.memo.v1";

// Appends ad || nonce || ciphertext, the message the author signs; returns the length of ad.
std::size_t build_signed_message(Bytes& out, const MemoEnvelope& e) {
    out.clear();
    detail::append_memo_ad(out, e.header);
    const std::size_t ad_size = out.size();
    out.insert(out.end(), e.nonce.begin(), e.nonce.end());
    out.insert(out.end(), e.ciphertext.begin(), e.ciphertext.end());
    return ad_size;
}

bool plausible(const MemoEnvelope& e) {
    return is_valid_client_id(e.header.memo_id) && e.ciphertext.size() >= memo_overhead &&
           e.ciphertext.size() <= max_memo_plaintext + memo_overhead;
}

} // namespace

void detail::append_memo_ad(Bytes& out, const MemoHeader& h) {
    CanonicalWriter(out)
        .text(memo_tag)
        .i64(h.space_id)
        .u32(h.epoch)
        .text(h.memo_id)
        .i64(h.author_account_id)
        .i64(h.time_ms);
}

Result<MemoEnvelope> detail::seal_memo_with_nonce(const EpochKey& key, const MemberIdentity& author,
                                                  std::string_view memo_id, std::int64_t time_ms, ByteView plaintext,
                                                  const Nonce& nonce) {
    if (auto st = check_client_id(memo_id, "memo_id"); !st) return st.error();
    if (auto st = check_account_id(author.account_id, "author_account_id"); !st) return st.error();
    if (auto st = check_space_id(key.space_id, "space_id"); !st) return st.error();
    if (auto st = check_epoch(key.epoch, "epoch"); !st) return st.error();
    if (plaintext.size() > max_memo_plaintext)
        return Error{ErrorCode::PayloadTooLarge, "a memo holds at most " + std::to_string(max_memo_plaintext / 1024) + " KiB",
                     "plaintext"};
    MemoEnvelope e{MemoHeader{key.space_id, key.epoch, std::string(memo_id), author.account_id, time_ms}, nonce, {}, {}};
    e.ciphertext.resize(plaintext.size() + memo_overhead);
    Bytes ad;
    append_memo_ad(ad, e.header);
    crypto_aead_xchacha20poly1305_ietf_encrypt(e.ciphertext.data(), nullptr, plaintext.data(), plaintext.size(),
                                               ad.data(), ad.size(), nullptr, e.nonce.data(), key.secret.data());
    Bytes message;
    build_signed_message(message, e);
    crypto_sign_detached(e.signature.data(), nullptr, message.data(), message.size(), author.keys.sign_secret.data());
    return e;
}

Result<MemoEnvelope> seal_memo(const EpochKey& key, const MemberIdentity& author, std::string_view memo_id,
                               std::int64_t time_ms, ByteView plaintext) {
    Nonce nonce{};
    crypto::random_bytes(nonce);
    return detail::seal_memo_with_nonce(key, author, memo_id, time_ms, plaintext, nonce);
}

bool verify_memo_signature(const MemoEnvelope& envelope, const SignPublicKey& author) {
    Bytes message;
    build_signed_message(message, envelope);
    return crypto_sign_verify_detached(envelope.signature.data(), message.data(), message.size(), author.bytes.data()) == 0;
}

std::string_view to_string(MemoStatus status) {
    switch (status) {
    case MemoStatus::Ok: return "ok";
    case MemoStatus::Malformed: return "malformed";
    case MemoStatus::WrongSpace: return "wrong_space";
    case MemoStatus::UnknownEpoch: return "unknown_epoch";
    case MemoStatus::UnknownAuthor: return "unknown_author";
    case MemoStatus::AuthenticationFailed: return "authentication_failed";
    case MemoStatus::BadSignature: return "bad_signature";
    }
    return "malformed";
}

MemoOpener::MemoOpener(const EpochKeyring& keyring, const MemberDirectory& directory)
    : m_keyring(keyring), m_directory(directory) {}

MemoStatus MemoOpener::open_into(const MemoEnvelope& e, Bytes& plaintext) {
    plaintext.clear();
    if (!plausible(e)) return MemoStatus::Malformed;
    if (e.header.space_id != m_keyring.space_id()) return MemoStatus::WrongSpace;
    const EpochKey* key = m_keyring.find(e.header.epoch);
    if (key == nullptr) return MemoStatus::UnknownEpoch;
    const MemberPublicKeys* author = m_directory.find(e.header.author_account_id);
    if (author == nullptr) return MemoStatus::UnknownAuthor;

    const std::size_t ad_size = build_signed_message(m_signed, e);
    plaintext.resize(e.ciphertext.size() - memo_overhead);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plaintext.data(), nullptr, nullptr, e.ciphertext.data(),
                                                   e.ciphertext.size(), m_signed.data(), ad_size, e.nonce.data(),
                                                   key->secret.data()) != 0) {
        plaintext.clear(); // libsodium wrote nothing: it checks the tag before decrypting
        return MemoStatus::AuthenticationFailed;
    }
    if (crypto_sign_verify_detached(e.signature.data(), m_signed.data(), m_signed.size(), author->sign.bytes.data()) != 0) {
        wipe(plaintext);
        plaintext.clear();
        return MemoStatus::BadSignature;
    }
    return MemoStatus::Ok;
}

MemoOpenResult MemoOpener::open(const MemoEnvelope& envelope) {
    OpenedMemo memo{envelope.header, {}};
    const MemoStatus status = open_into(envelope, memo.plaintext);
    if (status != MemoStatus::Ok) return status;
    return memo;
}

MemoOpenResult MemoOpener::open_json(const Json& envelope_json) {
    auto envelope = memo_envelope_from_json(envelope_json);
    if (!envelope) return MemoStatus::Malformed;
    return open(*envelope);
}

Json to_json(const MemoEnvelope& e) {
    return Json{{"version", format_version},
                {"space_id", e.header.space_id},
                {"epoch", e.header.epoch},
                {"memo_id", e.header.memo_id},
                {"author_account_id", e.header.author_account_id},
                {"time_ms", e.header.time_ms},
                {"nonce", detail::b64(e.nonce)},
                {"ciphertext", detail::b64(e.ciphertext)},
                {"signature", detail::b64(e.signature)}};
}

Result<MemoEnvelope> memo_envelope_from_json(const Json& value) {
    if (auto st = detail::check_object(value, "memo",
                                       {"version", "space_id", "epoch", "memo_id", "author_account_id", "time_ms",
                                        "nonce", "ciphertext", "signature"});
        !st)
        return st.error();
    detail::FieldReader r(value);
    MemoEnvelope e{MemoHeader{r.space_id("space_id"), r.epoch("epoch"), r.client_id("memo_id"),
                              r.account_id("author_account_id"), r.integer("time_ms")},
                   {}, {}, {}};
    r.exact("nonce", e.nonce);
    e.ciphertext = r.bytes("ciphertext", max_memo_plaintext + memo_overhead);
    if (r.ok() && e.ciphertext.size() < memo_overhead) r.keep(Error::invalid("ciphertext", "ciphertext is too short"));
    r.exact("signature", e.signature);
    if (!r.ok()) return r.error();
    return e;
}

} // namespace mimamori::family_crypto
