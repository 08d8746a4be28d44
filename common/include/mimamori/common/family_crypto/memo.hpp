#pragma once
// Family memos, end to end (DESIGN.md §5): the envelope the browser makes and the server stores
// and relays without being able to read, alter, move or forge it.
//
//   ad         = "mimamori.family.memo.v1", space_id (i64), epoch (u32), memo_id (its ASCII
//                bytes), author_account_id (i64), time_ms (i64)
//                each field a 4-byte big-endian length and its bytes (types.hpp)
//   ciphertext = XChaCha20-Poly1305(epoch key, nonce, ad, plaintext)   (plaintext + 16 bytes)
//   signature  = Ed25519(author's key, ad || nonce || ciphertext)
//
// What each part stops:
//   - the epoch key (held by the space's members only): the server cannot read a memo;
//   - the AEAD over ad: nobody without the key can alter the text, and nobody can move a memo to
//     another space, epoch or memo id, or change its author or time, without the AEAD failing;
//   - the signature: a member holds the epoch key and could write a memo claiming another author;
//     the author's Ed25519 key proves who wrote it. The signature covers ad (length-prefixed,
//     so self-delimiting), the fixed-size nonce and the ciphertext: an unambiguous message.
//
// Opening checks, in order, and the status each failure gives (never any text):
//   WrongSpace           the envelope names another space than the one being read (replay)
//   UnknownEpoch         no key held for its epoch (e.g. a member removed before that epoch)
//   UnknownAuthor        the author is not in the member directory
//   AuthenticationFailed the AEAD fails: ciphertext, nonce, space, epoch, memo id, author or time
//                        altered, or encrypted under another key
//   BadSignature         the AEAD holds but the author's signature does not: written or altered
//                        by another member, or the signature altered
//   Malformed            cannot be parsed (opening JSON) or is structurally impossible
// The app shows every failure as 「確認できないメモ」 ("cannot be verified"), never as text.
// The server still sees the envelope's space, epoch, author, time and size (DESIGN.md §5).
// Replays within the same space (the same memo twice) are the app's to drop, by memo id.
//
// JSON, what POST /api/v1/patients/{id}/family/memos carries and the list returns (base64url
// unpadded):
//   {"version": 1, "space_id": 7, "epoch": 2, "memo_id": "<client id>", "author_account_id": 42,
//    "time_ms": 1795649487123, "nonce": "<24 bytes>", "ciphertext": "<plaintext + 16 bytes>",
//    "signature": "<64 bytes>"}
// time_ms is the author's clock in milliseconds since 1970-01-01T00:00Z (JavaScript's Date.now());
// the server may refuse a time far from its own.

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>

#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/member_keys.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto {

inline constexpr std::size_t max_memo_plaintext = 64 * 1024;
inline constexpr std::size_t memo_overhead = crypto_aead_xchacha20poly1305_ietf_ABYTES; // 16

// What a memo says about itself, all of it authenticated.
struct MemoHeader {
    SpaceId space_id = 0;
    Epoch epoch = 0;
    std::string memo_id; // client id (types.hpp), chosen by the author's app
    AccountId author_account_id = 0;
    std::int64_t time_ms = 0;
    friend bool operator==(const MemoHeader&, const MemoHeader&) = default;
};

struct MemoEnvelope {
    MemoHeader header;
    Nonce nonce{};
    Bytes ciphertext;
    Signature signature{};
    friend bool operator==(const MemoEnvelope&, const MemoEnvelope&) = default;
};

// Encrypts and signs `plaintext` (at most max_memo_plaintext bytes) as `author` under `key`; the
// space and epoch come from the key. Errors: InvalidInput for a bad memo id, author id or size.
Result<MemoEnvelope> seal_memo(const EpochKey& key, const MemberIdentity& author, std::string_view memo_id,
                               std::int64_t time_ms, ByteView plaintext);

// The author's signature alone: what the server can check at POST (it has the public keys, not
// the epoch key) to refuse a memo not signed by the signed-in author.
bool verify_memo_signature(const MemoEnvelope& envelope, const SignPublicKey& author);

enum class MemoStatus : std::uint8_t {
    Ok,
    Malformed,
    WrongSpace,
    UnknownEpoch,
    UnknownAuthor,
    AuthenticationFailed,
    BadSignature,
};
// "ok", "malformed", "wrong_space", "unknown_epoch", "unknown_author", "authentication_failed",
// "bad_signature": stable names for logs and tests.
std::string_view to_string(MemoStatus status);

struct OpenedMemo {
    MemoHeader header; // authenticated: show these, not the server's copy
    Bytes plaintext;
};

// An opened memo, or why it could not be opened.
class [[nodiscard]] MemoOpenResult {
public:
    MemoOpenResult(OpenedMemo memo) : m_status(MemoStatus::Ok), m_memo(std::move(memo)) {} // NOLINT: implicit
    MemoOpenResult(MemoStatus failure) : m_status(failure) { assert(failure != MemoStatus::Ok); } // NOLINT

    bool ok() const { return m_status == MemoStatus::Ok; }
    MemoStatus status() const { return m_status; }
    const OpenedMemo& value() const& { assert(ok()); return m_memo; }
    OpenedMemo&& value() && { assert(ok()); return std::move(m_memo); }

private:
    MemoStatus m_status;
    OpenedMemo m_memo;
};

// Opens the memos of one space with the keys the member holds. Meant to be kept for a whole
// timeline: it reuses one scratch buffer for the signed message, so opening 1,000 memos costs
// one Ed25519 verification and one AEAD decryption each and no allocation beyond the plaintexts.
// The keyring and directory are referenced, not copied: they must outlive the opener. Not
// thread-safe.
class MemoOpener {
public:
    MemoOpener(const EpochKeyring& keyring, const MemberDirectory& directory);

    // Opens into `plaintext` (resized; its capacity is reused across calls). On failure
    // `plaintext` is left empty (wiped first if anything had been decrypted).
    MemoStatus open_into(const MemoEnvelope& envelope, Bytes& plaintext);

    MemoOpenResult open(const MemoEnvelope& envelope);
    // Parses the API's JSON first; a shape that does not parse is Malformed.
    MemoOpenResult open_json(const Json& envelope_json);

private:
    const EpochKeyring& m_keyring;
    const MemberDirectory& m_directory;
    Bytes m_signed; // ad || nonce || ciphertext, reused
};

Json to_json(const MemoEnvelope& envelope);
// Strict: every field present with the right type and size, nothing else; the ciphertext at least
// 16 and at most max_memo_plaintext + 16 bytes.
Result<MemoEnvelope> memo_envelope_from_json(const Json& value);

namespace detail {
// seal_memo() with the nonce given, for reproducible test vectors. Never reuse a nonce.
Result<MemoEnvelope> seal_memo_with_nonce(const EpochKey& key, const MemberIdentity& author, std::string_view memo_id,
                                          std::int64_t time_ms, ByteView plaintext, const Nonce& nonce);
// The canonical associated data of a header, appended to `out`.
void append_memo_ad(Bytes& out, const MemoHeader& header);
} // namespace detail

} // namespace mimamori::family_crypto
