#include "http/activity.hpp"

namespace mimamori::http {

void Activity::request_started() {
    std::lock_guard lock(m_mutex);
    ++m_in_flight;
}

void Activity::requests_finished(std::size_t count) {
    if (count == 0) return;
    std::lock_guard lock(m_mutex);
    m_in_flight -= count;
    if (m_in_flight == 0) m_changed.notify_all();
}

std::size_t Activity::read(const std::size_t& counter) const {
    std::lock_guard lock(m_mutex);
    return counter;
}

bool Activity::wait_for_zero(const std::size_t& counter, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&counter] { return counter == 0; });
}

void Activity::connection_opened() {
    std::lock_guard lock(m_mutex);
    ++m_connections;
}

void Activity::connection_closed() {
    std::lock_guard lock(m_mutex);
    if (--m_connections == 0) m_changed.notify_all();
}

} // namespace mimamori::http
