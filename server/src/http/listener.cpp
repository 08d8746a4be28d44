#include "http/listener.hpp"

#include <pistache/listener.h>
#include <pistache/peer.h>
#include <pistache/tcp.h>
#include <pistache/transport.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "http/socket_wire.hpp"
#include "log.hpp"

namespace mimamori::http {
namespace {

namespace P = Pistache;
using ConnectionTask = std::function<void(Connection&)>;

class WorkerTransport;

// The connections of one worker thread; Pistache clones the prototype for every worker.
class ConnectionHandler final : public P::Tcp::Handler {
public:
    PROTOTYPE_OF(P::Tcp::Handler, ConnectionHandler)

    ConnectionHandler(const ConnectionSettings& settings, RequestHandler& handler, Activity& activity)
        : m_settings(settings), m_handler(handler), m_activity(activity) {}
    ConnectionHandler(const ConnectionHandler& prototype)
        : P::Tcp::Handler(), m_settings(prototype.m_settings), m_handler(prototype.m_handler),
          m_activity(prototype.m_activity) {}

    void attach(WorkerTransport& worker) { m_worker = &worker; }

    void onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) override;

    void onInput(const char* data, size_t size, const std::shared_ptr<P::Tcp::Peer>& peer) override {
        auto it = m_connections.find(peer->fd());
        if (it == m_connections.end()) return;
        guarded(*it->second.connection, [&](Connection& c) { c.on_input(std::string_view(data, size)); });
    }

    // Called before Pistache closes the fd: from here on nothing writes to it.
    void onDisconnection(const std::shared_ptr<P::Tcp::Peer>& peer) override {
        if (m_connections.erase(peer->fd()) > 0) m_activity.connection_closed();
    }

    // The socket `fd` can take more bytes.
    void on_writable(int fd) {
        auto it = m_connections.find(fd);
        if (it == m_connections.end()) return;
        // Completed writes pull a streamed answer's next piece: guarded like input.
        guarded(*it->second.connection, [wire = it->second.wire](Connection&) { wire->on_writable(); });
    }

    void for_each(const ConnectionTask& task) {
        for (auto& [fd, entry] : m_connections) guarded(*entry.connection, task);
    }

private:
    // Runs `fn` on a connection; if it throws, the connection is dropped, not the worker: an
    // exception escaping into Pistache's reactor would end the process.
    template <typename F>
    static void guarded(Connection& connection, F&& fn) {
        try {
            fn(connection);
        } catch (const std::exception& e) {
            log::error(std::string("dropping a connection after an unexpected error: ") + e.what());
            connection.close();
        }
    }

    struct Entry {
        std::shared_ptr<Connection> connection;
        SocketWire* wire; // owned by the connection
    };

    const ConnectionSettings& m_settings;
    RequestHandler& m_handler;
    Activity& m_activity;
    WorkerTransport* m_worker = nullptr;
    std::unordered_map<int, Entry> m_connections; // by fd
};


struct WorkerList {
    std::mutex mutex;
    std::vector<WorkerTransport*> workers;
};

// Where other threads leave tasks for one worker thread (shutdown, StreamWaker). Shared, so that
// a producer thread may still post after the worker is gone: the task is then dropped.
struct Mailbox {
    std::mutex mutex;
    std::vector<std::function<void()>> tasks;
    int wake_fd = -1; // the worker's eventfd; -1 before it runs and after it stopped

    void post(std::function<void()> task) {
        std::lock_guard lock(mutex);
        if (wake_fd < 0) return;
        // Tasks already waiting mean the worker has been woken and not yet taken them (it reads
        // the eventfd before it takes the tasks): one write(2) serves a whole batch of access-log
        // completions.
        bool wake = tasks.empty();
        tasks.push_back(std::move(task));
        if (!wake) return;
        std::uint64_t one = 1;
        [[maybe_unused]] auto written = ::write(wake_fd, &one, sizeof one);
    }
};

// Pistache's transport of one worker thread (accepting, reading and closing sockets), with:
//  - two fds of its own on the worker's epoll: a periodic timer that drives the connections'
//    timeouts, and a mailbox through which other threads run code on the worker (closing
//    connections at shutdown; waking streamed answers, which never write from another thread);
//  - write readiness of sockets, for SocketWire (Pistache's write queue is never used: see
//    socket_wire.hpp for why).
// Pistache's timer API is not used either: Transport::armTimer rounds delays of a second or more
// down to whole seconds, and arming a timer from a timer callback invalidates the iterator that
// Transport::onReady is using.
class WorkerTransport final : public P::Tcp::Transport {
public:
    WorkerTransport(std::shared_ptr<ConnectionHandler> handler, std::shared_ptr<WorkerList> list,
                    std::chrono::milliseconds tick)
        : P::Tcp::Transport(handler), m_handler(std::move(handler)), m_list(std::move(list)), m_tick(tick) {
        m_handler->attach(*this);
    }

