// Bad input over real sockets: every refusal is a JSON error with the right status, the
// connection is closed when its framing is lost, and the server keeps answering others.
#include <gtest/gtest.h>

#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class HttpErrors : public ServerTest {
protected:
    void configure(server::Config& c) override {
        c.max_body_bytes = 64 * 1024;
        c.header_timeout = std::chrono::milliseconds(300);
        c.body_timeout = std::chrono::milliseconds(300);
    }

    // The server still answers a new client.
    void expect_still_serving() {
        auto health = get("/api/v1/health");
        EXPECT_EQ(health.status, 200);
    }

    // The next answer on `c` is this JSON error, the server then closes `c`, and still serves.
    void expect_error_then_closed(HttpConnection& c, int status, const std::string& code);
};

void expect_json_error(const HttpResponse& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.header("Content-Type").value_or(""), "application/json; charset=utf-8");
    EXPECT_EQ(r.error_code(), code) << r.body;
    EXPECT_TRUE(r.json()["error"]["message"].is_string()) << r.body;
    EXPECT_EQ(r.header("X-Content-Type-Options").value_or(""), "nosniff");
}

void HttpErrors::expect_error_then_closed(HttpConnection& c, int status, const std::string& code) {
    auto r = c.read_response();
    expect_json_error(r, status, code);
    EXPECT_EQ(r.header("Connection").value_or(""), "close");
    EXPECT_TRUE(c.wait_closed());
    expect_still_serving();
}

TEST_F(HttpErrors, UnknownApiRouteIs404Json) {
    expect_json_error(get("/api/v1/no-such-thing"), 404, "not_found");
    expect_json_error(get("/api/v2/health"), 404, "not_found");
}

TEST_F(HttpErrors, WrongMethodIs405WithAllow) {
    auto r = http_request(port(), "DELETE", "/api/v1/health");
    expect_json_error(r, 405, "method_not_allowed");
    EXPECT_EQ(r.header("Allow").value_or(""), "GET, HEAD");
    auto post = http_request(port(), "POST", "/index.html");
    expect_json_error(post, 405, "method_not_allowed");
    EXPECT_EQ(post.header("Allow").value_or(""), "GET, HEAD");
}

TEST_F(HttpErrors, MalformedRequestIs400AndClosed) {
    HttpConnection c(port());
    c.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n");
    expect_error_then_closed(c, 400, "invalid_input");
}

TEST_F(HttpErrors, BadPercentEncodingIs400) {
    expect_json_error(get("/api/v1/%zz"), 400, "invalid_input");
    expect_json_error(get("/a%2Fb"), 400, "invalid_input");
}

TEST_F(HttpErrors, OversizedBodyIs413AndClosedWithoutReadingIt) {
    HttpConnection c(port());
    // Announce 100 MB and send only the head: the answer must not wait for the body.
    c.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 100000000\r\n\r\n");
    expect_error_then_closed(c, 413, "payload_too_large");
}

TEST_F(HttpErrors, OversizedBodyStillSentIs413AndClosed) {
    HttpConnection c(port());
    c.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + std::string(300000, 'x'));
    expect_error_then_closed(c, 413, "payload_too_large");
}

TEST_F(HttpErrors, OversizedChunkedBodyIs413AndClosed) {
    HttpConnection c(port());
    std::string chunk(32 * 1024, 'x');
    std::string body;
    for (int i = 0; i < 3; ++i) body += "8000\r\n" + chunk + "\r\n";
    c.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    expect_error_then_closed(c, 413, "payload_too_large");
}

TEST_F(HttpErrors, HugeHeadIs431AndClosed) {
    HttpConnection c(port());
    c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    expect_error_then_closed(c, 431, "headers_too_large");
}

TEST_F(HttpErrors, SlowHeadIs408AndClosedWhileOthersAreServed) {
    HttpConnection slow(port());
    slow.send("GET /api/v1/health HTTP/1.1\r\nHo");
    expect_still_serving(); // during
    expect_error_then_closed(slow, 408, "request_timeout");
}

TEST_F(HttpErrors, SlowBodyIs408AndClosed) {
    HttpConnection slow(port());
    slow.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 100\r\n\r\n{\"message\":");
    expect_still_serving();
    expect_error_then_closed(slow, 408, "request_timeout");
    EXPECT_EQ(database().count_rows("client_errors"), 0);
}

TEST_F(HttpErrors, SilentConnectionIsClosedWithoutAnAnswer) {
    HttpConnection silent(port());
    EXPECT_TRUE(silent.wait_closed());
    expect_still_serving();
}

TEST_F(HttpErrors, ManySlowClientsDoNotBlockOthers) {
    std::vector<HttpConnection> slow;
    for (int i = 0; i < 50; ++i) {
        slow.emplace_back(port());
        slow.back().send("GET / HTTP/1.1\r\n");
    }
    for (int i = 0; i < 5; ++i) expect_still_serving();
    for (auto& c : slow) EXPECT_EQ(c.read_response().status, 408);
}

TEST_F(HttpErrors, HandlerExceptionIs500WithoutDetail) {
    auto r = get("/api/v1/test/fail");
    expect_json_error(r, 500, "internal");
    EXPECT_EQ(r.body.find("internal detail"), std::string::npos) << r.body;
    expect_still_serving();
}

TEST_F(HttpErrors, MalformedJsonIs400) {
    auto r = http_request(port(), "POST", "/api/v1/client-errors", {{"Content-Type", "application/json"}}, "{\"message\":");
    expect_json_error(r, 400, "invalid_input");
}

TEST_F(HttpErrors, NonJsonBodyIs415) {
    auto r = http_request(port(), "POST", "/api/v1/client-errors", {{"Content-Type", "text/plain"}}, "hello");
    expect_json_error(r, 415, "unsupported_media_type");
}

TEST_F(HttpErrors, UnsupportedVersionIs505) {
    HttpConnection c(port());
    c.send("GET / HTTP/2.0\r\nHost: x\r\n\r\n");
    expect_error_then_closed(c, 505, "invalid_input");
}

} // namespace
} // namespace mimamori::test
