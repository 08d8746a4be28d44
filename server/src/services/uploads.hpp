#pragma once
// The rules of uploads (tus 1.0 at /api/v1/uploads/, issue 7) and of the files they become.
// Handlers (api/upload_routes.cpp) parse headers with common/tus.hpp, decide permission with
// perm::decide(), and call these.
//
// Nothing is stored before a creation request passes its checks (length, name, type by name,
// permission); an upload refused when complete (its content is a program, or not what its name
// or declared type says) is deleted at once, rows and all.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "files/upload_sink.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/tus.hpp"
#include "repositories/file_repository.hpp"
#include "services/files.hpp"

namespace mimamori::services {

// What a creation request (POST) asks for.
struct UploadRequest {
    std::uint64_t length = 0;
    std::int64_t patient_id = 0;
    bool family = false;
    std::string name; // cleaned; "" for family files
    std::string declared_media_type;
    std::optional<std::string> encrypted_metadata;
    std::optional<std::string> expected_sha256; // 32 bytes
};

inline constexpr std::size_t k_max_encrypted_metadata = 4096;

// Reads a creation request's Upload-Length value and Upload-Metadata keys:
//   patient   (required) the patient's id;
//   filename  (required, but for family files) the file's name, Japanese kept (clean_file_name):
//             400 with a path separator or a control character; 415 with an extension that is
//             always refused (programs, scripts, web pages) or that names a type not accepted;
//   filetype  (optional) the media type the client declares, checked against the content later;
//   space     (optional) "professional" (default) or "family": a file encrypted in the browser
//             (DESIGN.md §5), stored unseen as application/octet-stream, its name and type sealed
//             in `metadata` (at most 4 KiB, kept as given);
//   sha256    (optional) the whole file's SHA-256 in hex, checked when the upload completes.
// The length: 400 for an empty file, 413 over the limit.
Result<UploadRequest> read_upload_request(std::uint64_t length, const tus::Metadata& metadata,
                                          const FileSettings& settings);

// Stores the new upload (nothing of its content yet); its id.
std::int64_t create_upload(db::Tx& tx, const UploadRequest& request, std::int64_t uploader);

std::optional<repositories::FileRow> find_file(db::Tx& tx, std::int64_t id);

// A PATCH's head against its upload (stored offset, length, lease): 409 for an offset that is not
// the upload's (a chunk out of order or repeated) or a complete upload, 413 for a body going past
// Upload-Length, 423 while another PATCH holds the upload. Then takes the lease, removes what a
// cut checksummed PATCH left, and gives the sink that stores the body. In `tx`, which must
// commit before the body flows (the layer commits after the route's first call).
Result<std::shared_ptr<files::UploadSink>> begin_patch(db::Tx& tx, db::Database& database,
                                                       const repositories::FileRow& upload, std::uint64_t offset,
                                                       std::optional<std::uint64_t> content_length,
                                                       std::optional<tus::Checksum> checksum);

struct PatchResult {
    std::uint64_t offset = 0;       // Upload-Offset now
    bool checksum_mismatch = false; // 460: nothing of the PATCH was kept
    std::optional<repositories::FileRow> completed; // the upload completed, was checked and kept
};

// After a PATCH's body: UploadSink::finish(), and when that completes the upload, the checks of
// the whole file -- its content sniffed (a program or script, a type that its name or declared
// type contradicts, or one not accepted: refused), the uploader's SHA-256 if given (422) --
// then kept as complete (in `work`, so its access-log entry comes first) or deleted at once.
// Call it before the request's transaction is first used (it runs transactions of its own).
Result<PatchResult> finish_patch(Files& files, files::UploadSink& sink, db::UnitOfWork& work);

// Terminates an unfinished upload, rows and all; 409 for a complete file (part of the record).
Status terminate_upload(db::Tx& tx, const repositories::FileRow& upload);

// The complete files of a patient's record (or family space), newest first.
std::vector<repositories::FileRow> patient_files(db::Tx& tx, std::int64_t patient_id, bool family);

} // namespace mimamori::services
