#pragma once
// SQL of stored files (migration 0006): the files row of an upload or a finished file, its
// chunk rows, the PATCH lease, and PDF previews. File contents are read for downloads through
// chunk_read_repository.hpp (binary results); here only the first bytes are read (sniffing).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

struct NewFile {
    std::string kind = "professional"; // professional, family, preview
    std::string owner_kind = "patient";
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> patient_id;
    std::optional<std::int64_t> uploaded_by;
    std::optional<std::int64_t> derived_from; // previews
    std::string name;
    std::string declared_media_type;
    std::optional<std::string> encrypted_metadata; // family files
    std::optional<std::string> expected_sha256;    // 32 bytes, when the uploader gave one
    std::uint64_t size = 0;
};

struct FileRow {
    std::int64_t id = 0;
    std::string kind;
    std::string owner_kind;
    std::int64_t owner_id = 0;
    std::optional<std::int64_t> patient_id;
    std::optional<std::int64_t> uploaded_by;
    std::string uploader_name;
    std::optional<std::string> file_type;
    std::string media_type;
    std::string declared_media_type;
    std::string name;
    std::optional<std::string> encrypted_metadata;
    std::optional<std::string> expected_sha256;
    std::uint64_t size = 0;
    std::uint64_t received = 0;
    std::optional<std::string> hash_state;
    std::optional<std::string> sha256; // 32 bytes
    bool complete = false;
    bool leased = false; // a PATCH holds the upload now
    std::int64_t created_at = 0; // Unix seconds
    std::optional<std::int64_t> completed_at;
};

std::int64_t insert_file(db::Tx& tx, const NewFile& file);
std::optional<FileRow> find_file(db::Tx& tx, std::int64_t id);
// Completed professional (or family) files of a patient, newest first.
std::vector<FileRow> list_patient_files(db::Tx& tx, std::int64_t patient_id, std::string_view kind);
void delete_file(db::Tx& tx, std::int64_t id);
// Completed files attached to the memos `memo_ids` (owner memo), by memo then id.
std::vector<FileRow> list_memo_files(db::Tx& tx, const std::vector<std::int64_t>& memo_ids);
// A patient's file becomes a memo's (false when it belongs to something else already).
bool attach_to_memo(db::Tx& tx, std::int64_t file_id, std::int64_t memo_id);

// The PATCH lease: taken when no other PATCH holds the upload (or its lease ran out), renewed
// while the body arrives, released at its end. False when another PATCH holds it.
bool take_lease(db::Tx& tx, std::int64_t id, const std::string& token, int seconds);
void release_lease(db::Tx& tx, std::int64_t id, const std::string& token);
bool renew_lease(db::Tx& tx, std::int64_t id, const std::string& token, int seconds);

// A chunk row (`sha256` as files/file_hash.hpp's chunk_digest()).
void insert_chunk(db::Tx& tx, std::int64_t file_id, std::uint64_t first_byte, std::string_view data,
                  std::string_view sha256);
// Rows from `first_byte` on: what a refused or cut PATCH left past the accepted bytes.
void delete_chunks_from(db::Tx& tx, std::int64_t file_id, std::uint64_t first_byte);
// Moves the accepted offset from `from` to `to` with the hash state over [0, to), and renews the
// lease, if `token` still holds the upload and nobody moved the offset meanwhile. False otherwise.
bool advance_received(db::Tx& tx, std::int64_t id, const std::string& token, std::uint64_t from, std::uint64_t to,
                      std::string_view hash_state, int lease_seconds);
// The first `max_bytes` bytes of the file (fewer if it is shorter), for sniffing.
std::string read_head(db::Tx& tx, std::int64_t file_id, std::size_t max_bytes);
// The upload is complete and checked: its type, Content-Type, clean name and digest.
void mark_complete(db::Tx& tx, std::int64_t id, const std::optional<std::string>& file_type,
                   const std::string& media_type, const std::string& name, std::string_view sha256);

// Counts, for the memory and refusal tests' bookkeeping and the health of the store.
std::int64_t count_chunks(db::Tx& tx, std::int64_t file_id);
// Where the rows of `file_id` that hold bytes `first`..`last` start, in order (the primary key
// alone, no contents): a download reads those rows in parallel, each by its start.
std::vector<std::uint64_t> chunk_starts(db::Tx& tx, std::int64_t file_id, std::uint64_t first, std::uint64_t last);

struct PreviewRow {
    std::string state; // converting, ready, failed
    std::optional<std::int64_t> preview_id;
    std::string message;
    std::int64_t age_seconds = 0; // since the last change
};
std::optional<PreviewRow> find_preview(db::Tx& tx, std::int64_t file_id);
// Starts a conversion unless one runs (and is younger than `stale_seconds`) or is done. True
// when the caller is to convert.
bool claim_preview(db::Tx& tx, std::int64_t file_id, int stale_seconds);
void finish_preview(db::Tx& tx, std::int64_t file_id, const std::string& state, std::optional<std::int64_t> preview_id,
                    const std::string& message);

} // namespace mimamori::repositories
