#pragma once
// One client connection: reads requests as bytes arrive, hands each to the RequestHandler, writes
// the answers in order, and enforces the timeouts. It lives on one worker thread (Pistache binds
// a socket to a worker), so it needs no locks; the worker calls on_input() with received bytes
// and on_tick() a few times a second.
//
// What it guarantees for every handler, in one place:
//  - keep-alive by default for HTTP/1.1 with a correct "Connection" header (Pistache 0.0.5 says
//    "close" while keeping the socket open), closed after "Connection: close" or HTTP/1.0;
//  - pipelined requests answered in order (Pistache drops them), at most k_pipeline_depth
//    answers waiting for a client that does not read them;
//  - an answer held until work on another thread is done (Response::after: its access-log
//    entries) leaves from this worker when it is, through the worker's mailbox; the worker serves
//    other connections meanwhile, and this one takes up no next request until it is out;
//  - "Expect: 100-continue" answered before the body is read;
//  - bodies over the limit refused from their Content-Length with 413, then the connection closed
//    without reading the body into memory;
//  - a client too slow with its head or body gets 408 and is disconnected; an idle keep-alive
//    connection is closed; neither ever blocks another connection;
//  - closing is a half-close after the last answer is written, with a bounded linger, so the
//    client reads the answer instead of a reset.
//
// Streaming (stream.hpp), both ways, on the same worker and through the same Wire:
//  - Streamed answers (Response::stream): the head is written, then the BodyStream is pulled
//    for its next piece only when the socket has taken everything written before, so a slow
//    client slows the producer instead of filling memory. Known length: Content-Length, and a
//    stream giving fewer or more bytes cuts the connection; unknown: chunked, ended by the last
//    chunk. StreamPiece::Fail cuts the connection too (the client sees an incomplete answer,
//    never a complete wrong one). A client that stops reading what was written is dropped after
//    the idle timeout; a stream that waits for its producer sets no deadline. Pipelined requests
//    wait until the stream has ended. When the connection ends (client gone, server stopping) the
//    stream is destroyed on the worker: that is how a producer learns to stop.
//  - Cross-thread producers (Server-Sent Events): BodyStream::start() gets a StreamWaker; another
//    thread calls wake(), which posts a task to the worker (Wire::poster); the worker pulls. No
//    other thread ever writes to the socket. A long-lived stream (StreamedBody::long_lived) stops
//    counting as a request in flight once its head is out, and draining (close_if_idle) ends it
//    with the last chunk.
//  - Streamed request bodies (RouteOptions::streamed_body): once the head is read, the handler's
//    plan_body() gives the route's body limit (a Content-Length over it: 413 at once, nothing
//    read, no handler called). The handler is then called with the head alone; it refuses (the
//    answer goes out, the connection closes, the body is never read) or returns a BodySink.
//    Only then is "100 Continue" sent. The body goes into the sink piece by piece as it arrives
//    (never buffered whole; the body timeout counts from the last piece), and when it is complete
//    the handler is called again with the sink (Request::body_follows). If the body does not
//    complete, the sink is told (BodySink::abandon).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/activity.hpp"
#include "http/request_reader.hpp"
#include "http/response.hpp"
#include "http/stream.hpp"

namespace mimamori::http {

// How a Connection reaches its socket (SocketWire, socket_wire.hpp).
class Wire {
public:
    enum class Shutdown { Write, Both };
    // Runs a task on the connection's worker thread, later; callable from any thread, and after
    // the worker has stopped (the task is then dropped).
    using Post = std::function<void(std::function<void()>)>;
    virtual ~Wire() = default;
    // Sends bytes after those before them; `on_written` runs on the connection's thread once
    // they are all sent, perhaps before write() returns (never, if the client went away).
    virtual void write(std::string bytes, std::function<void()> on_written) = 0;
    // The same for bytes that stay where they are while `keep` lives (StreamPiece::shared). The
    // default copies them; SocketWire sends from them.
    virtual void write_shared(std::shared_ptr<const void> keep, std::string_view bytes, std::function<void()> on_written) {
        (void)keep;
        write(std::string(bytes), std::move(on_written));
    }
    // An answer's head and its body (moved, not copied into the head), sent as one write; the
    // default joins them, SocketWire hands both to one sendmsg.
    virtual void write_with_body(std::string head, std::string body, std::function<void()> on_written) {
        head += body;
        write(std::move(head), std::move(on_written));
    }
    // An answer's head and its shared body (Response::SharedBody) as one write, the pieces sent
    // from where they are; the default joins them, SocketWire hands them all to one sendmsg.
    virtual void write_pieces(std::string head, Response::SharedBody body, std::function<void()> on_written) {
        for (auto piece : body.pieces) head.append(piece);
        write(std::move(head), std::move(on_written));
    }
    // Write: a FIN after what was sent (the client still may send); Both: stop reading too, so
    // that the worker sees the end of the stream and drops the connection.
    virtual void shutdown(Shutdown how) = 0;
    // Received bytes wait to be read: the client is not slow, its worker was busy (a blocking
    // handler stalls every connection of its worker), so no timeout applies yet.
    virtual bool input_waiting() const = 0;
    // When the client last took bytes of ours (or when writing began): a client that stops
    // reading an answer is dropped after the idle timeout instead of holding it in memory.
    virtual std::chrono::steady_clock::time_point last_progress() const = 0;
    // How tasks reach this connection's worker (StreamWaker).
    virtual Post poster() const = 0;
};

// Turns a complete request into its answer (the Dispatcher). Called on the worker thread.
class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    virtual Response handle(Request& request) = 0;
    // How the body of the request with this head is read (see the top of this file); the default
    // collects it whole, up to ReaderLimits::max_body_bytes. What the handler learns of the head
    // here (its route) may be kept in it: the same Request is handled once its body is read.
    virtual BodyPlan plan_body(Request& head) {
        (void)head;
        return {};
    }
};

