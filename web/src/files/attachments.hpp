#pragma once
// Files on memos (issue 7), the app's side: the upload queue of a composer (pick files, send each
// in chunks through tus with common/tus_upload's state machine, progress with speed and time
// left, resume after a dropped connection, retry, cancel), and the attachments of a memo row
// (thumbnails, a full view with zoom for images, the browser's own <audio>/<video> over the app,
// PDF in the browser's viewer, Office files downloaded or previewed as PDF).
//
// Composer (one UploadQueue per composer, kept in the screen's state):
//   files::draw_attach_button(m_uploads, patient_id);   // the picker; several files at once
//   files::draw_progress(m_uploads);                     // one row per file; drives the uploads
//   send enabled when !m_uploads.busy(); body "attachments": m_uploads.finished_upload_ids()
//   after the memo is saved: m_uploads.clear();
// Memo row:
//   files::draw_attachment_strip(memo.attachments, "memo-17");
//
// Everything is non-blocking: requests start from draw code and their answers re-enter through
// the main queue; draw_progress() must be called every frame the composer is shown (it starts the
// next request when one is due and asks for a frame at the next retry time).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/vocabulary.hpp" // mimamori::Lang

namespace mimamori::web::files {

// A stored file as the server answers it (openapi.json components/schemas/StoredFile; memo
// attachments and GET /api/v1/patients/{id}/files).
struct StoredFile {
    std::int64_t id = 0;
    std::string space;       // "professional" or "family"
    std::string name;        // the cleaned name ("" for family files)
    std::string media_type;  // the Content-Type it is sent with
    std::string file_type;   // common/file_types code ("jpeg", "mp4", "docx" ...); "" for family files
    std::int64_t size = 0;
    std::string sha256;      // hex
    std::optional<std::int64_t> uploaded_by_id;
    std::string uploaded_by_name;
    std::string created_at;  // ISO 8601
    std::string url;         // "/api/v1/files/{id}"
    std::string preview;     // "image", "video", "audio", "pdf", "office" (GET {url}/preview.pdf), "none"
    std::string encrypted_metadata; // family files: the sealed name and type, base64; else ""
};

Result<StoredFile> read_stored_file(const Json& object);
// A JSON array of StoredFile objects (memo "attachments", the list's "files").
Result<std::vector<StoredFile>> read_stored_files(const Json& array);

// A byte transform applied to every chunk before it is sent (issue 6: the family space encrypts
// files in the browser with crypto_secretstream; this layer does not know how). The encoder
// chooses the plain chunk size (a whole number of its pieces near the queue's chunk size) and
// says how long each encoded chunk is, so the size on the wire is known before the upload
// starts; chunk 0 may carry a header before its first piece (header_size()), which tus is told
// about (tus::Upload's first_chunk_extra) so every later chunk starts on a piece boundary.
// Anything else the stream needs (the file key, the name) travels elsewhere: the family space
// puts them in its encrypted memo. The queue sends every chunk with an Upload-Checksum (all or
// nothing on the server), so a resume always starts at a chunk boundary, and it keeps an
// encoded chunk until the server has acknowledged it: encode() is called once per chunk, in
// order (0, 1, 2 ...), and a chunk sent again is sent from the queue's copy.
class ChunkEncoder {
public:
    virtual ~ChunkEncoder() = default;
    // The plain chunk size used for a queue chunk size of `wanted` bytes.
    virtual std::uint64_t plain_chunk_size(std::uint64_t wanted) const = 0;
    // The encoded length of chunk `index` holding `plain_size` plain bytes (chunk 0 with the header).
    virtual std::uint64_t encoded_size(std::uint64_t index, std::uint64_t plain_size) const = 0;
    // Chunk `index` of the plain file; `last` for the final one. The result must be
    // encoded_size(index, plain.size()) bytes. A failure fails the upload with its message.
    virtual Result<std::string> encode(std::uint64_t index, std::string plain, bool last) = 0;
    // Upload-Metadata pairs besides "patient" (e.g. {"space","family"}).
    // "filename" is sent only when the encoder does not give its own list's "space" = "family".
    virtual std::vector<std::pair<std::string, std::string>> metadata() const = 0;
    // The server lost the upload (404/410) and it starts again from byte 0: start a new stream.
    virtual void restart() = 0;
};

// What a picked file is, for an encoder factory.
struct PickedInfo {
    std::string name;
    std::string media_type; // the browser's guess from the name, may be ""
    std::uint64_t size = 0;
    int handle = 0;         // browser_files' handle (valid until the upload ends)
};
using EncoderFactory = std::function<std::unique_ptr<ChunkEncoder>(const PickedInfo&)>;

// The files of one composer and their uploads.
class UploadQueue {
public:
    UploadQueue();
    ~UploadQueue();                 // unfinished uploads are cancelled (and terminated on the server)
    UploadQueue(UploadQueue&&) noexcept;
    UploadQueue& operator=(UploadQueue&&) noexcept;
    UploadQueue(const UploadQueue&) = delete;
    UploadQueue& operator=(const UploadQueue&) = delete;

    // The uploads' ids (as strings, the memo's "attachments") of the files that arrived
    // completely and were accepted by the server, in the order they were picked.
    std::vector<std::string> finished_upload_ids() const;
    // The same files with the encoder each went through (nullptr without one), in picked order.
    std::vector<std::pair<std::string, const ChunkEncoder*>> finished_uploads() const;
    // True while any file is still uploading (or waiting to retry). Failed files do not count:
    // the composer may send without them (they are listed with their error until removed).
    bool busy() const;
    // True when some file failed (refused type, too large, gave up retrying).
    bool has_failures() const;
    bool empty() const;
    // Forgets every file; unfinished uploads are cancelled and terminated on the server.
    void clear();

    // For the family space (issue 6): every file picked from now on goes through an encoder.
    void set_encoder_factory(EncoderFactory factory);
    // Chunk size in bytes (5 MiB by default; tests and slow links may use less). Applies to files
    // picked afterwards. The server's --max-upload-chunk-bytes must allow it.
    void set_chunk_size(std::uint64_t bytes);

    struct Impl;

private:
    friend void draw_attach_button(UploadQueue&, std::int64_t);
    friend void draw_progress(UploadQueue&);
    std::unique_ptr<Impl> m_impl;
};

// The "attach files" button: opens the browser's picker (several files; on phones the camera is
// offered for photos and video). Each chosen file starts uploading at once for `patient_id`.
void draw_attach_button(UploadQueue& queue, std::int64_t patient_id);

// One row per file: name, a progress bar (percent), speed and time left, and its buttons
// (cancel while uploading, retry and remove after a failure, remove when done). Drives the
// uploads: call it every frame the composer is shown.
void draw_progress(UploadQueue& queue);

// A memo's attachments in a row: image thumbnails (opened in a full view with zoom and pan),
// and for other files a button by kind: play (audio, video: the browser's player over the app),
// open (PDF: the browser's viewer in a new tab), download, and "PDF preview" for Office files.
// `id` must be unique among the strips of a frame (e.g. "memo-17").
void draw_attachment_strip(const std::vector<StoredFile>& files, std::string_view id);

// The full view and the media players, drawn over everything. draw_attachment_strip() calls it
// too; the app calls it once at the end of every frame so that a view whose strip is no longer
// drawn (another route, a closed panel) is closed and its media element removed. `lang`: the
// language of the layer's text from the next frame on.
void draw_overlays(Lang lang);

// A byte size as people read it: "850 B", "12.4 KB", "3.1 MB", "1.2 GB".
std::string format_size(std::uint64_t bytes);

} // namespace mimamori::web::files
