#pragma once
// Files in the family space (issue 7 point 6, DESIGN.md §5): encrypted in this page before they
// leave, decrypted and verified here after they arrive. The server stores an ordinary tus upload
// marked {"space": "family"} whose bytes are a crypto_secretstream_xchacha20poly1305 stream under
// a random per-file key (common/family_crypto/file_stream.hpp); it gets no name and no type. The
// name, the type, the size, the key and -- for photos -- a small thumbnail made in this page go
// inside the family memo that shares the file, itself encrypted under the space's epoch key and
// signed by its writer, which names the upload by its id.
//
//   composer: queue.set_encoder_factory(family::file_encoder_factory());
//             on send: family::attachments_of(queue) -> FamilyMemoContent::attachments
//   timeline: family::FileFetch to download + decrypt a memo's file (a photo's full view).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "async.hpp"
#include "files/attachments.hpp"
#include "mimamori/common/family_crypto/memo_content.hpp"

namespace mimamori::web::family {

namespace fc = family_crypto;

// Encrypts every picked file with a key of its own; for images, starts making a thumbnail too.
files::EncoderFactory file_encoder_factory();

// The finished uploads of `queue` as memo attachments (file id = upload id, the key, the name,
// the type, the size and the thumbnail when it is ready). Unavailable while a thumbnail is still
// being made; files without an encoder are left out.
Result<std::vector<fc::MemoAttachment>> attachments_of(const files::UploadQueue& queue);

// A thumbnail of a picked image (longer side `max_side` pixels, JPEG), made by the browser from
// the File object (createImageBitmap + canvas): {bytes, media type}.
struct Thumbnail {
    std::string bytes;
    std::string media_type;
};
Async<Thumbnail> make_thumbnail(int file_handle, int max_side);

// Hands a decrypted family file to the browser as a download named `name` (a Blob made in the
// page: the plaintext goes nowhere else).
void save_file(const std::string& bytes, const std::string& name, const std::string& media_type);

// Downloads a family file's ciphertext and decrypts it with its key. InvalidInput when the
// stream fails authentication or ends early ("not verifiable": never shown).
Async<std::string> fetch_and_decrypt(const std::string& file_id, const fc::FileKey& key);

} // namespace mimamori::web::family