struct ConnectionSettings {
    ReaderLimits limits;
    std::chrono::milliseconds header_timeout{5000}; // first byte to end of the head
    std::chrono::milliseconds body_timeout{30000};  // end of the head to end of the body
    std::chrono::milliseconds idle_timeout{60000};  // keep-alive wait; also, a client not reading
    std::chrono::milliseconds linger_timeout{2000}; // after our FIN, for the client to close
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    using Clock = std::chrono::steady_clock;

    // Answers not yet taken by the client after which pipelined requests wait; while they wait,
    // a client sending more than one largest request's worth of bytes is dropped.
    static constexpr std::size_t k_pipeline_depth = 16;

    Connection(std::unique_ptr<Wire> wire, std::string client_address, const ConnectionSettings& settings,
               RequestHandler& handler, Activity& activity);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void on_input(std::string_view bytes);
    void on_tick(Clock::time_point now);
    // Closes the connection if it waits for a next request with nothing left to send, and ends a
    // long-lived stream with its last chunk (draining).
    void close_if_idle();
    // Closes the connection once what is being sent is out, whatever it was doing (the server
    // stops); a streamed answer still running is cut, a long-lived one ended.
    void close();

private:
    enum class Phase {
        Idle,    // between requests: nothing of the next one received
        Reading, // a request is arriving
        Closing, // the last answer is sent or being sent; our FIN follows it; input is dropped
        Closed,  // both directions shut: waiting for the worker to drop the connection
    };

    // What a write's completion means.
    enum class Write {
        Plain,   // nothing to account
        Counted, // the last bytes of an answer: a request in flight is finished
        Piece,   // a piece of the current stream: pull the next one
    };

    // A streamed answer being written.
    struct Stream {
        std::shared_ptr<BodyStream> source;
        bool chunked = false;
        std::uint64_t remaining = 0; // with a known length: bytes still owed
        bool counted = false;        // its end finishes a request in flight
        bool long_lived = false;
        bool close_after = false;    // the connection closes once it has ended
        bool writing = false;        // a piece is in the wire, not yet taken by the socket
        std::uint64_t id = 0;        // wakes and completions of an earlier stream are ignored
    };

    void process();
    // One step of reading; false when it must wait for bytes or has answered an error.
    bool step();
    bool on_head();
    bool on_body_piece();
    Response run_handler(Request& request);
    void dispatch(Request request, bool close);
    // Answers, or holds the answer while Response::after runs (then on_after() answers).
    void respond(Response response, Request& request, bool close);
    void on_after(Response::Instead instead);
    void answer(Response response, const Request& request, bool close, bool counted);
    void send(std::string bytes, Write kind);
    void send_shared(std::shared_ptr<const void> keep, std::string_view bytes, Write kind);
    void send_with_body(std::string head, std::string body, Write kind);
    void send_pieces(std::string head, Response::SharedBody body, Write kind);
    void on_written(Write kind, std::uint64_t stream_id);
    void start_closing();
    void abort();
    // True (and the deadline moved) while the client still takes our answer's bytes.
    bool client_reads(Clock::time_point now);

    void start_stream(StreamedBody body, bool counted, bool close);
    // Pulls and writes pieces until the stream waits, the socket is busy or the stream ended.
    void pump();
    void on_stream_wake(std::uint64_t id);
    // The stream is complete: `last` (the last chunk, or nothing) goes out and reading resumes.
    void end_stream();
    // The stream cannot be completed: the connection is cut.
    void fail_stream(const std::string& reason, bool error);
    // The streamed request body will not complete.
    void drop_sink();

    std::unique_ptr<Wire> m_wire;
    std::string m_client_address;
    const ConnectionSettings& m_settings;
    RequestHandler& m_handler;
    Activity& m_activity;
    RequestReader m_reader;

    Phase m_phase = Phase::Idle;
    Clock::time_point m_deadline;      // of the current phase
    Clock::time_point m_request_start; // first byte of the current request (access log)
    std::size_t m_pending_writes = 0;
    std::size_t m_unfinished = 0;      // dispatched requests whose answer is not written yet
    bool m_write_shut = false;
    bool m_processing = false;         // process() is on the stack (answers may complete inside)

    std::optional<Stream> m_stream;    // the streamed answer being written
    std::uint64_t m_stream_ids = 0;
    bool m_pumping = false;            // pump() is on the stack (writes may complete inside)
    std::shared_ptr<BodySink> m_sink;  // where the body of the request being read goes
    bool m_sink_counted = false;       // that request already counts as in flight

    // The answer held until its Response::after is done; no next request is taken up meanwhile.
    struct Held {
        Response response;
        Request request;
        bool close = false;
        Clock::time_point start; // of the request (the operational log's duration)
    };
    std::optional<Held> m_held;
    bool m_close_after_held = false;   // close() came while an answer was held
};

} // namespace mimamori::http
