#pragma once
// The browser app's side of a tus upload (tus.hpp): what request to make next, what the server's
// answers mean, resume after a dropped connection, and progress with speed and time left. It does
// no I/O and reads no clock: the app's fetch code makes the requests and passes in their outcomes
// and a monotonic time in milliseconds, so the same logic runs in tests.
//
//   auto up = Upload::start(file_size, 5 << 20);          // 5 MiB chunks
//   loop, driven by request completions and a timer at up->ready_at_ms():
//     Create -> POST /api/v1/uploads/ (Upload-Length, Upload-Metadata) -> up->created(now)
//     Send   -> PATCH up->next_chunk() at Upload-Offset = chunk.offset, Upload-Checksum;
//               XHR progress -> up->sending(bytes_of_this_chunk, now);
//               204 -> up->sent(Upload-Offset of the response, now)
//     Ask    -> HEAD the upload -> up->resumed(Upload-Offset, Upload-Length, now)
//     any request failing -> up->failed(failure_for_status(status), now)
//     Done / Failed -> stop (Failed: up->failure_message())
//
// Retries: each waits the next delay of RetryPolicy. A network failure, a 5xx, a 409 or an offset
// in a PATCH answer that does not fit the chunk then asks the server (HEAD) where to resume; a 460
// (checksum mismatch) resends the chunk; a 404/410 (the upload expired or was terminated) starts a
// new upload from byte 0; any other refusal fails at once. When the delays are used up the upload
// fails; their count starts again whenever the server confirms new bytes.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::tus {

struct Chunk {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    friend bool operator==(const Chunk&, const Chunk&) = default;
};

// The chunks of a file of `size` bytes in order, `chunk_size` each (the last one shorter), for a
// plan shown or checked up front (Upload computes its chunks as it goes, from the server's
// offset). InvalidInput for an empty file or a chunk size of 0.
Result<std::vector<Chunk>> plan_chunks(std::uint64_t size, std::uint64_t chunk_size);

// How a request ended badly.
enum class Failure {
    Network,          // no response: connection dropped, timeout, offline
    ServerError,      // 5xx
    OffsetConflict,   // 409: the server has a different offset
    ChecksumMismatch, // 460
    Expired,          // 404 or 410: the upload is gone
    Refused,          // any other 4xx (403, 413, 415 …): retrying cannot help
};

// The Failure for an HTTP status (0 when there was no response).
Failure failure_for_status(int http_status);

struct RetryPolicy {
    std::vector<std::int64_t> delays_ms{1000, 3000, 5000, 10000, 20000, 30000};
};

struct Progress {
    std::uint64_t confirmed = 0; // bytes the server has acknowledged
    std::uint64_t sent = 0;      // confirmed plus the part of the current chunk already sent
    std::uint64_t total = 0;
    double fraction = 0;         // sent / total, 0..1
    std::optional<double> bytes_per_second; // over the last few seconds; none until measurable
    std::optional<double> seconds_left;     // none while stalled or unmeasured
};

class Upload {
public:
    enum class Step { Create, Send, Ask, Done, Failed };

    static constexpr std::int64_t speed_window_ms = 8000;

    // InvalidInput for an empty file or a chunk size of 0. `first_chunk_extra`: bytes the first
    // chunk holds beyond chunk_size (an encrypted stream's header, so that the later chunks keep
    // whole pieces of the stream; common/family_crypto/file_stream.hpp FileUploadEncoder).
    static Result<Upload> start(std::uint64_t size, std::uint64_t chunk_size, RetryPolicy retry = {},
                                std::uint64_t first_chunk_extra = 0);

    Step step() const { return m_step; }
    // The earliest time (ms) the step's request may start: later than now after a failure.
    std::int64_t ready_at_ms() const { return m_ready_at_ms; }
    // For Step::Send: the bytes to send, from the server's offset.
    Chunk next_chunk() const;
    // For Step::Failed: why, for the person.
    const std::string& failure_message() const { return m_failure; }

    // The upload was created on the server (offset 0).
    void created(std::int64_t now_ms);
    // `bytes` of the current chunk have gone out so far (upload progress events).
    void sending(std::uint64_t bytes, std::int64_t now_ms);
    // A PATCH succeeded and the server now has `server_offset` bytes. An offset outside the chunk
    // just sent is a disagreement: the upload asks the server (HEAD), after a retry delay.
    void sent(std::uint64_t server_offset, std::int64_t now_ms);
    // A HEAD answered: the server has `server_offset` of `server_length` bytes. A length other than
    // the file's or an offset past it fails the upload (it is not this file's upload).
    void resumed(std::uint64_t server_offset, std::uint64_t server_length, std::int64_t now_ms);
    // The current request failed; `server_message` (the API error's message, if any) is kept for
    // failure_message() when the failure is final.
    void failed(Failure failure, std::int64_t now_ms, std::string_view server_message = {});

    Progress progress(std::int64_t now_ms) const;

private:
    Upload(std::uint64_t size, std::uint64_t chunk_size, RetryPolicy retry, std::uint64_t first_chunk_extra);
    void confirm(std::uint64_t offset, std::int64_t now_ms);
    void retry_later(Step step, std::int64_t now_ms);
    void fail(std::string message);
    void record(std::int64_t now_ms);

    struct Sample {
        std::int64_t at_ms;
        std::uint64_t moved; // bytes that went over the network since the start
    };

    std::uint64_t m_size;
    std::uint64_t m_chunk_size;
    std::uint64_t m_first_chunk_extra = 0;
    RetryPolicy m_retry;
    Step m_step = Step::Create;
    std::int64_t m_ready_at_ms = 0;
    std::uint64_t m_confirmed = 0;
    std::uint64_t m_in_flight = 0; // bytes of the current chunk sent
    std::uint64_t m_moved = 0;
    std::size_t m_attempts = 0;    // failures since the last confirmed progress
    std::string m_failure;
    std::deque<Sample> m_samples;
};

} // namespace mimamori::tus
