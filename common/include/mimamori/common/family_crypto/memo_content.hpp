#pragma once
// What a family memo says: the plaintext inside a memo envelope (memo.hpp), a small JSON object.
// The envelope is generic over bytes; this is the typed content the family space's screens use.
//
//   {"version": 1,
//    "text": "今日は食欲がありました",
//    "attachments": [{"file_id": "<client id>", "name": "photo.jpg", "media_type": "image/jpeg",
//                     "size": 183204, "key": "<32-byte file key, base64url>",
//                     "thumbnail": "<JPEG or WebP bytes, base64url>", "thumbnail_type": "image/jpeg"}],
//    "reaction": {"memo_id": "<client id>", "kind": "seen" | "thanks"},
//    "schedule": {"date": "2026-12-03", "time": "10:00", "what": "訪問看護"}}
//
// "attachments", "reaction" and "schedule" are optional; so are an attachment's "thumbnail" and
// "thumbnail_type" (both or neither): a small preview made in the browser, carried inside the
// encrypted memo so the timeline shows it without fetching the file. A memo with "schedule" is an
// entry the team shared (schedule.hpp); only a staff author's counts. A reaction (見ました, ありがとう) is a memo of its own
// that points at another memo. An attachment carries its file's key (file_stream.hpp) inside the
// encrypted, signed memo, so the author's signature also vouches for which file, and which key,
// belong to the memo; the file's ciphertext is stored by the server separately.
//
// Decoding ignores keys it does not know (a later app may add some without a new version, since
// the content is authenticated as a whole), but refuses a version other than 1, text that is not
// valid UTF-8 or holds control characters (bidi overrides included), and values out of range.
//
// File keys pass through the JSON library's memory here; the app's identity and epoch keys never
// do. Buffers this code owns are wiped; the library's transient copies cannot be.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/family_crypto/memo.hpp"
#include "mimamori/common/family_crypto/schedule.hpp"
#include "mimamori/common/family_crypto/secret.hpp"

namespace mimamori::family_crypto {

inline constexpr std::size_t max_memo_text_chars = 10000;
inline constexpr std::size_t max_memo_attachments = 20;
inline constexpr std::size_t max_attachment_name_chars = 255;
inline constexpr std::uint64_t max_attachment_size = 1ull << 40; // 1 TiB: any real file
inline constexpr std::size_t max_thumbnail_bytes = 32 * 1024;     // fits a memo (64 KiB) in base64

struct MemoAttachment {
    std::string file_id;    // client id (types.hpp) under which the encrypted file is stored
    std::string name;       // the file's name as shown ("photo.jpg"), one line of UTF-8
    std::string media_type; // "image/jpeg": type "/" subtype, printable ASCII
    std::uint64_t size = 0; // bytes of the plaintext file
    FileKey key;            // the file's secretstream key
    std::string thumbnail;      // a small preview's bytes (images), or ""
    std::string thumbnail_type; // "image/jpeg", "image/webp" or "image/png" when there is one

    MemoAttachment clone() const {
        return MemoAttachment{file_id, name, media_type, size, key.clone(), thumbnail, thumbnail_type};
    }
};

enum class ReactionKind : std::uint8_t {
    Seen,   // 見ました
    Thanks, // ありがとう
};
std::string_view to_string(ReactionKind kind); // "seen", "thanks"

struct MemoReaction {
    std::string memo_id; // the memo reacted to
    ReactionKind kind = ReactionKind::Seen;
    friend bool operator==(const MemoReaction&, const MemoReaction&) = default;
};

struct FamilyMemoContent {
    std::string text; // may be empty only when there are attachments or a reaction
    std::vector<MemoAttachment> attachments;
    std::optional<MemoReaction> reaction;
    std::optional<ScheduleEntry> schedule;
};

// The plaintext bytes of `content` after validation (InvalidInput naming the field). The result
// holds file keys: pass it to seal_memo and wipe it, or use seal_memo_content().
Result<Bytes> encode_memo_content(const FamilyMemoContent& content);

// The content of an opened memo's plaintext; InvalidInput naming the field when it is not well
// formed (the app shows such a memo as "cannot be displayed", like a failed verification).
Result<FamilyMemoContent> decode_memo_content(ByteView plaintext);

// encode_memo_content() then seal_memo(), wiping the plaintext.
Result<MemoEnvelope> seal_memo_content(const EpochKey& key, const MemberIdentity& author, std::string_view memo_id,
                                       std::int64_t time_ms, const FamilyMemoContent& content);

} // namespace mimamori::family_crypto
