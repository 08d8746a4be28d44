#pragma once
// What a graceful shutdown waits for: requests in flight (from dispatch until their answer is
// written) and open connections; and whether the server is draining (new requests get 503).
// Shared by every worker thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace mimamori::http {

class Activity {
public:
    void request_started();
    void requests_finished(std::size_t count);
    std::size_t requests_in_flight() const { return read(m_in_flight); }
    // False when `timeout` passed first.
    bool wait_for_no_requests(std::chrono::milliseconds timeout) { return wait_for_zero(m_in_flight, timeout); }

    void connection_opened();
    void connection_closed();
    std::size_t open_connections() const { return read(m_connections); }
    bool wait_for_no_connections(std::chrono::milliseconds timeout) { return wait_for_zero(m_connections, timeout); }

    // From now on every new request is answered 503 with "Connection: close".
    void start_draining() { m_draining.store(true); }
    bool draining() const { return m_draining.load(std::memory_order_relaxed); }

private:
    std::size_t read(const std::size_t& counter) const;
    bool wait_for_zero(const std::size_t& counter, std::chrono::milliseconds timeout);

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_in_flight = 0;
    std::size_t m_connections = 0;
    std::atomic<bool> m_draining{false};
};

} // namespace mimamori::http
