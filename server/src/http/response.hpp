#pragma once
// An HTTP response as handlers build it. The layer adds what every response carries (security
// headers, Date, Content-Length, Connection: see wire.hpp), so handlers set only what is theirs.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/headers.hpp"
#include "http/stream.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::http {

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    // The connection is closed once this response is written (errors that leave the stream in
    // an unknown state, shutdown).
    bool close_connection = false;
    // A HEAD answer that did not produce its body says here how long the GET body is.
    std::optional<std::uint64_t> omitted_body_length;
    // A body sent from where its bytes are instead of `body` (then empty): views of text kept
    // alive by `keep`, in order -- the read cache's page and its viewer's slots go to the socket
    // as they are (one sendmsg with the head), never copied into one string per request.
    struct SharedBody {
        std::shared_ptr<const void> keep;
        std::vector<std::string_view> pieces;
        std::size_t size = 0; // of all pieces
    };
    std::optional<SharedBody> shared_body;
    // A body produced in pieces (stream.hpp) instead of `body`; dropped unsent for HEAD.
    std::optional<StreamedBody> stream;
    // The first call of a streamed-body route: read the body into this sink (Request::body_follows).
    std::shared_ptr<BodySink> body_sink;
    // An answer that may leave only once work elsewhere is done: the request's access-log
    // entries, appended by the appender's thread while no worker waits (Dispatcher::handle). The
    // connection calls `after(done)` once and holds this answer; `done` is called once, from any
    // thread: with nothing, the held answer goes out; with a Response, that one instead (the error
    // the work ended in). Pipelined requests on the connection wait meanwhile, so answers keep
    // their order.
    using Instead = std::unique_ptr<Response>;
    using Done = std::function<void(Instead)>;
    std::function<void(Done)> after;
    // With `after`: once it is done (with nothing), the handler is called again with the same
    // request instead of this answer being sent (the read cache's freshness round, awaited before
    // the route runs).
    bool again = false;

    // The length of the body: `body`'s, or the shared body's.
    std::size_t body_size() const { return shared_body ? shared_body->size : body.size(); }
    // The body as one string (a copy of the shared body's pieces), where it is kept or compared.
    std::string body_text() const;

    // A JSON body (application/json; charset=utf-8).
    static Response json(int status, const Json& value);
    // The JSON error {"error":{"code","message"[,"field"]}} with the status of its code.
    static Response error(const Error& error);
    // The same with an explicit status, for the statuses the error codes do not name
    // (408, 417, 422, 431, 505).
    static Response error(int status, const Error& error);
    // An answer whose body is `body.source`'s pieces (Content-Type and the rest still to be set).
    static Response streamed(int status, StreamedBody body);
    // The answer of a streamed-body route to its head: go on, the body goes into `sink`.
    static Response read_body(std::shared_ptr<BodySink> sink);
};

// The HTTP status of an expected failure.
int status_for(ErrorCode code);

// "OK", "Not Found"...; "Unknown" for a status this server never sends.
std::string_view reason_phrase(int status);

} // namespace mimamori::http
