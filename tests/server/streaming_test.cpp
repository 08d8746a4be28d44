// Streaming over real sockets (http/stream.hpp), through the test routes of
// api/test_stream_routes.cpp: answers produced in pieces only as fast as the client takes them,
// producers stopped when the client vanishes, events fed from another thread and ended by
// draining, request bodies consumed in pieces far beyond --max-body-bytes, and over-limit bodies
// refused before any route sees them.
#include <gtest/gtest.h>

#include <thread>

#include "api/routes.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

std::string counting_bytes(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i % 251);
    return s;
}

// Waits (a guard, not a measurement) until `done` holds.
template <typename F>
bool eventually(F done) {
    for (int i = 0; i < 1000; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

class Streaming : public ServerTest {
protected:
    api::TestStreamStats& stats = api::test_stream_stats();
};

TEST_F(Streaming, AStreamedAnswerArrivesWholeWithItsLength) {
    auto r = get("/api/v1/test/stream?bytes=3000000&piece=65536");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Length").value_or(""), "3000000");
    EXPECT_TRUE(r.body == counting_bytes(3000000));
}

TEST_F(Streaming, WithoutALengthItIsChunked) {
    auto r = get("/api/v1/test/stream?bytes=200000&piece=7000&chunked=1");
    EXPECT_EQ(r.header("Transfer-Encoding").value_or(""), "chunked");
    EXPECT_TRUE(r.body == counting_bytes(200000));
}

TEST_F(Streaming, AClientThatReadsNothingHoldsTheProducerBackAndOneThatVanishesStopsIt) {
    auto pulls_before = stats.pulls.load();
    HttpConnection slow(port(), 4096);
    slow.send_request("GET", "/api/v1/test/stream?bytes=268435456&piece=65536"); // 256 MiB
    ASSERT_TRUE(eventually([&] { return stats.live_streams.load() == 1; }));
    std::this_thread::sleep_for(300ms); // time enough to produce it all, were nothing holding it back
    auto produced = (stats.pulls.load() - pulls_before) * 65536;
    EXPECT_LT(produced, 32u << 20) << "the producer ran ahead of a client that reads nothing";
    slow.reset(); // the client vanishes
    EXPECT_TRUE(eventually([&] { return stats.live_streams.load() == 0; }));
    auto after = stats.pulls.load();
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(stats.pulls.load(), after);
}

TEST_F(Streaming, AFailingStreamCutsTheAnswer) {
    HttpConnection c(port());
    c.send_request("GET", "/api/v1/test/stream?bytes=1000000&piece=10000&fail_at=500000");
    EXPECT_THROW(c.read_response(), std::runtime_error); // the body never completes
}

TEST_F(Streaming, EventsMadeOnAnotherThreadArriveInOrder) {
    auto r = get("/api/v1/test/events?count=5&interval_ms=5");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "event 0\nevent 1\nevent 2\nevent 3\nevent 4\n");
}

TEST_F(Streaming, ALongLivedStreamIsNotARequestInFlightAndDrainingEndsIt) {
    HttpConnection c(port());
    c.send_request("GET", "/api/v1/test/events?count=0&interval_ms=20");
    auto head = c.read_head();
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(c.read_some(100).substr(0, 11), "8\r\nevent 0\n"); // the first event's chunk
    EXPECT_EQ(server().requests_in_flight(), 0u);
    server().start_draining();
    EXPECT_TRUE(eventually([&] { return stats.live_streams.load() == 0; }));
    std::string rest;
    try {
        for (;;) rest += c.read_some(65536, 2s);
    } catch (const std::runtime_error&) { // closed after the last chunk
    }
    EXPECT_TRUE(rest.ends_with("0\r\n\r\n")) << rest;
}

TEST_F(Streaming, ARequestBodyFarOverTheBodyLimitGoesToItsSinkInPieces) {
    std::string body = counting_bytes(10 << 20); // 10 MiB; --max-body-bytes is 1 MiB
    auto r = http_request(port(), "PUT", "/api/v1/test/sink", {}, body);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["bytes"], body.size());
    EXPECT_EQ(r.json()["sha256"], encoding::hex_encode(crypto::sha256(as_bytes(body))));
    EXPECT_LE(r.json()["largest_piece"].get<std::size_t>(), 256u * 1024) << "the body was collected, not streamed";
}

TEST_F(Streaming, ABodyOverTheRoutesLimitIsRefusedBeforeTheRouteRuns) {
    auto sinks = stats.sinks.load();
    HttpConnection c(port());
    c.send("PUT /api/v1/test/sink HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 67108865\r\n\r\n");
    auto r = c.read_response();
    EXPECT_EQ(r.status, 413); // not 100 Continue
    EXPECT_EQ(r.error_code(), "payload_too_large");
    EXPECT_TRUE(c.wait_closed());
    EXPECT_EQ(stats.sinks.load(), sinks);
}

TEST_F(Streaming, ContinueComesOnlyOnceTheRouteTookTheHead) {
    HttpConnection c(port());
    c.send("PUT /api/v1/test/sink HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    EXPECT_EQ(c.read_response().status, 100);
    c.send("hello");
    auto r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["bytes"], 5);
}

TEST_F(Streaming, ASinkThatRefusesIsAnsweredAndTheRestIsNotRead) {
    auto abandoned = stats.abandoned_sinks.load();
    HttpConnection c(port());
    c.send_request("PUT", "/api/v1/test/sink?fail_after=1000", {{"Content-Length", "4000000"}});
    c.send(std::string(100000, 'x'));
    auto r = c.read_response();
    EXPECT_EQ(r.status, 413);
    EXPECT_TRUE(c.wait_closed());
    EXPECT_EQ(stats.abandoned_sinks.load(), abandoned + 1);
}

} // namespace
} // namespace mimamori::test
