#pragma once
// The body of a file download (or of one byte range of it) as a streamed answer
// (http/stream.hpp). Chunks are read and checked on ChunkReader's threads ahead of what the
// socket is taking: where each chunk starts is known beforehand (chunk_starts()), so the next
// k_read_ahead chunks are read and hashed at the same time on several threads and database
// connections while the one before is written. At most k_read_ahead chunks (~768 KiB) of a
// download are in memory, whatever the file's size. A chunk that fails its
// digest check ends the stream with a failure: the client gets a cut answer, never wrong bytes,
// and the server log says which file and byte.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "files/chunk_reader.hpp"
#include "http/stream.hpp"

namespace mimamori::files {

class DownloadStream final : public http::BodyStream {
public:
    static constexpr std::size_t k_read_ahead = 3; // chunks read or being read, not yet pulled

    // Bytes `first` to `last` (inclusive) of file `file_id`, whose chunks holding them start at
    // `starts` (repositories::chunk_starts()).
    DownloadStream(ChunkReader& reader, std::int64_t file_id, std::uint64_t first, std::uint64_t last,
                   std::vector<std::uint64_t> starts);
    ~DownloadStream() override;

    void start(const http::StreamWaker& waker) override;
    http::StreamPiece pull() override;

private:
    // What the reader threads and the worker share; it outlives the stream when a read is under
    // way as the client goes away.
    struct Shared {
        ChunkReader* reader = nullptr;
        std::int64_t file_id = 0;
        std::uint64_t last = 0;
        std::mutex mutex;
        std::map<std::uint64_t, Result<Chunk>> ready; // by sequence number
        std::size_t busy = 0;                        // reads asked for and not yet in `ready`
        std::uint64_t requested = 0;                 // sequence number (index in `starts`) of the next read
        std::vector<std::uint64_t> starts;           // where each chunk to read starts
        bool cancelled = false;
        http::StreamWaker waker;
    };
    // Asks for the next chunks as far as the read-ahead allows (mutex held).
    static void request_more(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
    std::uint64_t m_taken = 0; // sequence number of the next chunk to give
    std::uint64_t m_next;      // the next byte to give
    std::uint64_t m_last;
};

} // namespace mimamori::files
