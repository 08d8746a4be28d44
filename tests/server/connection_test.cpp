// Connection handling over real sockets: keep-alive, pipelining, closing, Expect: 100-continue,
// HEAD, security headers.
#include <gtest/gtest.h>

#include <thread>

#include "http/connection.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class Connections : public ServerTest {
protected:
    void configure(server::Config& c) override { c.keepalive_timeout = std::chrono::milliseconds(400); }
};

TEST_F(Connections, KeepAliveServesSeveralRequestsOnOneConnection) {
    HttpConnection c(port());
    for (int i = 0; i < 5; ++i) {
        auto r = c.request("GET", "/api/v1/health");
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.header("Connection").value_or(""), "keep-alive"); // Pistache would say "Close"
    }
    auto file = c.request("GET", "/app.css");
    EXPECT_EQ(file.body, read_web_file("app.css"));
}

TEST_F(Connections, PipelinedRequestsAreAnsweredInOrder) {
    HttpConnection c(port());
    std::string burst;
    for (int i = 0; i < 10; ++i) burst += "GET /stress/" + std::to_string(i) + ".txt HTTP/1.1\r\nHost: x\r\n\r\n";
    c.send(burst);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(c.read_response().body, read_web_file("stress/" + std::to_string(i) + ".txt"));
}

TEST_F(Connections, ManyPipelinedRequestsToASlowReaderArriveInOrder) {
    HttpConnection c(port(), 4096);
    std::string burst;
    for (int i = 0; i < 60; ++i) burst += "GET /stress/" + std::to_string(i % 16) + ".txt HTTP/1.1\r\nHost: x\r\n\r\n";
    c.send(burst);
    for (int i = 0; i < 60; ++i)
        ASSERT_EQ(c.read_response().body, read_web_file("stress/" + std::to_string(i % 16) + ".txt")) << i;
}

