// The connection's streaming (http/stream.hpp) on its own, through a fake Wire that can hold
// writes as a full socket would: streamed answers pulled only when the socket took the previous
// piece, framed by length or chunks, cut when they fail, woken from another thread, released when
// the connection ends; streamed request bodies fed to a sink, refused over their limit before the
// handler runs, "100 Continue" only once the handler accepted the head.
#include <gtest/gtest.h>

#include <deque>
#include <mutex>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

#include "http/connection.hpp"
#include "http/socket_wire.hpp"

namespace mimamori::http {
namespace {

using namespace std::chrono_literals;

// What the fake socket saw.
struct WireState {
    std::string written;                                               // taken by the "socket"
    std::deque<std::pair<std::string, std::function<void()>>> held;    // not yet taken
    bool hold = false;                                                 // writes wait for take()
    int write_shutdowns = 0;
    int full_shutdowns = 0;
    std::chrono::steady_clock::time_point progress = std::chrono::steady_clock::now();
    std::mutex posted_mutex;
    std::vector<std::function<void()>> posted;
};

class FakeWire final : public Wire {
public:
    explicit FakeWire(std::shared_ptr<WireState> state) : m_state(std::move(state)) {}
    void write(std::string bytes, std::function<void()> on_written) override {
        if (m_state->hold) {
            m_state->held.emplace_back(std::move(bytes), std::move(on_written));
            return;
        }
        m_state->written += bytes;
        on_written();
    }
    void shutdown(Shutdown how) override { ++(how == Shutdown::Write ? m_state->write_shutdowns : m_state->full_shutdowns); }
    bool input_waiting() const override { return false; }
    std::chrono::steady_clock::time_point last_progress() const override { return m_state->progress; }
    Post poster() const override {
        return [state = m_state](std::function<void()> task) {
            std::lock_guard lock(state->posted_mutex);
            state->posted.push_back(std::move(task));
        };
    }

private:
    std::shared_ptr<WireState> m_state;
};

// The socket takes the oldest held write (its completion may write more).
bool take_one(WireState& s) {
    if (s.held.empty()) return false;
    auto [bytes, done] = std::move(s.held.front());
    s.held.pop_front();
    s.written += bytes;
    done();
    return true;
}

// The worker runs what other threads posted.
void run_posted(WireState& s) {
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard lock(s.posted_mutex);
        tasks.swap(s.posted);
    }
    for (auto& t : tasks) t();
}

class FakeHandler final : public RequestHandler {
public:
    std::function<Response(Request&)> respond;
    BodyPlan plan;
    int calls = 0;
    Response handle(Request& request) override {
        ++calls;
        return respond(request);
    }
    BodyPlan plan_body(Request&) override { return plan; }
};

// Gives `pieces` in order (Wait while `ready` is false), counting pulls.
class ScriptedStream final : public BodyStream {
public:
    std::deque<StreamPiece> pieces;
    int pulls = 0;
    StreamWaker waker;
    void start(const StreamWaker& w) override { waker = w; }
    StreamPiece pull() override {
        ++pulls;
        if (pieces.empty()) return StreamPiece::wait();
        auto p = std::move(pieces.front());
        pieces.pop_front();
        return p;
    }
};

class RecordingSink final : public BodySink {
public:
    std::string received;
    int pieces = 0;
    bool abandoned = false;
    std::size_t refuse_after = SIZE_MAX;
    Status write(std::string_view piece) override {
        received += piece;
        ++pieces;
        if (received.size() > refuse_after) return Error::make(ErrorCode::PayloadTooLarge, "enough");
        return {};
    }
    void abandon() override { abandoned = true; }
};

class ConnectionStreams : public ::testing::Test {
protected:
    ConnectionStreams() {
        settings.limits.max_body_bytes = 1000;
        settings.idle_timeout = 1s;
        connection = std::make_shared<Connection>(std::make_unique<FakeWire>(wire), "127.0.0.1", settings, handler, activity);
    }

    std::shared_ptr<ScriptedStream> answer_with_stream(std::optional<std::uint64_t> length, bool long_lived = false) {
        auto stream = std::make_shared<ScriptedStream>();
        handler.respond = [stream, length, long_lived](Request&) {
            return Response::streamed(200, {stream, length, long_lived});
        };
        return stream;
    }

