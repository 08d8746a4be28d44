#include "files/chunk_reader.hpp"

#include "db/binary_connection.hpp"
#include "files/file_hash.hpp"
#include "log.hpp"
#include "mimamori/common/crypto.hpp"
#include "repositories/chunk_read_repository.hpp"

namespace mimamori::files {

ReaderConnection::ReaderConnection(std::string url) : m_url(std::move(url)) {}
ReaderConnection::~ReaderConnection() = default;

Result<Chunk> check_chunk(std::int64_t file_id, StoredChunk stored) {
    auto digest = chunk_digest(file_id, stored.first_byte, stored.data);
    if (!crypto::constant_time_equal(digest, as_bytes(stored.sha256)))
        return Error::make(ErrorCode::Internal, "file " + std::to_string(file_id) + ": SHA-256 mismatch in the chunk at byte " +
                                                    std::to_string(stored.first_byte));
    return Chunk{stored.first_byte, std::move(stored.keep), stored.data};
}

Result<StoredChunk> ReaderConnection::read_unchecked(std::int64_t file_id, std::uint64_t position) {
    std::optional<repositories::StoredChunk> stored;
    for (int attempt = 0;; ++attempt) {
        try {
            if (!m_connection || !m_connection->ok()) m_connection = std::make_unique<db::BinaryConnection>(m_url);
            stored = repositories::read_chunk_at(*m_connection, file_id, position);
            break;
        } catch (const std::exception& e) {
            m_connection.reset(); // reconnect once, as db::Database does
            if (attempt > 0)
                return Error::make(ErrorCode::Unavailable, std::string("cannot read the file: ") + e.what());
        }
    }
    if (!stored || stored->first_byte + stored->data.size() <= position)
        return Error::make(ErrorCode::Internal, "file " + std::to_string(file_id) + " byte " + std::to_string(position) +
                                                    ": no stored chunk holds it");
    return StoredChunk{stored->first_byte, std::move(stored->result), stored->data, stored->sha256};
}

Result<Chunk> ReaderConnection::read(std::int64_t file_id, std::uint64_t position) {
    auto stored = read_unchecked(file_id, position);
    if (!stored) return stored.error();
    return check_chunk(file_id, std::move(*stored));
}

ChunkReader::ChunkReader(std::string database_url, std::size_t threads) : m_url(std::move(database_url)) {
    for (std::size_t i = 0; i < threads; ++i) m_threads.emplace_back([this] { run(); });
}

ChunkReader::~ChunkReader() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    for (auto& t : m_threads) t.join();
}

void ChunkReader::fetch(std::int64_t file_id, std::uint64_t position, Done done) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        m_jobs.push_back({file_id, position, std::move(done)});
    }
    m_changed.notify_one();
}

void ChunkReader::run() {
    ReaderConnection connection(m_url);
    while (true) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        auto chunk = connection.read_unchecked(job.file_id, job.position);
        try {
            job.done(std::move(chunk));
        } catch (const std::exception& e) {
            log::error(std::string("a file read's completion failed: ") + e.what());
        }
    }
}

} // namespace mimamori::files
