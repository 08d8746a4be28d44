// Graceful shutdown in-process: a draining server answers new requests 503 with
// "Connection: close" while the requests in flight finish.
#include <gtest/gtest.h>

#include <thread>

#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using Shutdown = ServerTest;

TEST_F(Shutdown, DrainingAnswers503AndLetsInFlightRequestsFinish) {
    HttpConnection slow(port());
    slow.send_request("GET", "/api/v1/test/sleep?ms=800");
    // In flight once dispatched (guard only: the loop ends as soon as it is).
    for (int i = 0; i < 500 && server().requests_in_flight() == 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(server().requests_in_flight(), 1u);

    server().start_draining();
    HttpConnection late(port());
    auto refused = late.request("GET", "/api/v1/health");
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.error_code(), "unavailable");
    EXPECT_EQ(refused.header("Connection").value_or(""), "close");
    EXPECT_TRUE(late.wait_closed());

    auto finished = slow.read_response();
    EXPECT_EQ(finished.status, 200);
    EXPECT_EQ(finished.json()["slept_ms"], 800);
}

TEST_F(Shutdown, ClosesIdleKeepAliveConnections) {
    HttpConnection idle(port());
    ASSERT_EQ(idle.request("GET", "/api/v1/health").status, 200);
    server().start_draining();
    EXPECT_TRUE(idle.wait_closed());
}

TEST_F(Shutdown, CompletesWithTheInFlightAnswerWritten) {
    HttpConnection slow(port());
    slow.send_request("GET", "/api/v1/test/sleep?ms=500");
    for (int i = 0; i < 500 && server().requests_in_flight() == 0; ++i) std::this_thread::sleep_for(10ms);
    std::thread stopper([this] { server().shutdown(std::chrono::seconds(20)); });
    auto finished = slow.read_response();
    stopper.join();
    EXPECT_EQ(finished.status, 200);
    EXPECT_EQ(server().requests_in_flight(), 0u);
}

TEST_F(Shutdown, WaitsForAnAnswerHeldForItsAccessLogEntries) {
    // The answer waits for the appender, not on a worker (Response::after): the shutdown must
    // still send it, after its entry is committed.
    database().exec("CREATE FUNCTION slow_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.5); "
                    "RETURN NULL; END $$; CREATE TRIGGER slow_entry BEFORE INSERT ON audit_log FOR EACH STATEMENT "
                    "EXECUTE FUNCTION slow_entry()");
    HttpConnection held(port());
    held.send_request("POST", "/api/v1/test/audit?status=201");
    for (int i = 0; i < 500 && server().requests_in_flight() == 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(server().requests_in_flight(), 1u);
    std::thread stopper([this] { server().shutdown(std::chrono::seconds(20)); });
    auto finished = held.read_response();
    stopper.join();
    EXPECT_EQ(finished.status, 201);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE action = 'test.write' AND result = 'ok'"), "1");
    EXPECT_EQ(server().requests_in_flight(), 0u);
}

} // namespace
} // namespace mimamori::test
