#pragma once
// Reading file contents from PostgreSQL for downloads and previews, each reading thread with a
// binary-result connection of its own (db/binary_connection.hpp).
//
// A download never reads on its connection's worker: it asks ChunkReader for its next chunk, and
// a reader thread hands the chunk back through the stream's waker (files/download_stream.hpp), so
// the database read of one chunk overlaps the socket write of the one before, and a slow
// database never stalls the other connections of a worker.
//
// Every chunk is checked against its stored digest before any of its bytes can be sent: a chunk
// that does not match is an error (logged by whoever gets it), never data.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::db {
class BinaryConnection;
}

namespace mimamori::files {

// A chunk's bytes stay in libpq's result that read them (`keep`): they are hashed there and
// written to the socket from there (http::StreamPiece::shared), never copied by us.
struct Chunk {
    std::uint64_t first_byte = 0;
    std::shared_ptr<const void> keep;
    std::string_view data;
};

// A chunk as read, not yet checked.
struct StoredChunk {
    std::uint64_t first_byte = 0;
    std::shared_ptr<const void> keep;
    std::string_view data;
    std::string_view sha256;
};

// The chunk of `file_id` once its digest is checked; an error naming the file and byte otherwise.
Result<Chunk> check_chunk(std::int64_t file_id, StoredChunk stored);

// One thread's reading connection, reopened when it broke (PostgreSQL restarted).
class ReaderConnection {
public:
    explicit ReaderConnection(std::string url);
    ~ReaderConnection();
    ReaderConnection(const ReaderConnection&) = delete;
    ReaderConnection& operator=(const ReaderConnection&) = delete;

    // The chunk of `file_id` that holds byte `position`, unchecked; an error when there is none
    // or the database cannot be reached.
    Result<StoredChunk> read_unchecked(std::int64_t file_id, std::uint64_t position);
    // The same, checked (check_chunk).
    Result<Chunk> read(std::int64_t file_id, std::uint64_t position);

private:
    std::string m_url;
    std::unique_ptr<db::BinaryConnection> m_connection;
};

class ChunkReader {
public:
    // Called on a reader thread with the chunk as read; the callee checks it (check_chunk) there,
    // so that several chunks of a download are hashed at once on different threads.
    using Done = std::function<void(Result<StoredChunk>)>;

    ChunkReader(std::string database_url, std::size_t threads);
    ~ChunkReader(); // stops the threads; queued reads are dropped unanswered
    ChunkReader(const ChunkReader&) = delete;
    ChunkReader& operator=(const ChunkReader&) = delete;

    // ReaderConnection::read_unchecked() on a reader thread, then `done` with its result on that
    // thread. Any thread may call it.
    void fetch(std::int64_t file_id, std::uint64_t position, Done done);

private:
    struct Job {
        std::int64_t file_id;
        std::uint64_t position;
        Done done;
    };
    void run();

    std::string m_url;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace mimamori::files
