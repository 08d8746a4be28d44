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
//  - "Expect: 100-continue" answered before the body is read;
//  - bodies over the limit refused from their Content-Length with 413, then the connection closed
//    without reading the body into memory;
//  - a client too slow with its head or body gets 408 and is disconnected; an idle keep-alive
//    connection is closed; neither ever blocks another connection;
//  - closing is a half-close after the last answer is written, with a bounded linger, so the
//    client reads the answer instead of a reset.
//
// Later streaming answers (Server-Sent Events, file downloads) belong here too: a Response that
// carries a stream would leave the connection in a streaming phase, with its chunks posted to
// the worker (Listener's mailbox) and written by the same Wire, never from another thread.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/activity.hpp"
#include "http/request_reader.hpp"
#include "http/response.hpp"

namespace mimamori::http {

// How a Connection reaches its socket (SocketWire, socket_wire.hpp).
class Wire {
public:
    enum class Shutdown { Write, Both };
    virtual ~Wire() = default;
    // Sends bytes after those before them; `on_written` runs on the connection's thread once
    // they are all sent, perhaps before write() returns (never, if the client went away).
    virtual void write(std::string bytes, std::function<void()> on_written) = 0;
    // Write: a FIN after what was sent (the client still may send); Both: stop reading too, so
    // that the worker sees the end of the stream and drops the connection.
    virtual void shutdown(Shutdown how) = 0;
    // Received bytes wait to be read: the client is not slow, its worker was busy (a blocking
    // handler stalls every connection of its worker), so no timeout applies yet.
    virtual bool input_waiting() const = 0;
    // When the client last took bytes of ours (or when writing began): a client that stops
    // reading an answer is dropped after the idle timeout instead of holding it in memory.
    virtual std::chrono::steady_clock::time_point last_progress() const = 0;
};

// Turns a complete request into its answer (the Dispatcher). Called on the worker thread.
class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    virtual Response handle(Request& request) = 0;
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
    // Closes the connection if it waits for a next request with nothing left to send (draining).
    void close_if_idle();
    // Closes the connection once what is being sent is out, whatever it was doing (the server
    // stops).
    void close();

private:
    enum class Phase {
        Idle,    // between requests: nothing of the next one received
        Reading, // a request is arriving
        Closing, // the last answer is sent or being sent; our FIN follows it; input is dropped
        Closed,  // both directions shut: waiting for the worker to drop the connection
    };

    void process();
    // One step of reading; false when it must wait for bytes or has answered an error.
    bool step();
    void dispatch(Request request, bool close);
    void answer(const Response& response, const Request& request, bool close, bool counted);
    void send(std::string bytes, bool counted);
    void on_written(bool counted);
    void start_closing();
    void abort();
    // True (and the deadline moved) while the client still takes our answer's bytes.
    bool client_reads(Clock::time_point now);

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
};

} // namespace mimamori::http