    ~WorkerTransport() override {
        {
            std::lock_guard lock(m_list->mutex);
            std::erase(m_list->workers, this);
        }
        std::vector<std::function<void()>> dropped; // destroyed outside the lock
        {
            std::lock_guard lock(m_mailbox->mutex);
            m_mailbox->wake_fd = -1;
            dropped.swap(m_mailbox->tasks);
        }
        if (m_timer_fd >= 0) ::close(m_timer_fd);
        if (m_wake_fd >= 0) ::close(m_wake_fd);
    }

    std::shared_ptr<P::Aio::Handler> clone() const override {
        auto handler = std::static_pointer_cast<ConnectionHandler>(m_handler->clone());
        return std::make_shared<WorkerTransport>(std::move(handler), m_list, m_tick);
    }

    // Called once for each worker's clone, on its own epoll set.
    void registerPoller(P::Polling::Epoll& poller) override {
        P::Tcp::Transport::registerPoller(poller);
        m_timer_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        m_wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (m_timer_fd < 0 || m_wake_fd < 0) throw std::runtime_error("cannot create the worker's timer");
        auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(m_tick).count();
        itimerspec period{};
        period.it_interval.tv_sec = period.it_value.tv_sec = ns / 1'000'000'000;
        period.it_interval.tv_nsec = period.it_value.tv_nsec = ns % 1'000'000'000;
        ::timerfd_settime(m_timer_fd, 0, &period, nullptr);
        // Tagged with the bare fd: each worker's reactor has exactly one handler (this
        // transport), so Pistache hands every event of this epoll set to onReady() below.
        P::Flags<P::Polling::NotifyOn> readable(P::Polling::NotifyOn::Read);
        poller.addFd(m_timer_fd, readable, P::Polling::Tag(static_cast<std::uint64_t>(m_timer_fd)), P::Polling::Mode::Edge);
        poller.addFd(m_wake_fd, readable, P::Polling::Tag(static_cast<std::uint64_t>(m_wake_fd)), P::Polling::Mode::Edge);
        {
            std::lock_guard lock(m_mailbox->mutex);
            m_mailbox->wake_fd = m_wake_fd;
        }
        std::lock_guard lock(m_list->mutex);
        m_list->workers.push_back(this);
    }

    // Our timer and mailbox, and the writability of sockets (only SocketWire asks for it:
    // Pistache's own write queue is never used), are handled here; the rest goes to Pistache.
    void onReady(const P::Aio::FdSet& fds) override {
        bool ours = false;
        for (const auto& entry : fds) ours = ours || entry.isWritable() || is_ours(entry.getTag());
        if (!ours) {
            P::Tcp::Transport::onReady(fds);
            return;
        }
        std::vector<P::Polling::Event> rest;
        for (const auto& entry : fds) {
            auto fd = static_cast<int>(entry.getTag().value());
            if (fd == m_timer_fd) {
                drain(m_timer_fd);
                auto now = Connection::Clock::now();
                m_handler->for_each([now](Connection& c) { c.on_tick(now); });
                continue;
            }
            if (fd == m_wake_fd) {
                drain(m_wake_fd);
                run_posted();
                continue;
            }
            if (entry.isWritable()) m_handler->on_writable(fd);
            if (entry.isReadable()) {
                P::Polling::Event event(entry.getTag());
                event.flags.setFlag(P::Polling::NotifyOn::Read);
                rest.push_back(event);
            }
        }
        if (!rest.empty()) P::Tcp::Transport::onReady(P::Aio::FdSet(std::move(rest)));
    }

    // Adds or removes write readiness to the socket's registration (Pistache registered it for
    // reading and peer shutdown, edge-triggered, under its fd as tag).
    void watch_writable(int fd, bool on) {
        using P::Polling::NotifyOn;
        auto interest = on ? NotifyOn::Read | NotifyOn::Shutdown | NotifyOn::Write : NotifyOn::Read | NotifyOn::Shutdown;
        reactor()->modifyFd(key(), fd, interest, P::Polling::Mode::Edge);
    }

    // Runs `task` on this worker's thread, for each of its connections. Any thread may call it.
    void post(ConnectionTask task) {
        m_mailbox->post([handler = m_handler, task = std::move(task)] { handler->for_each(task); });
    }

