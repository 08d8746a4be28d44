#pragma once
// Family space files (photos, audio, PDFs), end to end (DESIGN.md §5): encrypted in the browser
// piece by piece, so a large file is never held whole, and stored by the server as opaque bytes.
//
// Stream format (crypto_secretstream_xchacha20poly1305 under a random per-file key):
//     header (24 bytes) || chunk_1 || ... || chunk_n,    n >= 1
//     chunk_i = secretstream push of up to 64 KiB of plaintext (+17 bytes); every chunk but the
//               last holds exactly 64 KiB and TAG_MESSAGE; the last holds 0..64 KiB and TAG_FINAL
// An empty file is one empty final chunk; a file of exactly k * 64 KiB ends with a full final
// chunk. The stream's internal counter authenticates the order of chunks and TAG_FINAL its end,
// so reordered, dropped, altered or appended chunks and a stream cut short are all detected.
//
// Decrypting releases each chunk's plaintext once that chunk is authenticated, before the end is
// known: the app must treat a file as complete only when finish() succeeds, and discard it
// otherwise.
//
// The per-file key reaches readers in one of two ways, each binding it to its file:
//   - inside a memo's signed, encrypted content (memo_content.hpp, MemoAttachment::key);
//   - wrapped by the epoch key (WrappedFileKey), for files not carried by a memo:
//       ciphertext = XChaCha20-Poly1305(epoch key, nonce, ad, file key)     (48 bytes)
//       ad         = "mimamori.family.file-key.v1", space_id (i64), epoch (u32), file_id
//     JSON: {"version": 1, "space_id": 7, "epoch": 2, "file_id": "<client id>",
//            "nonce": "<24 bytes>", "wrapped_key": "<48 bytes>"}
// A file's ciphertext moved under another file id would be read with that file's key and fail.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/secret.hpp"
#include "mimamori/common/family_crypto/types.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::family_crypto {

inline constexpr std::size_t file_chunk_size = 64 * 1024;
inline constexpr std::size_t file_header_size = crypto_secretstream_xchacha20poly1305_HEADERBYTES; // 24
inline constexpr std::size_t file_chunk_overhead = crypto_secretstream_xchacha20poly1305_ABYTES;  // 17

// The length of the stream for a file of `plaintext_size` bytes (for upload sizes and progress).
std::uint64_t encrypted_file_size(std::uint64_t plaintext_size);

// Encrypts a file given in pieces of any size. Holds at most one chunk of plaintext (wiped).
class FileEncryptor {
public:
    explicit FileEncryptor(const FileKey& key);
    ~FileEncryptor();
    FileEncryptor(const FileEncryptor&) = delete;
    FileEncryptor& operator=(const FileEncryptor&) = delete;

    // Appends to `out` the header (first call) and every chunk that is complete and known not to be
    // the last. Conflict once finished.
    Status push(ByteView plaintext, Bytes& out);
    // Appends the header if not yet given and the final chunk. Conflict if called twice.
    Status finish(Bytes& out);
    // Whole pieces at once, for upload chunks that must end on a piece boundary: every piece of
    // `plaintext` is emitted now (with the header first, on the first call). Not `last`: the size
    // must be a non-zero multiple of file_chunk_size and the last piece is sent as TAG_MESSAGE;
    // `last`: any size, ending with the final piece, as finish(). Conflict after a push() that
    // left a partial piece, or once finished.
    Status push_pieces(ByteView plaintext, bool last, Bytes& out);

private:
    void emit(Bytes& out, std::uint8_t tag);

    crypto_secretstream_xchacha20poly1305_state m_state;
    std::array<std::uint8_t, file_header_size> m_header{};
    bool m_header_written = false;
    bool m_finished = false;
    Bytes m_pending; // capacity file_chunk_size, reserved once
};

// Decrypts a stream given in pieces of any size (as they arrive from the network). Any failure is
// final: later calls fail too.
class FileDecryptor {
public:
    explicit FileDecryptor(const FileKey& key);
    ~FileDecryptor();
    FileDecryptor(const FileDecryptor&) = delete;
    FileDecryptor& operator=(const FileDecryptor&) = delete;

    // Appends to `out` the plaintext of every complete chunk. InvalidInput when a chunk fails
    // authentication ("damaged or altered": tampered, reordered, another key) or bytes follow
    // the final chunk.
    Status push(ByteView ciphertext, Bytes& out);
    // Decrypts what is left as the last chunk. InvalidInput "incomplete" when the stream ends
    // without its final chunk (truncated), or as push().
    Status finish(Bytes& out);
    bool complete() const { return m_final_seen && !m_failed; }

private:
    Status pull(ByteView chunk, Bytes& out);
    Status fail(std::string message);

