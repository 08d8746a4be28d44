// Test-only routes that exercise the HTTP layer's streaming (http/stream.hpp), registered with
// the other test routes (MIMAMORI_TEST_ROUTES=1, never in production):
//   GET /api/v1/test/stream?bytes=N[&piece=P][&chunked=1][&fail_at=K]
//       N bytes (byte i is i % 251) in pieces of P bytes (default 65536), with a Content-Length
//       unless chunked; fail_at: the stream fails once K bytes were given
//   GET /api/v1/test/events?count=N[&interval_ms=M]
//       a long-lived chunked stream fed by a thread of its own: "event i\n" every M ms (default
//       10), N of them (0: until the server drains), then its end
//   PUT /api/v1/test/sink[?fail_after=K]
//       a streamed body of at most 64 MiB: {"bytes","sha256","largest_piece"}; fail_after: the sink
//       refuses (413) once more than K bytes arrived
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "api/routes.hpp"
#include "http/context.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;
using http::StreamPiece;

namespace {

TestStreamStats g_stats;

std::uint64_t query_number(const Request& request, std::string_view name, std::uint64_t fallback) {
    auto text = request.query_param(name);
    if (!text) return fallback;
    std::uint64_t n = fallback;
    std::from_chars(text->data(), text->data() + text->size(), n);
    return n;
}

class CountingStream final : public http::BodyStream {
public:
    CountingStream(std::uint64_t total, std::size_t piece, std::optional<std::uint64_t> fail_at)
        : m_total(total), m_piece(piece), m_fail_at(fail_at) {
        ++g_stats.live_streams;
    }
    ~CountingStream() override { --g_stats.live_streams; }

    StreamPiece pull() override {
        ++g_stats.pulls;
        if (m_fail_at && m_given >= *m_fail_at) return StreamPiece::fail("test stream failing as asked");
        if (m_given >= m_total) return StreamPiece::end();
        auto n = static_cast<std::size_t>(std::min<std::uint64_t>(m_piece, m_total - m_given));
        std::string bytes(n, '\0');
        for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<char>((m_given + i) % 251);
        m_given += n;
        return StreamPiece::data(std::move(bytes));
    }

private:
    std::uint64_t m_total;
    std::size_t m_piece;
    std::optional<std::uint64_t> m_fail_at;
    std::uint64_t m_given = 0;
};

// Events made on a thread of its own, which only ever wakes the connection (never writes).
class EventStream final : public http::BodyStream {
public:
    EventStream(std::uint64_t count, std::chrono::milliseconds interval) : m_count(count), m_interval(interval) {
        ++g_stats.live_streams;
    }
    ~EventStream() override {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        if (m_thread.joinable()) m_thread.join();
        --g_stats.live_streams;
    }

    void start(const http::StreamWaker& waker) override {
        m_thread = std::thread([this, waker] {
            for (std::uint64_t i = 0; m_count == 0 || i < m_count; ++i) {
                std::unique_lock lock(m_mutex);
                if (m_changed.wait_for(lock, m_interval, [this] { return m_stop; })) return;
                m_queue.push_back("event " + std::to_string(i) + "\n");
                lock.unlock();
                waker.wake();
            }
            std::lock_guard lock(m_mutex);
            m_done = true;
            waker.wake();
        });
    }

    StreamPiece pull() override {
        ++g_stats.pulls;
        std::lock_guard lock(m_mutex);
        if (!m_queue.empty()) {
            std::string next = std::move(m_queue.front());
            m_queue.pop_front();
            return StreamPiece::data(std::move(next));
        }
        return m_done ? StreamPiece::end() : StreamPiece::wait();
    }

private:
    std::uint64_t m_count;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_queue;
    bool m_stop = false;
    bool m_done = false;
    std::thread m_thread;
};

class HashingSink final : public http::BodySink {
public:
    explicit HashingSink(std::optional<std::uint64_t> fail_after) : m_fail_after(fail_after) {}

    Status write(std::string_view piece) override {
        m_bytes += piece.size();
        m_largest = std::max(m_largest, piece.size());
        if (m_fail_after && m_bytes > *m_fail_after)
            return Error::make(ErrorCode::PayloadTooLarge, "the test sink takes no more");
        m_hash.update(as_bytes(piece));
        return {};
    }
    void abandon() override { ++g_stats.abandoned_sinks; }

    Json result() {
        auto digest = m_hash.finish();
        return {{"bytes", m_bytes}, {"sha256", encoding::hex_encode(digest)}, {"largest_piece", m_largest}};
    }

private:
    std::optional<std::uint64_t> m_fail_after;
    std::uint64_t m_bytes = 0;
    std::size_t m_largest = 0;
    crypto::Sha256 m_hash;
};

} // namespace

TestStreamStats& test_stream_stats() { return g_stats; }

void add_test_stream_routes(http::Router& router) {
    router.add("GET", "/api/v1/test/stream", [](const Request& request, RequestContext&) -> Result<Response> {
        auto total = query_number(request, "bytes", 0);
        auto piece = static_cast<std::size_t>(std::max<std::uint64_t>(1, query_number(request, "piece", 65536)));
        std::optional<std::uint64_t> fail_at;
        if (request.query_param("fail_at")) fail_at = query_number(request, "fail_at", 0);
        http::StreamedBody body{std::make_shared<CountingStream>(total, piece, fail_at), std::nullopt, false};
        if (!request.query_param("chunked")) body.length = total;
        auto r = Response::streamed(200, std::move(body));
        r.headers.set("Content-Type", "application/octet-stream");
        return r;
    });
    router.add("GET", "/api/v1/test/events", [](const Request& request, RequestContext&) -> Result<Response> {
        auto count = query_number(request, "count", 0);
        auto interval = std::chrono::milliseconds(query_number(request, "interval_ms", 10));
        auto r = Response::streamed(200, {std::make_shared<EventStream>(count, interval), std::nullopt, true});
        r.headers.set("Content-Type", "text/plain; charset=utf-8");
        return r;
    });
    router.add(
        "PUT", "/api/v1/test/sink",
        [](const Request& request, RequestContext&) -> Result<Response> {
            if (request.body_follows) {
                std::optional<std::uint64_t> fail_after;
                if (request.query_param("fail_after")) fail_after = query_number(request, "fail_after", 0);
                ++g_stats.sinks;
                return Response::read_body(std::make_shared<HashingSink>(fail_after));
            }
            auto sink = std::dynamic_pointer_cast<HashingSink>(request.body_sink);
            if (!sink) return Error::make(ErrorCode::Internal, "no sink");
            return Response::json(200, sink->result());
        },
        {.max_body_bytes = 64u << 20, .streamed_body = true});
}

} // namespace mimamori::api
