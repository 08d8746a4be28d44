// SocketWire (http/socket_wire.hpp) on a socket pair whose buffers are small: an answer's head and
// its shared body's pieces (Response::SharedBody, how a cached timeline page goes out) arrive byte
// for byte, in order with the writes before and after them, through many partial sendmsg calls
// (more pieces than one call takes, a body far larger than the socket's buffers); each write's
// completion runs once, after its last byte, in order; the pieces' owner is kept until then.
#include <gtest/gtest.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "http/socket_wire.hpp"

namespace mimamori::http {
namespace {

class SharedPiecesWire : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
        int small = 4096;
        ASSERT_EQ(::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
        ASSERT_EQ(::setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
        wire = std::make_unique<SocketWire>(fds[0], [this](bool on) { watching = on; },
                                            [](std::function<void()> task) { task(); });
    }
    void TearDown() override {
        wire.reset();
        ::close(fds[0]);
        ::close(fds[1]);
    }

    // Reads what the peer received, a little at a time, telling the wire whenever its socket can
    // take more (as the worker's writable event does), until `size` bytes came or nothing moves.
    std::string read_slowly(std::size_t size) {
        std::string got;
        int idle = 0;
        while (got.size() < size && idle < 200) {
            char buffer[1000]; // less than what the wire writes at once
            ssize_t n = ::read(fds[1], buffer, sizeof buffer);
            if (n > 0) {
                got.append(buffer, static_cast<std::size_t>(n));
                idle = 0;
            } else {
                ++idle;
                pollfd p{fds[1], POLLIN, 0};
                ::poll(&p, 1, 5);
            }
            pollfd w{fds[0], POLLOUT, 0};
            if (watching && ::poll(&w, 1, 0) == 1) {
                ++writable_calls;
                wire->on_writable();
            }
        }
        return got;
    }

    int fds[2] = {-1, -1};
    std::unique_ptr<SocketWire> wire;
    bool watching = false;
    int writable_calls = 0;
};

TEST_F(SharedPiecesWire, AHeadAndManySharedPiecesArriveByteForByteThroughPartialWrites) {
    // 300 pieces (more than one sendmsg takes) of different sizes, some empty, ~600 KB in all.
    auto text = std::make_shared<std::string>();
    for (int i = 0; i < 300; ++i) text->append(std::string(static_cast<std::size_t>(i * 13 % 4000), static_cast<char>('a' + i % 26)));
    Response::SharedBody body;
    std::size_t at = 0;
    for (int i = 0; i < 300; ++i) {
        std::size_t n = static_cast<std::size_t>(i * 13 % 4000);
        body.pieces.push_back(std::string_view(*text).substr(at, n));
        if (i % 7 == 0) body.pieces.push_back("true"); // a viewer's slot between pieces of the text
        at += n;
    }
    std::string expected = "before|HEAD\r\n\r\n";
    for (auto piece : body.pieces) {
        expected.append(piece);
        body.size += piece.size();
    }
    expected += "|after";
    std::weak_ptr<std::string> owner = text;
    body.keep = std::move(text);

    std::vector<std::string> done;
    wire->write("before|", [&] { done.push_back("before"); });
    wire->write_pieces("HEAD\r\n\r\n", std::move(body), [&] { done.push_back("pieces"); });
    wire->write("|after", [&] { done.push_back("after"); });
    EXPECT_TRUE(watching); // far more than the socket took at once
    EXPECT_FALSE(owner.expired()); // the pieces' owner lives while they are being sent
    EXPECT_LT(done.size(), 3u);

    std::string got = read_slowly(expected.size());
    ASSERT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected) << "the bytes differ at " << std::mismatch(got.begin(), got.end(), expected.begin()).first - got.begin();
    EXPECT_GT(writable_calls, 10);
    EXPECT_EQ(done, (std::vector<std::string>{"before", "pieces", "after"}));
    EXPECT_TRUE(owner.expired()); // released once sent
    EXPECT_FALSE(watching);
}

TEST_F(SharedPiecesWire, APeerGoneDropsThePiecesWithoutTheirCompletion) {
    auto text = std::make_shared<std::string>(200000, 'z');
    Response::SharedBody body;
    body.pieces = {std::string_view(*text).substr(0, 100000), "false", std::string_view(*text).substr(100000)};
    body.size = 200005;
    std::weak_ptr<std::string> owner = text;
    body.keep = std::move(text);
    bool completed = false;
    wire->write_pieces("HEAD\r\n\r\n", std::move(body), [&] { completed = true; });
    ASSERT_TRUE(watching);
    ::close(fds[1]);
    fds[1] = ::dup(fds[0]); // closed again by TearDown
    wire->on_writable();    // EPIPE: the client is gone
    EXPECT_FALSE(completed);
    EXPECT_TRUE(owner.expired());
    wire->write_pieces("x", Response::SharedBody{}, [&] { completed = true; }); // nothing more goes out
    EXPECT_FALSE(completed);
}

} // namespace
} // namespace mimamori::http