    // How SocketWire (and so StreamWaker) reaches this worker from any thread.
    Wire::Post poster() const {
        return [mailbox = m_mailbox](std::function<void()> task) { mailbox->post(std::move(task)); };
    }

private:
    bool is_ours(P::Polling::Tag tag) const {
        return tag == P::Polling::Tag(static_cast<std::uint64_t>(m_timer_fd)) ||
               tag == P::Polling::Tag(static_cast<std::uint64_t>(m_wake_fd));
    }

    static void drain(int fd) {
        std::uint64_t count;
        while (::read(fd, &count, sizeof count) > 0) {}
    }

    void run_posted() {
        std::vector<std::function<void()>> tasks;
        {
            std::lock_guard lock(m_mailbox->mutex);
            tasks.swap(m_mailbox->tasks);
        }
        for (auto& task : tasks) {
            try {
                task();
            } catch (const std::exception& e) { // never into Pistache's reactor (see guarded())
                log::error(std::string("a task posted to a worker failed: ") + e.what());
            }
        }
    }

    std::shared_ptr<ConnectionHandler> m_handler;
    std::shared_ptr<WorkerList> m_list;
    std::chrono::milliseconds m_tick;
    int m_timer_fd = -1;
    int m_wake_fd = -1;
    std::shared_ptr<Mailbox> m_mailbox = std::make_shared<Mailbox>();
};

void ConnectionHandler::onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) {
    int fd = peer->fd();
    auto wire = std::make_unique<SocketWire>(fd, [worker = m_worker, fd](bool on) { worker->watch_writable(fd, on); },
                                             m_worker->poster());
    SocketWire* raw = wire.get();
    auto connection =
        std::make_shared<Connection>(std::move(wire), peer->address().host(), m_settings, m_handler, m_activity);
    m_connections.insert_or_assign(fd, Entry{std::move(connection), raw});
    m_activity.connection_opened();
}

// Timeouts are checked a few times per shortest timeout, at most 4 times a second.
std::chrono::milliseconds tick_for(const ConnectionSettings& s) {
    auto shortest = std::min({s.header_timeout, s.body_timeout, s.idle_timeout, s.linger_timeout});
    return std::clamp(shortest / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(250));
}

} // namespace

struct Listener::Impl {
    Impl(ListenerOptions o, RequestHandler& h, Activity& a) : options(std::move(o)), handler(h), activity(a) {}

    ListenerOptions options;
    RequestHandler& handler;
    Activity& activity;
    std::shared_ptr<WorkerList> workers = std::make_shared<WorkerList>();
    std::unique_ptr<P::Tcp::Listener> listener;

    void post_to_workers(const ConnectionTask& task) {
        std::lock_guard lock(workers->mutex);
        for (auto* worker : workers->workers) worker->post(task);
    }
};

Listener::Listener(ListenerOptions options, RequestHandler& handler, Activity& activity)
    : m_impl(std::make_unique<Impl>(std::move(options), handler, activity)) {}

Listener::~Listener() { stop(std::chrono::milliseconds(2000)); }

void Listener::start() {
    auto& o = m_impl->options;
    auto prototype = std::make_shared<ConnectionHandler>(o.connection, m_impl->handler, m_impl->activity);
    auto listener = std::make_unique<P::Tcp::Listener>(P::Address(o.address, P::Port(o.port)));
    // NoDelay: answers leave at once instead of waiting for Nagle's timer (notes #8).
    listener->init(o.threads, P::Flags<P::Tcp::Options>(P::Tcp::Options::NoDelay) | P::Tcp::Options::ReuseAddr,
                   "mimamori-http", 1024);
    listener->setHandler(prototype);
    listener->setTransportFactory([prototype, workers = m_impl->workers, tick = tick_for(o.connection)] {
        return std::make_shared<WorkerTransport>(prototype, workers, tick);
    });
    listener->bind();
    listener->runThreaded();
    m_impl->listener = std::move(listener);
}

std::uint16_t Listener::port() const {
    return m_impl->listener ? static_cast<std::uint16_t>(m_impl->listener->getPort()) : 0;
}

void Listener::close_idle_connections() {
    m_impl->post_to_workers([](Connection& c) { c.close_if_idle(); });
}

void Listener::stop(std::chrono::milliseconds timeout) {
    if (!m_impl->listener) return;
    // Pistache does not close its peers' sockets when it stops: close them first, through the
    // workers, and let them see the end of each stream.
    m_impl->post_to_workers([](Connection& c) { c.close(); });
    if (!m_impl->activity.wait_for_no_connections(timeout))
        log::warning("stopping with " + std::to_string(m_impl->activity.open_connections()) + " connections still open");
    m_impl->listener->shutdown();
    m_impl->listener.reset(); // joins the accept and worker threads
}

} // namespace mimamori::http
