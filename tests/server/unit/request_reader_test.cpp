// The HTTP/1.1 request reader on its own: framing, limits and refusals, byte by byte.
#include <gtest/gtest.h>

#include "http/request_reader.hpp"

namespace mimamori::http {
namespace {

using State = RequestReader::State;
using namespace std::string_literals;

ReaderLimits small_limits() {
    ReaderLimits l;
    l.max_head_bytes = 1024;
    l.max_header_fields = 10;
    l.max_body_bytes = 100;
    return l;
}

// Feeds all of `bytes` and advances until a request completes or the reader stops.
State read_all(RequestReader& reader, std::string_view bytes) {
    reader.append(bytes);
    State s;
    while ((s = reader.advance()) == State::HeadReady) {}
    return s;
}

TEST(RequestReader, ReadsAGetWithHeaders) {
    RequestReader r(small_limits());
    ASSERT_EQ(read_all(r, "GET /a?b=c HTTP/1.1\r\nHost: x\r\nX-Thing:  spaced value \r\n\r\n"), State::Complete);
    Request req = r.take();
    EXPECT_EQ(req.method, "GET");
    EXPECT_EQ(req.target, "/a?b=c");
    EXPECT_EQ(req.headers.get("x-thing").value_or(""), "spaced value");
    EXPECT_TRUE(req.body.empty());
    EXPECT_TRUE(r.idle());
}

TEST(RequestReader, WaitsForBytesArrivingOneByOne) {
    RequestReader r(small_limits());
    std::string text = "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
    State s = State::NeedMore;
    for (std::size_t i = 0; i < text.size(); ++i) {
        ASSERT_NE(s, State::Complete) << "complete before byte " << i;
        s = read_all(r, text.substr(i, 1));
    }
    ASSERT_EQ(s, State::Complete);
    EXPECT_EQ(r.take().body, "hello");
}

TEST(RequestReader, ReadsPipelinedRequestsInOrder) {
    RequestReader r(small_limits());
    std::string two = "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\noneGET /2 HTTP/1.1\r\nHost: x\r\n\r\n";
    ASSERT_EQ(read_all(r, two), State::Complete);
    EXPECT_EQ(r.take().body, "one");
    EXPECT_FALSE(r.idle());
    ASSERT_EQ(read_all(r, ""), State::Complete);
    EXPECT_EQ(r.take().target, "/2");
    EXPECT_TRUE(r.idle());
}

TEST(RequestReader, DecodesChunkedBodiesWithExtensionsAndTrailers) {
    RequestReader r(small_limits());
    ASSERT_EQ(read_all(r, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n"
                          "GET /next HTTP/1.1\r\nHost: x\r\n\r\n"),
              State::Complete);
    EXPECT_EQ(r.take().body, "hello world");
    ASSERT_EQ(read_all(r, ""), State::Complete); // the pipelined request after it
    EXPECT_EQ(r.take().target, "/next");
}

struct Refusal {
    const char* name;
    std::string text;
    int status;
};

class RequestReaderRefuses : public ::testing::TestWithParam<Refusal> {};

TEST_P(RequestReaderRefuses, WithTheRightStatus) {
    RequestReader r(small_limits());
    ASSERT_EQ(read_all(r, GetParam().text), State::Failed);
    EXPECT_EQ(r.error().status, GetParam().status) << r.error().message;
    EXPECT_FALSE(r.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, RequestReaderRefuses,
    ::testing::Values(
        Refusal{"NoVersion", "GET /\r\nHost: x\r\n\r\n", 400},
        Refusal{"BadMethod", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        Refusal{"SpaceInTarget", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        Refusal{"HttpTwo", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505},
        Refusal{"NotHttp", "GET / FTP/1.1\r\nHost: x\r\n\r\n", 400},
        Refusal{"MissingHost", "GET / HTTP/1.1\r\n\r\n", 400},
        Refusal{"TwoHosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
        Refusal{"FoldedHeader", "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n", 400},
        Refusal{"SpaceBeforeColon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400},
        Refusal{"BareLineFeedInValue", "GET / HTTP/1.1\r\nHost: x\r\nX: a\nInjected: b\r\n\r\n", 400},
        Refusal{"NulInValue", "GET / HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n"s, 400},
        Refusal{"LengthAndChunked", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
        Refusal{"UnknownCoding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
        Refusal{"NegativeLength", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400},
        Refusal{"ConflictingLengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
        Refusal{"LengthOverLimit", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n", 413},
        Refusal{"ChunksOverLimit", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n60\r\n" +
                                       std::string(96, 'a') + "\r\n10\r\n", 413},
        Refusal{"BadChunkSize", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
        Refusal{"ChunkWithoutCrlf", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naXX", 400},
        Refusal{"HeadTooLarge", "GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(2000, 'a'), 431},
        Refusal{"TooManyFields", "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\nG: 1\r\n"
                                 "H: 1\r\nI: 1\r\nJ: 1\r\n\r\n", 431},
        Refusal{"UnknownExpectation", "POST / HTTP/1.1\r\nHost: x\r\nExpect: something\r\nContent-Length: 1\r\n\r\n", 417}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(RequestReader, RefusesAnOversizedBodyFromItsHeadAlone) {
    RequestReader r(small_limits());
    r.append("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
    ASSERT_EQ(r.advance(), State::HeadReady);
    EXPECT_EQ(r.advance(), State::Failed); // before any body byte arrived
    EXPECT_EQ(r.error().status, 413);
}

TEST(RequestReader, APlannedLimitIsCheckedAtOnce) {
    RequestReader r(small_limits());
    r.append("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n");
    ASSERT_EQ(r.advance(), State::HeadReady);
    EXPECT_FALSE(r.plan_body(499, true));
    EXPECT_EQ(r.error().status, 413);
    EXPECT_EQ(r.advance(), State::Failed);
}

TEST(RequestReader, AStreamedBodyComesInPiecesAndIsNeverCollected) {
    RequestReader r(small_limits());
    r.append("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 300\r\n\r\n" + std::string(120, 'a'));
    ASSERT_EQ(r.advance(), State::HeadReady);
    ASSERT_TRUE(r.plan_body(1000, true)); // over the reader's own 100: the plan's limit counts
    ASSERT_EQ(r.advance(), State::BodyData);
    EXPECT_EQ(r.body_piece(), std::string(120, 'a'));
    r.consume_body_piece();
    EXPECT_EQ(r.buffered(), 0u);
    EXPECT_EQ(r.advance(), State::NeedMore);
    r.append(std::string(180, 'b') + "GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(r.advance(), State::BodyData);
    EXPECT_EQ(r.body_piece(), std::string(180, 'b')); // not a byte of the next request
    r.consume_body_piece();
    ASSERT_EQ(r.advance(), State::Complete);
    EXPECT_TRUE(r.take().body.empty());
    EXPECT_EQ(read_all(r, ""), State::Complete);
    EXPECT_EQ(r.take().target, "/next");
}

TEST(RequestReader, AStreamedChunkedBodyDropsItsFraming) {
    RequestReader r(small_limits());
    r.append("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    ASSERT_EQ(r.advance(), State::HeadReady);
    ASSERT_TRUE(r.plan_body(1000, true));
    std::string body;
    State s;
    while ((s = r.advance()) == State::BodyData) {
        body += r.body_piece();
        r.consume_body_piece();
    }
    EXPECT_EQ(s, State::Complete);
    EXPECT_EQ(body, "abcde");
    r.take();
    EXPECT_TRUE(r.idle());
}

TEST(RequestReader, ReportsExpectContinueBeforeTheBody) {
    RequestReader r(small_limits());
    r.append("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
    ASSERT_EQ(r.advance(), State::HeadReady);
    EXPECT_TRUE(r.expects_continue());
    EXPECT_TRUE(r.body_not_started());
    EXPECT_EQ(r.advance(), State::NeedMore);
    r.append("ok");
    EXPECT_EQ(r.advance(), State::Complete);
}

TEST(RequestReader, KnowsWhenTheClientWantsToClose) {
    RequestReader close11(small_limits());
    ASSERT_EQ(read_all(close11, "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Close\r\n\r\n"), State::Complete);
    EXPECT_TRUE(close11.wants_close());
    RequestReader http10(small_limits());
    ASSERT_EQ(read_all(http10, "GET / HTTP/1.0\r\n\r\n"), State::Complete);
    EXPECT_TRUE(http10.wants_close());
    RequestReader keep(small_limits());
    ASSERT_EQ(read_all(keep, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), State::Complete);
    EXPECT_FALSE(keep.wants_close());
}

TEST(RequestReader, IgnoresEmptyLinesBeforeARequest) {
    RequestReader r(small_limits());
    ASSERT_EQ(read_all(r, "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"), State::Complete);
    EXPECT_EQ(r.take().method, "GET");
}

} // namespace
} // namespace mimamori::http
