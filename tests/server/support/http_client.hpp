#pragma once
// A small HTTP/1.1 client over a raw socket, for tests: it sends exactly the bytes it is given
// (malformed requests, partial heads, slow or oversized bodies) and reads answers the way a
// strict client would. Timeouts are guards against a hanging server, never measurements.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mimamori/common/json.hpp"

namespace mimamori::test {

using namespace std::chrono_literals;
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
    int status = 0;
    HeaderList headers;
    std::string body;

    // The first value of a header (name compared without case).
    std::optional<std::string> header(std::string_view name) const;
    // The value a Set-Cookie header of this answer gives cookie `name` (for session tests).
    std::optional<std::string> cookie(std::string_view name) const;
    // The body parsed as JSON (a discarded value when it is not JSON).
    Json json() const;
    // {"error":{"code"}} of an error answer, or "".
    std::string error_code() const;
};

class HttpConnection {
public:
    // Connects to 127.0.0.1:port; throws std::runtime_error when it cannot. A non-zero
    // `receive_buffer` shrinks the socket's receive buffer (a client that reads slowly).
    explicit HttpConnection(std::uint16_t port, int receive_buffer = 0);
    ~HttpConnection();
    HttpConnection(HttpConnection&& other) noexcept;
    HttpConnection& operator=(HttpConnection&&) = delete;
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    void send(std::string_view bytes);
    // A complete request: "Host" and (with a body, or for POST/PUT/PATCH) "Content-Length" are
    // added unless given.
    void send_request(const std::string& method, const std::string& target, const HeaderList& headers = {},
                      const std::string& body = {});
    // Reads one answer (an interim 100 too). `head_request`: the answer to a HEAD has no body.
    // Throws std::runtime_error on timeout or when the server closes first.
    HttpResponse read_response(bool head_request = false, std::chrono::milliseconds timeout = 10s);
    HttpResponse request(const std::string& method, const std::string& target, const HeaderList& headers = {},
                         const std::string& body = {});
    // For large bodies read piece by piece: an answer's status line and headers only, then up to
    // `max` bytes of what follows (at least one; throws when the server closes first).
    HttpResponse read_head(std::chrono::milliseconds timeout = 10s);
    std::string read_some(std::size_t max, std::chrono::milliseconds timeout = 10s);

    // True when the server ends the connection (end of stream or reset) within `timeout`;
    // anything it sends first is skipped.
    bool wait_closed(std::chrono::milliseconds timeout = 10s);
    // FIN from our side; the server may still answer.
    void shutdown_write();
    // Closes with a reset (SO_LINGER 0), as a client that vanishes.
    void reset();

private:
    bool fill(std::chrono::steady_clock::time_point deadline); // false on end of stream
    std::string take_line(std::chrono::steady_clock::time_point deadline);
    std::string take(std::size_t n, std::chrono::steady_clock::time_point deadline);

    int m_fd = -1;
    std::string m_buffer;
};

// One request on a new connection.
HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const HeaderList& headers = {}, const std::string& body = {});

} // namespace mimamori::test
