#include "http/socket_wire.hpp"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace mimamori::http {

namespace {
constexpr std::size_t k_max_iovecs = 16; // segments handed to one sendmsg
}

void SocketWire::write(std::string bytes, std::function<void()> on_written) {
    Segment segment;
    segment.own = std::move(bytes);
    segment.on_written = std::move(on_written);
    push(std::move(segment));
}

void SocketWire::write_shared(std::shared_ptr<const void> keep, std::string_view bytes, std::function<void()> on_written) {
    push({{}, std::move(keep), bytes, std::move(on_written)});
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
    m_pending.push_back(std::move(segment));
    Segment& added = m_pending.back();
    if (!added.keep) added.view = added.own; // its own bytes, where the deque keeps them
    if (!more) flush();
}

void SocketWire::on_writable() { flush(); }

void SocketWire::flush() {
    // Callbacks may write again (never re-entering this loop's state): take them out first.
    std::deque<std::function<void()>> done;
    auto finish_sent = [&] { // segments wholly sent (empty ones too) leave the queue
        while (!m_pending.empty() && m_sent >= m_pending.front().view.size()) {
            m_sent -= m_pending.front().view.size();
            done.push_back(std::move(m_pending.front().on_written));
            m_pending.pop_front();
        }
    };
    finish_sent();
    while (!m_pending.empty()) {
        iovec parts[k_max_iovecs];
        std::size_t count = 0;
        for (auto it = m_pending.begin(); it != m_pending.end() && count < k_max_iovecs; ++it) {
            std::string_view bytes = it->view;
            if (count == 0) bytes.remove_prefix(m_sent);
            if (bytes.empty()) continue;
            parts[count++] = {const_cast<char*>(bytes.data()), bytes.size()};
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
