#include "files/upload_sink.hpp"

#include <stdexcept>

#include "log.hpp"
#include "repositories/file_repository.hpp"

namespace mimamori::files {
namespace {

// The accepting UPDATE found the upload moved on (another PATCH after a lease ran out, or a
// termination): this PATCH's rows are rolled back with it.
struct UploadMoved : std::runtime_error {
    UploadMoved() : std::runtime_error("the upload changed while this PATCH was stored") {}
};

} // namespace

UploadSink::UploadSink(db::Database& database, Start start)
    : m_database(database), m_start(std::move(start)), m_stored(m_start.offset), m_hash(m_start.hash),
      m_renewed(std::chrono::steady_clock::now()) {
    if (m_start.checksum) m_checksummer.emplace(m_start.checksum->algorithm);
    m_buffer.reserve(k_chunk_bytes + 64 * 1024);
}

UploadSink::~UploadSink() {
    if (m_ended) return;
    try {
        release();
    } catch (const std::exception& e) {
        log::warning(std::string("an upload lease is left to expire: ") + e.what());
    }
}

Status UploadSink::write(std::string_view piece) {
    if (m_ended) return Error::make(ErrorCode::Conflict, "this PATCH has ended");
    if (m_stored + m_buffer.size() + piece.size() > m_start.length)
        return Error::make(ErrorCode::PayloadTooLarge, "the body goes past the upload's length (Upload-Length)");
    m_buffer.append(piece);
    try {
        while (m_buffer.size() >= k_chunk_bytes) {
            store_row(std::string_view(m_buffer).substr(0, k_chunk_bytes));
            m_buffer.erase(0, k_chunk_bytes);
        }
        // A slow client: keep the lease while the body still arrives.
        if (std::chrono::steady_clock::now() - m_renewed > std::chrono::seconds(k_lease_seconds / 4)) {
            m_database.transact([&](db::Tx& tx) { repositories::renew_lease(tx, m_start.file_id, m_start.lease, k_lease_seconds); });
            m_renewed = std::chrono::steady_clock::now();
        }
    } catch (const UploadMoved& e) {
        m_ended = true;
        return Error::make(ErrorCode::Conflict, e.what());
    }
    return {};
}

void UploadSink::store_row(std::string_view bytes) {
    auto digest = chunk_digest(m_start.file_id, m_stored, bytes);
    FileHash after = m_hash;
    after.update(bytes);
    m_database.transact([&](db::Tx& tx) {
        repositories::insert_chunk(tx, m_start.file_id, m_stored, bytes, to_string(digest));
        if (!m_checksummer && !repositories::advance_received(tx, m_start.file_id, m_start.lease, m_stored,
                                                              m_stored + bytes.size(), after.save(), k_lease_seconds))
            throw UploadMoved();
    });
    if (m_checksummer) m_checksummer->update(as_bytes(bytes));
    m_hash = after;
    m_stored += bytes.size();
    if (!m_checksummer) m_renewed = std::chrono::steady_clock::now(); // advance_received() renewed it
}

UploadSink::Finished UploadSink::finish() {
    Finished out;
    if (!m_buffer.empty()) store_row(m_buffer);
    m_buffer.clear();
    m_ended = true;
    if (m_checksummer && !m_checksummer->matches(*m_start.checksum)) {
        m_database.transact([&](db::Tx& tx) {
            repositories::delete_chunks_from(tx, m_start.file_id, m_start.offset);
            repositories::release_lease(tx, m_start.file_id, m_start.lease);
        });
        out.checksum_matches = false;
        out.offset = m_start.offset;
        out.hash = m_start.hash;
        return out;
    }
    m_database.transact([&](db::Tx& tx) {
        if (m_checksummer && m_stored > m_start.offset &&
            !repositories::advance_received(tx, m_start.file_id, m_start.lease, m_start.offset, m_stored, m_hash.save(),
                                            k_lease_seconds))
            throw UploadMoved();
        repositories::release_lease(tx, m_start.file_id, m_start.lease);
    });
    out.offset = m_stored;
    out.hash = m_hash;
    return out;
}

void UploadSink::abandon() {
    if (m_ended) return;
    m_ended = true;
    try {
        if (!m_checksummer && !m_buffer.empty()) store_row(m_buffer); // keep what came before the cut
        m_buffer.clear();
        m_database.transact([&](db::Tx& tx) {
            // An unverifiable PATCH keeps nothing.
            if (m_checksummer) repositories::delete_chunks_from(tx, m_start.file_id, m_start.offset);
            repositories::release_lease(tx, m_start.file_id, m_start.lease);
        });
    } catch (const std::exception& e) {
        log::warning("upload " + std::to_string(m_start.file_id) + ": what arrived before the cut could not be kept: " +
                     e.what());
    }
}

void UploadSink::release() {
    m_ended = true;
    m_database.transact([&](db::Tx& tx) { repositories::release_lease(tx, m_start.file_id, m_start.lease); });
}

} // namespace mimamori::files
