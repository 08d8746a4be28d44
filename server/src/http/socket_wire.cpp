#include "http/socket_wire.hpp"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>

namespace mimamori::http {

void SocketWire::write(std::string bytes, std::function<void()> on_written) {
    if (m_failed) return;
    if (m_buffer.empty()) {
        m_buffer = std::move(bytes);
        m_sent = 0;
        m_last_progress = std::chrono::steady_clock::now();
    } else {
        if (m_sent > m_buffer.size() / 2) { // a long-lived stream: drop what is sent
            m_buffer.erase(0, m_sent);
            for (auto& waiting : m_waiting) waiting.first -= m_sent;
            m_sent = 0;
        }
        m_buffer.append(bytes);
    }
    m_waiting.emplace_back(m_buffer.size(), std::move(on_written));
    flush();
}

void SocketWire::on_writable() { flush(); }

void SocketWire::flush() {
    while (m_sent < m_buffer.size()) {
        ssize_t n = ::send(m_fd, m_buffer.data() + m_sent, m_buffer.size() - m_sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n < 0) { // EPIPE, ECONNRESET: the client is gone
            m_failed = true;
            m_buffer.clear();
            m_waiting.clear();
            break;
        }
        m_sent += static_cast<std::size_t>(n);
        m_last_progress = std::chrono::steady_clock::now();
    }
    // Callbacks may write again (never re-entering this loop's state): take them out first.
    std::deque<std::function<void()>> done;
    while (!m_waiting.empty() && m_waiting.front().first <= m_sent) {
        done.push_back(std::move(m_waiting.front().second));
        m_waiting.pop_front();
    }
    bool pending = m_sent < m_buffer.size();
    if (!pending) {
        m_buffer.clear();
        m_sent = 0;
    }
    if (pending != m_watching) {
        m_watching = pending;
        m_watch_writable(pending);
    }
    for (auto& callback : done) callback();
}

void SocketWire::shutdown(Shutdown how) { ::shutdown(m_fd, how == Shutdown::Write ? SHUT_WR : SHUT_RDWR); }

bool SocketWire::input_waiting() const {
    int available = 0;
    return ::ioctl(m_fd, FIONREAD, &available) == 0 && available > 0;
}

} // namespace mimamori::http
