#pragma once
// The server's sockets: Pistache 0.0.5's TCP layer (one accept thread, N epoll worker threads
// that read and close sockets) with this project's Connection and SocketWire on top. Pistache's
// headers stay in listener.cpp.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "http/activity.hpp"
#include "http/connection.hpp"

namespace mimamori::http {

struct ListenerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0; // 0: any free port (see port())
    std::size_t threads = 2;
    ConnectionSettings connection;
};

class Listener {
public:
    Listener(ListenerOptions options, RequestHandler& handler, Activity& activity);
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    // Binds and starts the threads. Throws std::runtime_error when the address cannot be bound.
    void start();
    // The bound port (the real one when 0 was asked for).
    std::uint16_t port() const;

    // Closes the keep-alive connections that wait for a next request (graceful shutdown).
    void close_idle_connections();
    // Closes every connection, waits (at most `timeout`) for the workers to drop them, then
    // stops the threads. Idempotent.
    void stop(std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mimamori::http
