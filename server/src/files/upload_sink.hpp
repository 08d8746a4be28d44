#pragma once
// The body of a tus PATCH going into PostgreSQL as it arrives (http/stream.hpp's BodySink):
// rows of k_chunk_bytes, each with its digest, the whole file's SHA-256 carried on from the
// bytes before, so no more than one row of the body is ever in memory.
//
// Without Upload-Checksum, each row is accepted as it is stored (one transaction: the row, the
// new offset and the hash state), so a cut connection keeps what arrived and HEAD reports it.
// With Upload-Checksum, the PATCH is all or nothing: its rows are stored past the accepted
// offset and accepted only when the body's digest matches; otherwise (or when the body is cut)
// they are deleted (tus: a chunk that fails its checksum is discarded).
//
// A PATCH holds the upload's lease (files.lease_token), taken by the route before the body
// flows and released here, so two PATCHes of one upload never interleave; each row's accepting
// UPDATE also checks the offset it started from.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "files/file_hash.hpp"
#include "http/stream.hpp"
#include "mimamori/common/tus.hpp"

namespace mimamori::files {

inline constexpr std::size_t k_chunk_bytes = 256 * 1024;
inline constexpr int k_lease_seconds = 60;

class UploadSink final : public http::BodySink {
public:
    struct Start {
        std::int64_t file_id = 0;
        std::optional<std::int64_t> patient_id; // for the access log
        std::uint64_t offset = 0; // accepted bytes before this PATCH (its Upload-Offset)
        std::uint64_t length = 0; // Upload-Length
        std::string lease;        // the lease token the route took
        FileHash hash;            // over the accepted bytes
        std::optional<tus::Checksum> checksum;
    };
    struct Finished {
        bool checksum_matches = true;
        std::uint64_t offset = 0; // accepted bytes now
        FileHash hash;            // over them
    };

    UploadSink(db::Database& database, Start start);
    ~UploadSink() override; // releases the lease if neither finish() nor abandon() ran

    Status write(std::string_view piece) override;
    void abandon() override;
    // The body is complete: stores what is left, checks Upload-Checksum, accepts the PATCH's
    // bytes (or, on a mismatch, deletes them) and releases the lease. Throws on database errors.
    Finished finish();

    std::int64_t file_id() const { return m_start.file_id; }
    std::optional<std::int64_t> patient_id() const { return m_start.patient_id; }

private:
    void store_row(std::string_view bytes);
    void release();

    db::Database& m_database;
    Start m_start;
    std::uint64_t m_stored;  // where the next row starts
    std::string m_buffer;    // bytes not yet stored (less than a row)
    FileHash m_hash;
    std::optional<tus::Checksummer> m_checksummer;
    std::chrono::steady_clock::time_point m_renewed;
    bool m_ended = false;    // finished, abandoned or failed: the lease is released
};

} // namespace mimamori::files
