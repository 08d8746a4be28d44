#include "http/socket_wire.hpp"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace mimamori::http {

namespace {
// Parts handed to one sendmsg (IOV_MAX is 1024): a cached page with its viewer's slots is its
// head and up to a few dozen pieces.
constexpr std::size_t k_max_iovecs = 128;
}

void SocketWire::write(std::string bytes, std::function<void()> on_written) {
    Segment segment;
    segment.own = std::move(bytes);
    segment.on_written = std::move(on_written);
    push(std::move(segment));
}

void SocketWire::write_shared(std::shared_ptr<const void> keep, std::string_view bytes, std::function<void()> on_written) {
    Segment segment;
    segment.keep = std::move(keep);
    segment.view = bytes;
    segment.on_written = std::move(on_written);
    push(std::move(segment));
}

void SocketWire::write_pieces(std::string head, Response::SharedBody body, std::function<void()> on_written) {
    Segment segment;
    segment.own = std::move(head);
    segment.keep = std::move(body.keep);
    segment.views = std::move(body.pieces);
    segment.on_written = std::move(on_written);
    push(std::move(segment));
}

void SocketWire::write_with_body(std::string head, std::string body, std::function<void()> on_written) {
    Segment first;
    first.own = std::move(head);
    push(std::move(first), true);
    Segment second;
    second.own = std::move(body);
    second.on_written = std::move(on_written);
    push(std::move(second));
}

void SocketWire::push(Segment segment, bool more) {
    if (m_failed) return;
    if (m_pending.empty()) {
        m_sent = 0;
        m_last_progress = std::chrono::steady_clock::now();
    }
    segment.size = segment.own.size() + segment.view.size();
    for (auto view : segment.views) segment.size += view.size();
    m_pending.push_back(std::move(segment));
    if (!more) flush();
}

void SocketWire::on_writable() { flush(); }

void SocketWire::flush() {
    // Callbacks may write again (never re-entering this loop's state): take them out first.
    std::deque<std::function<void()>> done;
    auto finish_sent = [&] { // segments wholly sent (empty ones too) leave the queue
        while (!m_pending.empty() && m_sent >= m_pending.front().size) {
            m_sent -= m_pending.front().size;
            done.push_back(std::move(m_pending.front().on_written));
            m_pending.pop_front();
        }
    };
    finish_sent();
    while (!m_pending.empty()) {
        iovec parts[k_max_iovecs];
        std::size_t count = 0;
        std::size_t skip = m_sent; // of the first segment's bytes
        auto add = [&](std::string_view bytes) {
            if (skip >= bytes.size()) { // sent before (or empty)
                skip -= bytes.size();
                return;
            }
            bytes.remove_prefix(skip);
            skip = 0;
            if (count < k_max_iovecs) parts[count++] = {const_cast<char*>(bytes.data()), bytes.size()};
        };
        for (auto it = m_pending.begin(); it != m_pending.end() && count < k_max_iovecs; ++it) {
            add(it->own);
            add(it->view);
            for (auto view : it->views) add(view);
        }
        msghdr message{};
        message.msg_iov = parts;
        message.msg_iovlen = count;
        ssize_t n = ::sendmsg(m_fd, &message, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n < 0) { // EPIPE, ECONNRESET: the client is gone
            m_failed = true;
            m_pending.clear();
            m_sent = 0;
            done.clear();
            break;
        }
        m_sent += static_cast<std::size_t>(n);
        m_last_progress = std::chrono::steady_clock::now();
        finish_sent();
    }
    bool pending = !m_pending.empty();
    if (pending != m_watching) {
        m_watching = pending;
        m_watch_writable(pending);
    }
    for (auto& callback : done)
        if (callback) callback(); // a head written with its body has none
}

void SocketWire::shutdown(Shutdown how) { ::shutdown(m_fd, how == Shutdown::Write ? SHUT_WR : SHUT_RDWR); }

bool SocketWire::input_waiting() const {
    int available = 0;
    return ::ioctl(m_fd, FIONREAD, &available) == 0 && available > 0;
}

} // namespace mimamori::http