TEST_F(Connections, PipelinedFloodWithoutReadingIsBoundedAndDropped) {
    HttpConnection c(port(), 4096);
    std::string burst;
    for (int i = 0; i < 1000; ++i) burst += "GET /stress/0.txt HTTP/1.1\r\nHost: x\r\n\r\n";
    try {
        for (int i = 0; i < 100; ++i) c.send(burst); // 100000 requests; no answer is ever read
    } catch (const std::runtime_error&) { // the server already hung up
    }
    // Watch the answers the server holds for this client until it gives up on it (guard only).
    std::size_t most = 0;
    for (int i = 0; i < 2000 && (most == 0 || server().open_connections() > 0); ++i) {
        most = std::max(most, server().requests_in_flight());
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(server().open_connections(), 0u);
    EXPECT_GT(most, 0u);
    EXPECT_LE(most, http::Connection::k_pipeline_depth);
}

TEST_F(Connections, ConnectionCloseIsHonoured) {
    HttpConnection c(port());
    auto r = c.request("GET", "/api/v1/health", {{"Connection", "close"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Connection").value_or(""), "close");
    EXPECT_TRUE(c.wait_closed());
}

TEST_F(Connections, Http10IsClosedAfterItsAnswer) {
    HttpConnection c(port());
    c.send("GET /app.css HTTP/1.0\r\n\r\n");
    auto r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Connection").value_or(""), "close");
    EXPECT_TRUE(c.wait_closed());
}

TEST_F(Connections, ExpectContinueGetsAnInterimAnswerBeforeTheBody) {
    HttpConnection c(port());
    std::string body = R"({"message":"boom","where":"start screen"})";
    c.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(c.read_response().status, 100);
    c.send(body);
    EXPECT_EQ(c.read_response().status, 201);
    EXPECT_EQ(database().count_rows("client_errors"), 1);
}

TEST_F(Connections, ExpectContinueWithAnOversizedBodyIs413Only) {
    HttpConnection c(port());
    c.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
           "Content-Length: 999999999\r\n\r\n");
    EXPECT_EQ(c.read_response().status, 413);
    EXPECT_TRUE(c.wait_closed());
}

TEST_F(Connections, IdleKeepAliveConnectionIsClosed) {
    HttpConnection c(port());
    EXPECT_EQ(c.request("GET", "/api/v1/health").status, 200);
    EXPECT_TRUE(c.wait_closed());
}

TEST_F(Connections, ClientThatStopsReadingIsDropped) {
    HttpConnection stalled(port(), 4096);
    stalled.send_request("GET", "/big.bin");
    // The answer stays unfinished while the client reads nothing, until the server gives up on
    // it (guard only: the loop ends as soon as it does).
    for (int i = 0; i < 1000 && server().requests_in_flight() == 0; ++i) std::this_thread::sleep_for(1ms);
    for (int i = 0; i < 1000 && server().requests_in_flight() > 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(server().requests_in_flight(), 0u);
    EXPECT_THROW(stalled.read_response(), std::runtime_error); // cut short
}

TEST_F(Connections, HeadHasTheHeadersOfGetAndNoBody) {
    HttpConnection c(port());
    auto head = c.request("HEAD", "/api/v1/health");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_NE(head.header("Content-Length").value_or("0"), "0");
    // The connection is still in step: the next answer is read whole.
    EXPECT_EQ(c.request("GET", "/api/v1/health").json()["status"], "ok");
}

TEST_F(Connections, EveryAnswerCarriesTheSecurityHeaders) {
    for (const char* target : {"/api/v1/health", "/", "/nothing-here", "/api/v1/nothing"}) {
        auto r = get(target);
        SCOPED_TRACE(target);
        EXPECT_EQ(r.header("Content-Security-Policy").value_or(""),
                  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; "
                  "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                  "form-action 'self'; frame-ancestors 'none'");
        EXPECT_EQ(r.header("X-Content-Type-Options").value_or(""), "nosniff");
        EXPECT_EQ(r.header("Referrer-Policy").value_or(""), "no-referrer");
        EXPECT_EQ(r.header("X-Frame-Options").value_or(""), "DENY");
        EXPECT_EQ(r.header("Cross-Origin-Opener-Policy").value_or(""), "same-origin");
        EXPECT_NE(r.header("Permissions-Policy").value_or("").find("camera=(self)"), std::string::npos);
        EXPECT_TRUE(r.header("Date").has_value());
    }
    EXPECT_EQ(get("/api/v1/health").header("Cache-Control").value_or(""), "no-store");
    EXPECT_EQ(get("/api/v1/nothing").header("Cache-Control").value_or(""), "no-store");
}

TEST_F(Connections, RequestIdIsEchoedOrMade) {
    EXPECT_EQ(get("/api/v1/health", {{"X-Request-Id", "abc-123"}}).header("X-Request-Id").value_or(""), "abc-123");
    auto made = get("/api/v1/health", {{"X-Request-Id", "not plain!"}}).header("X-Request-Id").value_or("");
    EXPECT_FALSE(made.empty());
    EXPECT_NE(made, "not plain!");
}

TEST_F(Connections, ChunkedRequestBodyIsAccepted) {
    HttpConnection c(port());
    c.send("POST /api/v1/client-errors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Transfer-Encoding: chunked\r\n\r\n"
           "b\r\n{\"message\":\r\n1d\r\n\"x\",\"where\":\"chunked upload\"}\r\n0\r\n\r\n");
    EXPECT_EQ(c.read_response().status, 201);
}

} // namespace
} // namespace mimamori::test

namespace mimamori::test {
namespace {

// One worker, short timeouts: a handler that blocks the worker stalls its other connections.
class BusyWorker : public ServerTest {
protected:
    void configure(server::Config& c) override {
        c.threads = 1;
        c.keepalive_timeout = c.header_timeout = std::chrono::milliseconds(300);
    }
};

TEST_F(BusyWorker, ClientsWaitingOnAStalledWorkerAreServedNotTimedOut) {
    HttpConnection waiting(port());
    ASSERT_EQ(waiting.request("GET", "/api/v1/health").status, 200); // now idle, keep-alive
    HttpConnection slow(port());
    slow.send_request("GET", "/api/v1/test/sleep?ms=1000");
    for (int i = 0; i < 500 && server().requests_in_flight() == 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(server().requests_in_flight(), 1u);
    // Sent while the only worker sleeps: when it wakes, this request is older than both
    // timeouts, but it was the server that was late, not the client.
    waiting.send_request("GET", "/api/v1/health");
    EXPECT_EQ(slow.read_response().status, 200);
    EXPECT_EQ(waiting.read_response().status, 200);
}

} // namespace
} // namespace mimamori::test

namespace mimamori::test {
namespace {

// Answers held for their access-log entries (Response::after): one worker, so that a worker
// blocked by the append would stall everything else.
class HeldAnswers : public ServerTest {
protected:
    void configure(server::Config& c) override { c.threads = 1; }
    // Every INSERT into the access log takes `seconds` longer.
    void slow_log(double seconds) {
        database().exec("CREATE FUNCTION slow_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(" +
                        std::to_string(seconds) + "); RETURN NULL; END $$; CREATE TRIGGER slow_entry BEFORE INSERT ON "
                        "audit_log FOR EACH STATEMENT EXECUTE FUNCTION slow_entry()");
    }
    // Committed "ok" entries of POST /api/v1/test/audit?status=N.
    std::string entries(int status) {
        return database().query_value("SELECT count(*) FROM audit_log WHERE action = 'test.write' AND result = 'ok' "
                                      "AND target_id = '" + std::to_string(status) + "'");
    }
    static std::string logged_request(int status) {
        return "POST /api/v1/test/audit?status=" + std::to_string(status) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n";
    }
};

TEST_F(HeldAnswers, PipelinedAnswersKeepTheirOrderAndLeaveAfterTheirEntries) {
    slow_log(0.05);
    HttpConnection c(port());
    std::string burst;
    for (int i = 0; i < 4; ++i)
        burst += logged_request(200 + i) + "GET /stress/" + std::to_string(i) + ".txt HTTP/1.1\r\nHost: x\r\n\r\n";
    c.send(burst);
    for (int i = 0; i < 4; ++i) {
        auto logged = c.read_response();
        EXPECT_EQ(logged.status, 200 + i);
        EXPECT_EQ(entries(200 + i), "1") << "answered before its entry was committed";
        EXPECT_EQ(c.read_response().body, read_web_file("stress/" + std::to_string(i) + ".txt")) << i;
    }
}

TEST_F(HeldAnswers, TheWorkerServesOthersWhileAnAnswerWaitsForItsEntries) {
    slow_log(3.0);
    HttpConnection held(port());
    held.send(logged_request(201));
    for (int i = 0; i < 500 && server().requests_in_flight() == 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(server().requests_in_flight(), 1u);
    // The only worker answers another client while the first answer waits for the appender.
    HttpConnection other(port());
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(other.request("GET", "/app.css").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s); // not after the 3 s append
    // The other answer stops counting once its last byte is written (which may come after the
    // client has read it); the held one still counts (guard only: the loop ends at once).
    for (int i = 0; i < 100 && server().requests_in_flight() > 1; ++i) std::this_thread::sleep_for(5ms);
    EXPECT_EQ(server().requests_in_flight(), 1u); // still held
    EXPECT_EQ(held.read_response().status, 201);
    EXPECT_EQ(entries(201), "1");
}

TEST_F(HeldAnswers, AFailedAppendStillAnswersTheError) {
    database().exec("CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'the log is full'; END $$; "
                    "CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_entry()");
    HttpConnection c(port());
    c.send(logged_request(201) + logged_request(202));
    auto first = c.read_response();
    EXPECT_EQ(first.status, 500);
    EXPECT_EQ(first.error_code(), "internal");
    EXPECT_FALSE(first.header("X-Request-Id").value_or("").empty());
    EXPECT_EQ(c.read_response().status, 500);
    database().exec("DROP TRIGGER refuse_entry ON audit_log; DROP FUNCTION refuse_entry()");
    EXPECT_EQ(c.request("POST", "/api/v1/test/audit?status=201").status, 201);
    EXPECT_EQ(entries(201), "1");
    EXPECT_EQ(entries(202), "0");
}

} // namespace
} // namespace mimamori::test
