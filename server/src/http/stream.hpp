#pragma once
// Streaming in the HTTP layer, both ways, for what must never sit whole in memory:
//  - answers whose body is produced in pieces (file downloads, Server-Sent Events): a Response
//    carries a StreamedBody, and the connection pulls its BodyStream one piece at a time, only
//    when the socket has taken everything pulled before (backpressure);
//  - request bodies consumed in pieces (file uploads): a route with RouteOptions::streamed_body
//    hands a BodySink to the connection, which feeds it the body as it arrives.
// Everything here runs on the connection's worker thread. A producer on another thread (an event
// bus, a database reader) never writes: it calls StreamWaker::wake(), which posts to the worker,
// and the worker pulls. connection.hpp describes the rules the connection keeps.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "mimamori/common/result.hpp"

namespace mimamori::http {

// Tells a connection "the stream has something: pull again". wake() may be called from any
// thread, any number of times; the pull then happens on the connection's worker. Once the stream
// or its connection has ended, wake() does nothing (a producer may outlive its client).
class StreamWaker {
public:
    StreamWaker() = default; // wakes nothing
    explicit StreamWaker(std::function<void()> wake) : m_wake(std::move(wake)) {}
    void wake() const {
        if (m_wake) m_wake();
    }

private:
    std::function<void()> m_wake;
};

// What a pulled stream gives.
struct StreamPiece {
    enum class Kind {
        Data, // `bytes` follow in the body
        Wait, // nothing now: the producer will call the waker when there is
        End,  // the body is complete
        Fail, // the body cannot be completed: the connection is cut (the client sees an incomplete
              // answer, never a complete wrong one) and `reason` is logged
    };
    Kind kind = Kind::End;
    std::string bytes;
    std::string reason;
    // Data written from where it already is (a file row in libpq's result): `view` stays valid
    // while `keep` lives, and the socket writes from it without a copy. `bytes` is then empty.
    std::shared_ptr<const void> keep;
    std::string_view view;

    static StreamPiece data(std::string bytes) { return {Kind::Data, std::move(bytes), {}, {}, {}}; }
    static StreamPiece shared(std::shared_ptr<const void> keep, std::string_view view) {
        return {Kind::Data, {}, {}, std::move(keep), view};
    }
    static StreamPiece wait() { return {Kind::Wait, {}, {}, {}, {}}; }
    static StreamPiece end() { return {Kind::End, {}, {}, {}, {}}; }
    static StreamPiece fail(std::string reason) { return {Kind::Fail, {}, std::move(reason), {}, {}}; }
    // The data, wherever it is.
    std::string_view data_view() const { return keep ? view : std::string_view(bytes); }
};

// The producer of a streamed answer's body. Its destructor runs on the worker when the answer
// ends for whatever reason (complete, client gone, server stopping): release what it holds there.
class BodyStream {
public:
    virtual ~BodyStream() = default;
    // Once, on the worker, before the first pull: the waker of this stream.
    virtual void start(const StreamWaker& waker) { (void)waker; }
    // The next piece. Called on the worker, and only when everything pulled before has been
    // taken by the socket: a producer holds at most what it returns here plus what it prefetches.
    // An exception counts as Fail.
    virtual StreamPiece pull() = 0;
};

// The body of a streamed Response (Response::streamed).
struct StreamedBody {
    std::shared_ptr<BodyStream> source;
    // Known: sent as Content-Length, and the stream must give exactly that many bytes (fewer or
    // more cuts the connection). Unknown: sent chunked.
    std::optional<std::uint64_t> length;
    // An event stream: its answer stops counting as a request in flight once its head is written
    // (a graceful shutdown does not wait for it), draining ends it with the last chunk, and only a
    // client that stops reading what was written is dropped (waiting for events sets no deadline).
    bool long_lived = false;
};

// The consumer of a streamed request body (Response::read_body). Its destructor runs on the worker.
class BodySink {
public:
    virtual ~BodySink() = default;
    // The next bytes of the body, in order, in pieces of any size (what the socket gave at once).
    // An Error stops reading: the connection answers it and closes.
    virtual Status write(std::string_view piece) = 0;
    // The body will not be completed (the client went away, the connection closes, the framing
    // broke): keep or drop what arrived. Not called when the body completed.
    virtual void abandon() {}
};

// How a request's body is read, decided from its head (RequestHandler::plan_body), before a
// byte of it is read: a Content-Length over max_bytes is refused with 413 there, before any
// handler or sink sees the request.
struct BodyPlan {
    std::optional<std::size_t> max_bytes; // none: the connection's limit (--max-body-bytes)
    bool streamed = false;                // the handler sees the head first; see Request::body_follows
};

} // namespace mimamori::http