    FileKey m_key;
    crypto_secretstream_xchacha20poly1305_state m_state;
    std::array<std::uint8_t, file_header_size> m_header{};
    std::size_t m_header_filled = 0;
    bool m_final_seen = false;
    bool m_failed = false;
    Bytes m_pending; // capacity file_chunk_size + file_chunk_overhead, reserved once
};

// Whole-file helpers over the two classes.
Result<Bytes> encrypt_file(const FileKey& key, ByteView plaintext);
Result<Bytes> decrypt_file(const FileKey& key, ByteView ciphertext);

// The upload of a family file in tus chunks (the browser's upload queue). The stream above is cut
// into upload chunks on piece boundaries: every chunk but the last holds plain_chunk_size bytes of
// plaintext (a multiple of file_chunk_size), and chunk 0 also carries the stream's header at its
// start. So the bytes stored are exactly encrypt_file()'s format and decrypt with FileDecryptor.
//
// Resume: the stream's state moves forward with every piece and cannot be rewound, so chunks are
// encoded once, in order (0, 1, 2 ...); the caller keeps an encoded chunk until the server has
// acknowledged it (tus checksums make a PATCH all or nothing, so a resume restarts at a chunk
// boundary, either the kept chunk or the next one). A chunk asked for out of order is a Conflict.
// restart() begins a new stream (new header) for an upload the server lost, from chunk 0.
class FileUploadEncoder {
public:
    // InvalidInput unless plain_chunk_size is a non-zero multiple of file_chunk_size.
    static Result<FileUploadEncoder> make(const FileKey& key, std::uint64_t plain_chunk_size);
    FileUploadEncoder(FileUploadEncoder&&) noexcept = default;
    FileUploadEncoder& operator=(FileUploadEncoder&&) noexcept = default;

    // The plain chunk size nearest above `wanted`: a multiple of file_chunk_size, at least one.
    static std::uint64_t plain_chunk_size_for(std::uint64_t wanted);
    // The encoded length of chunk `index` holding `plain_size` bytes of plaintext.
    static std::uint64_t encoded_chunk_size(std::uint64_t index, std::uint64_t plain_size);

    std::uint64_t plain_chunk_size() const { return m_plain_chunk; }
    // Chunk `index` of the plain file; `last` for the final one (which may be shorter, or empty
    // only for an empty file). Conflict out of order or after the last chunk; InvalidInput for a
    // non-last chunk that is not plain_chunk_size() long, or a last one longer.
    Result<Bytes> encode(std::uint64_t index, ByteView plain, bool last);
    void restart();

private:
    FileUploadEncoder(const FileKey& key, std::uint64_t plain_chunk);
    FileKey m_key;
    std::uint64_t m_plain_chunk;
    std::uint64_t m_next = 0;
    bool m_done = false;
    std::unique_ptr<FileEncryptor> m_encryptor;
};

struct WrappedFileKey {
    SpaceId space_id = 0;
    Epoch epoch = 0;
    std::string file_id;
    Nonce nonce{};
    std::array<std::uint8_t, FileKey::size + crypto_aead_xchacha20poly1305_ietf_ABYTES> wrapped_key{};
    friend bool operator==(const WrappedFileKey&, const WrappedFileKey&) = default;
};

// Wraps `file_key` under the epoch key (space and epoch from `epoch_key`) for `file_id`.
Result<WrappedFileKey> wrap_file_key(const FileKey& file_key, const EpochKey& epoch_key, std::string_view file_id);
// The file key, with the epoch key from `keyring`. Errors name the field: "space_id" (another
// space), "epoch" (no key held for it), "wrapped_key" (altered, moved to another file id or epoch).
Result<FileKey> unwrap_file_key(const WrappedFileKey& wrapped, const EpochKeyring& keyring);

Json to_json(const WrappedFileKey& wrapped);
Result<WrappedFileKey> wrapped_file_key_from_json(const Json& value);

namespace detail {
Result<WrappedFileKey> wrap_file_key_with_nonce(const FileKey& file_key, const EpochKey& epoch_key,
                                                std::string_view file_id, const Nonce& nonce);
} // namespace detail

} // namespace mimamori::family_crypto