    std::shared_ptr<WireState> wire = std::make_shared<WireState>();
    ConnectionSettings settings;
    FakeHandler handler;
    Activity activity;
    std::shared_ptr<Connection> connection;
};

constexpr std::string_view k_get = "GET /x HTTP/1.1\r\nHost: x\r\n\r\n";

TEST_F(ConnectionStreams, PullsTheNextPieceOnlyWhenTheSocketTookThePrevious) {
    auto stream = answer_with_stream(9);
    for (auto piece : {"abc", "def", "ghi"}) stream->pieces.push_back(StreamPiece::data(piece));
    stream->pieces.push_back(StreamPiece::end());
    wire->hold = true;
    connection->on_input(k_get);
    EXPECT_EQ(stream->pulls, 1); // the head and the first piece wait in the socket
    ASSERT_TRUE(take_one(*wire)); // the head
    EXPECT_EQ(stream->pulls, 1);
    ASSERT_TRUE(take_one(*wire)); // "abc": only now the next pull
    EXPECT_EQ(stream->pulls, 2);
    while (take_one(*wire)) {}
    EXPECT_EQ(stream->pulls, 4);
    EXPECT_NE(wire->written.find("Content-Length: 9\r\n"), std::string::npos);
    EXPECT_TRUE(wire->written.ends_with("\r\n\r\nabcdefghi")) << wire->written;
    EXPECT_EQ(activity.requests_in_flight(), 0u);
}

TEST_F(ConnectionStreams, WithoutALengthTheAnswerIsChunkedAndEndedByTheLastChunk) {
    auto stream = answer_with_stream(std::nullopt);
    stream->pieces = {StreamPiece::data("hello"), StreamPiece::data(std::string(20, 'x')), StreamPiece::end()};
    connection->on_input(k_get);
    EXPECT_NE(wire->written.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
    EXPECT_EQ(wire->written.find("Content-Length"), std::string::npos);
    EXPECT_TRUE(wire->written.ends_with("\r\n\r\n5\r\nhello\r\n14\r\n" + std::string(20, 'x') + "\r\n0\r\n\r\n"))
        << wire->written;
}

TEST_F(ConnectionStreams, AStreamShorterOrLongerThanItsLengthCutsTheConnection) {
    auto stream = answer_with_stream(10);
    stream->pieces = {StreamPiece::data("12345"), StreamPiece::end()};
    connection->on_input(k_get);
    EXPECT_EQ(wire->full_shutdowns, 1);
    EXPECT_EQ(activity.requests_in_flight(), 1u); // unfinished until the connection is dropped
    connection.reset();
    EXPECT_EQ(activity.requests_in_flight(), 0u);
}

TEST_F(ConnectionStreams, AFailingStreamCutsTheConnectionAfterWhatItGave) {
    auto stream = answer_with_stream(std::nullopt);
    stream->pieces = {StreamPiece::data("part"), StreamPiece::fail("digest mismatch")};
    connection->on_input(k_get);
    EXPECT_EQ(wire->full_shutdowns, 1);
    EXPECT_EQ(wire->written.find("0\r\n\r\n"), std::string::npos); // never looks complete
}

TEST_F(ConnectionStreams, AWaitingStreamResumesWhenAnotherThreadWakesIt) {
    auto stream = answer_with_stream(std::nullopt);
    connection->on_input(k_get);
    EXPECT_EQ(stream->pulls, 1); // Wait
    std::thread producer([stream] {
        // The producer only queues its piece and wakes; the worker (run_posted) pulls and writes.
        stream->waker.wake();
    });
    producer.join();
    stream->pieces = {StreamPiece::data("event"), StreamPiece::end()};
    EXPECT_EQ(wire->written.find("event"), std::string::npos);
    run_posted(*wire);
    EXPECT_TRUE(wire->written.ends_with("5\r\nevent\r\n0\r\n\r\n")) << wire->written;
}

TEST_F(ConnectionStreams, TheProducerIsReleasedWhenTheConnectionEnds) {
    std::weak_ptr<ScriptedStream> weak = answer_with_stream(std::nullopt);
    connection->on_input(k_get);
    handler.respond = nullptr; // only the connection holds the stream now
    EXPECT_FALSE(weak.expired());
    auto waker = weak.lock()->waker;
    connection.reset(); // the client went away
    EXPECT_TRUE(weak.expired());
    waker.wake(); // a late producer: harmless
    run_posted(*wire);
}

TEST_F(ConnectionStreams, APipelinedRequestWaitsUntilTheStreamHasEnded) {
    auto stream = answer_with_stream(std::nullopt);
    connection->on_input(std::string(k_get) + std::string(k_get));
    EXPECT_EQ(handler.calls, 1);
    stream->pieces = {StreamPiece::data("first"), StreamPiece::end()};
    auto second = std::make_shared<ScriptedStream>();
    second->pieces = {StreamPiece::data("second"), StreamPiece::end()};
    handler.respond = [second](Request&) { return Response::streamed(200, {second, std::nullopt, false}); };
    stream->waker.wake();
    run_posted(*wire);
    EXPECT_EQ(handler.calls, 2);
    auto first_end = wire->written.find("5\r\nfirst\r\n0\r\n\r\n");
    auto second_head = wire->written.find("HTTP/1.1 200", first_end);
    EXPECT_NE(first_end, std::string::npos);
    EXPECT_NE(second_head, std::string::npos);
    EXPECT_TRUE(wire->written.ends_with("6\r\nsecond\r\n0\r\n\r\n"));
}

TEST_F(ConnectionStreams, ALongLivedStreamIsNotInFlightAndDrainingEndsIt) {
    answer_with_stream(std::nullopt, true);
    connection->on_input(k_get);
    EXPECT_EQ(activity.requests_in_flight(), 0u);
    connection->on_tick(std::chrono::steady_clock::now() + 1h); // waiting for events: no deadline
    EXPECT_EQ(wire->full_shutdowns, 0);
    connection->close_if_idle();
    EXPECT_TRUE(wire->written.ends_with("\r\n\r\n0\r\n\r\n")) << wire->written;
    EXPECT_EQ(wire->write_shutdowns, 1);
}

TEST_F(ConnectionStreams, AClientThatStopsTakingAStreamIsDropped) {
    auto stream = answer_with_stream(std::nullopt);
    stream->pieces = {StreamPiece::data("a")};
    wire->hold = true;
    connection->on_input(k_get);
    wire->progress = std::chrono::steady_clock::now() - 2s; // nothing taken for longer than idle
    connection->on_tick(std::chrono::steady_clock::now() + 2s);
    EXPECT_EQ(wire->full_shutdowns, 1);
}

TEST_F(ConnectionStreams, AHeadAnswerDropsTheStreamUnpulled) {
    auto stream = answer_with_stream(1234);
    connection->on_input("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(stream->pulls, 0);
    EXPECT_NE(wire->written.find("Content-Length: 1234\r\n"), std::string::npos);
    EXPECT_TRUE(wire->written.ends_with("\r\n\r\n"));
}

// --- streamed request bodies

class StreamedBodies : public ConnectionStreams {
protected:
    StreamedBodies() {
        handler.plan = {2000, true};
        handler.respond = [this](Request& r) {
            if (r.body_follows) {
                heads.push_back(r.headers.get("X-Try").value_or("").data());
                if (refuse) return Response::error(Error::make(ErrorCode::Forbidden, "no"));
                return Response::read_body(sink);
            }
            EXPECT_EQ(r.body_sink, sink);
            EXPECT_TRUE(r.body.empty());
            Response done;
            done.status = 201;
            done.body = std::to_string(sink->received.size());
            return done;
        };
    }
    std::shared_ptr<RecordingSink> sink = std::make_shared<RecordingSink>();
    std::vector<std::string> heads;
    bool refuse = false;
};

std::string put_head(std::size_t length, std::string_view extra = "") {
    return "PUT /up HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(length) + "\r\n" + std::string(extra) + "\r\n";
}

TEST_F(StreamedBodies, TheBodyGoesToTheSinkAsItArrivesThenTheHandlerAnswers) {
    std::string body(1500, 'b');
    connection->on_input(put_head(body.size()) + body.substr(0, 100));
    EXPECT_EQ(heads.size(), 1u);
    EXPECT_EQ(sink->received.size(), 100u);
    connection->on_input(body.substr(100, 700));
    connection->on_input(body.substr(800));
    EXPECT_EQ(sink->received, body);
    EXPECT_EQ(sink->pieces, 3);
    EXPECT_EQ(handler.calls, 2);
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 201"));
    EXPECT_TRUE(wire->written.ends_with("1500"));
    EXPECT_FALSE(sink->abandoned);
    EXPECT_EQ(activity.requests_in_flight(), 0u);
}

TEST_F(StreamedBodies, TheRoutesLimitReplacesTheConnectionsOne) {
    std::string body(1500, 'b'); // over the connection's 1000, within the route's 2000
    connection->on_input(put_head(body.size()) + body);
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 201")) << wire->written;
}

TEST_F(StreamedBodies, ABodyOverTheLimitIsRefusedBeforeTheHandlerRuns) {
    connection->on_input(put_head(2001, "Expect: 100-continue\r\n"));
    EXPECT_EQ(handler.calls, 0);
    EXPECT_TRUE(sink->received.empty());
    EXPECT_EQ(wire->written.find("100 Continue"), std::string::npos);
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 413"));
    EXPECT_EQ(wire->write_shutdowns, 1);
}

TEST_F(StreamedBodies, ContinueIsSentOnlyOnceTheHandlerAcceptedTheHead) {
    connection->on_input(put_head(3, "Expect: 100-continue\r\n"));
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 100 Continue\r\n\r\n"));
    connection->on_input("abc");
    EXPECT_NE(wire->written.find("HTTP/1.1 201"), std::string::npos);
}

TEST_F(StreamedBodies, AHeadRefusedByTheHandlerIsAnsweredWithoutReadingTheBody) {
    refuse = true;
    connection->on_input(put_head(3, "Expect: 100-continue\r\n"));
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 403"));
    EXPECT_EQ(wire->write_shutdowns, 1);
    connection->on_input("abc");
    EXPECT_TRUE(sink->received.empty());
    EXPECT_EQ(handler.calls, 1);
    EXPECT_EQ(activity.requests_in_flight(), 0u);
}

TEST_F(StreamedBodies, ASinkErrorIsAnsweredAndTheRestIsNotRead) {
    sink->refuse_after = 10;
    connection->on_input(put_head(100) + std::string(50, 'x'));
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 413")) << wire->written;
    EXPECT_EQ(wire->write_shutdowns, 1);
    EXPECT_EQ(handler.calls, 1);
    EXPECT_EQ(activity.requests_in_flight(), 0u);
}

TEST_F(StreamedBodies, AChunkedBodyIsStreamedAndItsLimitKept) {
    connection->on_input("PUT /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    EXPECT_EQ(sink->received, "hello world");
    EXPECT_TRUE(wire->written.starts_with("HTTP/1.1 201")) << wire->written;

    auto again = std::make_shared<RecordingSink>();
    sink = again;
    connection->on_input("PUT /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + std::string(2000, 'y') +
                         "\r\n1\r\nz\r\n0\r\n\r\n");
    EXPECT_EQ(again->received.size(), 2000u);
    EXPECT_TRUE(again->abandoned);
    EXPECT_NE(wire->written.find("HTTP/1.1 413"), std::string::npos);
}

TEST_F(StreamedBodies, ABodyCutShortIsAbandoned) {
    connection->on_input(put_head(100) + "partial");
    connection.reset(); // the client vanished mid-body
    EXPECT_TRUE(sink->abandoned);
    EXPECT_EQ(sink->received, "partial");
    EXPECT_EQ(activity.requests_in_flight(), 0u);
}

// An answer's head and its body in one write (a timeline page's body is not copied behind its
// head): over a real socket whose buffer takes only part of it, every byte arrives once and in
// order, and the completion runs once, when the socket took the last byte.
TEST(SocketWireTest, WritesAHeadWithItsBodyInOrderThroughAFullSocket) {
    int fds[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
    bool watching = false;
    SocketWire wire(fds[0], [&](bool on) { watching = on; }, [](std::function<void()> task) { task(); });
    std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 3000000\r\n\r\n";
    std::string body(3'000'000, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 23);
    std::string expected = head + body;
    int completions = 0;
    wire.write_with_body(head, body, [&] { ++completions; });
    EXPECT_TRUE(watching); // the socket took only part of it
    EXPECT_EQ(completions, 0);
    std::string received;
    char buffer[65536];
    while (received.size() < expected.size()) {
        ssize_t n = ::read(fds[1], buffer, sizeof buffer);
        if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
        else if (n < 0 && errno == EAGAIN) wire.on_writable();
        else break;
    }
    wire.on_writable();
    EXPECT_EQ(received.size(), expected.size());
    EXPECT_TRUE(received == expected);
    EXPECT_EQ(completions, 1);
    EXPECT_FALSE(watching);
    ::close(fds[0]);
    ::close(fds[1]);
}

} // namespace
} // namespace mimamori::http
