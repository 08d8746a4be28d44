#pragma once
// Writes a connection's bytes straight to its socket, on the connection's worker thread, keeping
// what the kernel does not take yet until the socket is writable again.
//
// Why not Pistache's Peer::send: it queues writes by fd number and a worker drains the queue
// later, so a write queued for a connection the client has just reset can reach the new
// connection that got the same fd number -- one user's answer in another user's browser. The
// stress test (tests/server/stress_test.cpp) showed exactly that: epoll reports Pistache's
// level-triggered queues in no reliable order. Here a byte is written only while its connection
// exists, and a connection is dropped before Pistache closes its fd.

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "http/connection.hpp"

namespace mimamori::http {

class SocketWire final : public Wire {
public:
    // `watch_writable(true)` asks the worker to call on_writable() when the socket can take more
    // bytes, `watch_writable(false)` to stop.
    // `post` runs a task on the socket's worker thread (Wire::poster).
    SocketWire(int fd, std::function<void(bool)> watch_writable, Post post)
        : m_fd(fd), m_watch_writable(std::move(watch_writable)), m_post(std::move(post)) {}

    // Sends at once what the socket takes; `on_written` runs when the last byte is sent (maybe
    // before write() returns). After a send error (the client went away) everything is dropped:
    // the worker then sees the end of the stream and drops the connection.
    void write(std::string bytes, std::function<void()> on_written) override;
    // Sends from `bytes` where they are (kept alive by `keep` until sent): a file row goes from
    // libpq's result to the socket without a copy of ours. Pending writes go out together
    // (sendmsg with several iovecs: an answer's head and its first piece in one call).
    void write_shared(std::shared_ptr<const void> keep, std::string_view bytes, std::function<void()> on_written) override;
    // Both in one sendmsg: a page of 24 KB is not copied behind its head first.
    void write_with_body(std::string head, std::string body, std::function<void()> on_written) override;
    // The head and every piece in one sendmsg (up to k_max_iovecs parts a call), the pieces sent
    // from where they are while the body's `keep` holds them.
    void write_pieces(std::string head, Response::SharedBody body, std::function<void()> on_written) override;
    // shutdown(2), never close(2): Pistache owns the fd and closes it itself once it reads the
    // end of the stream, so its bookkeeping stays right and the number cannot be reused under it.
    void shutdown(Shutdown how) override;
    bool input_waiting() const override;
    std::chrono::steady_clock::time_point last_progress() const override { return m_last_progress; }
    Post poster() const override { return m_post; }

    void on_writable();

private:
    void flush();

    int m_fd;
    std::function<void(bool)> m_watch_writable;
    Post m_post;
    // A write not yet wholly sent: its own bytes, then views kept alive by `keep` (`view`, then
    // `views`), `size` bytes in all.
    struct Segment {
        std::string own;
        std::shared_ptr<const void> keep;
        std::string_view view;
        std::vector<std::string_view> views;
        std::function<void()> on_written;
        std::size_t size = 0;
    };
    // Queues `segment`, then sends what is queued unless `more` follow at once.
    void push(Segment segment, bool more = false);
    std::deque<Segment> m_pending; // in order; the first one's bytes before m_sent are sent
    std::size_t m_sent = 0;
    bool m_watching = false;
    bool m_failed = false;
    std::chrono::steady_clock::time_point m_last_progress;
};

} // namespace mimamori::http
