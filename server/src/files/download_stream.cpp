#include "files/download_stream.hpp"

#include <algorithm>

namespace mimamori::files {

DownloadStream::DownloadStream(ChunkReader& reader, std::int64_t file_id, std::uint64_t first, std::uint64_t last,
                               std::vector<std::uint64_t> starts)
    : m_next(first), m_last(last) {
    m_shared->reader = &reader;
    m_shared->file_id = file_id;
    m_shared->last = last;
    // The first chunk is asked for by the first byte wanted: the one that holds it is read.
    if (!starts.empty()) starts.front() = std::max(starts.front(), first);
    m_shared->starts = std::move(starts);
}

DownloadStream::~DownloadStream() {
    std::lock_guard lock(m_shared->mutex);
    m_shared->cancelled = true; // reads under way are dropped when they complete
    m_shared->ready.clear();
}

void DownloadStream::start(const http::StreamWaker& waker) {
    std::lock_guard lock(m_shared->mutex);
    m_shared->waker = waker;
    request_more(m_shared);
}

void DownloadStream::request_more(const std::shared_ptr<Shared>& shared) {
    while (!shared->cancelled && shared->requested < shared->starts.size() &&
           shared->busy + shared->ready.size() < k_read_ahead) {
        std::uint64_t sequence = shared->requested++;
        std::uint64_t position = shared->starts[sequence];
        ++shared->busy;
        shared->reader->fetch(shared->file_id, position, [shared, sequence](Result<StoredChunk> read) {
            Result<Chunk> checked = read ? check_chunk(shared->file_id, std::move(*read)) : Result<Chunk>(read.error());
            http::StreamWaker waker;
            {
                std::lock_guard lock(shared->mutex);
                if (shared->cancelled) return;
                --shared->busy;
                shared->ready.emplace(sequence, std::move(checked));
                waker = shared->waker;
            }
            waker.wake(); // the worker pulls
        });
    }
}

http::StreamPiece DownloadStream::pull() {
    if (m_next > m_last) return http::StreamPiece::end();
    std::optional<Result<Chunk>> taken;
    {
        std::lock_guard lock(m_shared->mutex);
        if (m_taken >= m_shared->starts.size()) // the stored chunks end before the bytes wanted
            return http::StreamPiece::fail("file " + std::to_string(m_shared->file_id) + ": no stored chunk holds byte " +
                                           std::to_string(m_next));
        auto it = m_shared->ready.find(m_taken);
        if (it == m_shared->ready.end()) return http::StreamPiece::wait();
        taken.emplace(std::move(it->second));
        m_shared->ready.erase(it);
        ++m_taken;
        request_more(m_shared); // a place in the read-ahead came free
    }
    if (!*taken) return http::StreamPiece::fail(taken->error().message);
    Chunk chunk = std::move(taken->value());
    if (chunk.first_byte > m_next || chunk.first_byte + chunk.data.size() <= m_next)
        return http::StreamPiece::fail("file " + std::to_string(m_shared->file_id) + ": the chunk at byte " +
                                       std::to_string(chunk.first_byte) + " does not hold byte " + std::to_string(m_next));
    auto from = static_cast<std::size_t>(m_next - chunk.first_byte);
    auto to = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.data.size(), m_last + 1 - chunk.first_byte));
    m_next += to - from;
    return http::StreamPiece::shared(std::move(chunk.keep), chunk.data.substr(from, to - from));
}

} // namespace mimamori::files
