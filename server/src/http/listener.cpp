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

#include "log.hpp"

namespace mimamori::http {
namespace {

namespace P = Pistache;
using ConnectionTask = std::function<void(Connection&)>;

// Writes through Pistache's per-socket write queue (Peer::send only queues, so a handler never
// blocks on a slow reader), never through ResponseStream, whose flush() aborts the process when
// another thread writes at the same time (notes/server.md #1).
//
// Pistache queues writes by fd number, so a write issued after its socket was closed could reach
// a new connection that reused the number (#12). Every write here is issued on the peer's own
// worker thread while its Connection exists, and a Connection is dropped in onDisconnection,
// before Pistache closes the fd: a queued write always precedes the close of its own socket.
// Later streaming (Server-Sent Events) must post to the worker for the same reason.
class PeerWire final : public Wire {
public:
    explicit PeerWire(const std::shared_ptr<P::Tcp::Peer>& peer) : m_peer(peer), m_fd(peer->fd()) {}

    void write(std::string bytes, std::function<void()> on_written) override {
        auto peer = m_peer.lock();
        if (!peer) return;
        auto size = bytes.size();
        peer->send(P::RawBuffer(std::move(bytes), size))
            .then([done = std::move(on_written)](ssize_t) { done(); }, P::Async::IgnoreException);
    }

    // shutdown(2), not close(2): Pistache owns the fd and closes it itself once it reads the end
    // of the stream, so its bookkeeping stays right and the fd cannot be reused under it.
    void shutdown(Shutdown how) override { ::shutdown(m_fd, how == Shutdown::Write ? SHUT_WR : SHUT_RDWR); }

private:
    std::weak_ptr<P::Tcp::Peer> m_peer; // a connection never keeps a closed socket's Peer alive
    int m_fd;
};

// The connections of one worker thread; Pistache clones the prototype for every worker.
class ConnectionHandler final : public P::Tcp::Handler {
public:
    PROTOTYPE_OF(P::Tcp::Handler, ConnectionHandler)

    ConnectionHandler(const ConnectionSettings& settings, RequestHandler& handler, Activity& activity)
        : m_settings(settings), m_handler(handler), m_activity(activity) {}
    ConnectionHandler(const ConnectionHandler& prototype)
        : P::Tcp::Handler(), m_settings(prototype.m_settings), m_handler(prototype.m_handler),
          m_activity(prototype.m_activity) {}

    void onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) override {
        auto connection = std::make_shared<Connection>(std::make_unique<PeerWire>(peer), peer->address().host(),
                                                       m_settings, m_handler, m_activity);
        m_connections.emplace(peer.get(), std::move(connection));
        m_activity.connection_opened();
    }

    void onInput(const char* data, size_t size, const std::shared_ptr<P::Tcp::Peer>& peer) override {
        auto it = m_connections.find(peer.get());
        if (it == m_connections.end()) return;
        // An exception escaping into Pistache's reactor would end the process.
        try {
            it->second->on_input(std::string_view(data, size));
        } catch (const std::exception& e) {
            log::error(std::string("dropping a connection after an unexpected error: ") + e.what());
            it->second->close();
        }
    }

    void onDisconnection(const std::shared_ptr<P::Tcp::Peer>& peer) override {
        if (m_connections.erase(peer.get()) > 0) m_activity.connection_closed();
    }

    void for_each(const ConnectionTask& task) {
        for (auto& [peer, connection] : m_connections) task(*connection);
    }

private:
    const ConnectionSettings& m_settings;
    RequestHandler& m_handler;
    Activity& m_activity;
    std::unordered_map<const P::Tcp::Peer*, std::shared_ptr<Connection>> m_connections;
};

class WorkerTransport;

struct WorkerList {
    std::mutex mutex;
    std::vector<WorkerTransport*> workers;
};

// Pistache's transport of one worker thread, with two fds of its own on the worker's epoll: a
// periodic timer that drives the connections' timeouts, and a mailbox through which other
// threads run code on the worker (closing connections at shutdown; later, event streams).
// Pistache's timer API is not used: Transport::armTimer rounds delays of a second or more down to
// whole seconds, and arming a timer from a timer callback invalidates the iterator that
// Transport::onReady is using.
class WorkerTransport final : public P::Tcp::Transport {
public:
    WorkerTransport(std::shared_ptr<ConnectionHandler> handler, std::shared_ptr<WorkerList> list,
                    std::chrono::milliseconds tick)
        : P::Tcp::Transport(handler), m_handler(std::move(handler)), m_list(std::move(list)), m_tick(tick) {}

    ~WorkerTransport() override {
        {
            std::lock_guard lock(m_list->mutex);
            std::erase(m_list->workers, this);
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
        std::lock_guard lock(m_list->mutex);
        m_list->workers.push_back(this);
    }

    void onReady(const P::Aio::FdSet& fds) override {
        bool ours = false;
        for (const auto& entry : fds) ours = ours || is_ours(entry.getTag());
        if (!ours) {
            P::Tcp::Transport::onReady(fds);
            return;
        }
        std::vector<P::Polling::Event> rest;
        for (const auto& entry : fds) {
            auto tag = entry.getTag();
            if (tag == P::Polling::Tag(static_cast<std::uint64_t>(m_timer_fd))) {
                drain(m_timer_fd);
                auto now = Connection::Clock::now();
                m_handler->for_each([now](Connection& c) { c.on_tick(now); });
            } else if (tag == P::Polling::Tag(static_cast<std::uint64_t>(m_wake_fd))) {
                drain(m_wake_fd);
                run_posted();
            } else {
                P::Polling::Event event(tag);
                if (entry.isReadable()) event.flags.setFlag(P::Polling::NotifyOn::Read);
                if (entry.isWritable()) event.flags.setFlag(P::Polling::NotifyOn::Write);
                if (entry.isHangup()) event.flags.setFlag(P::Polling::NotifyOn::Hangup);
                rest.push_back(event);
            }
        }
        if (!rest.empty()) P::Tcp::Transport::onReady(P::Aio::FdSet(std::move(rest)));
    }

    // Runs `task` on this worker's thread, for each of its connections. Any thread may call it.
    void post(ConnectionTask task) {
        {
            std::lock_guard lock(m_mutex);
            m_posted.push_back(std::move(task));
        }
        std::uint64_t one = 1;
        [[maybe_unused]] auto written = ::write(m_wake_fd, &one, sizeof one);
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
        std::vector<ConnectionTask> tasks;
        {
            std::lock_guard lock(m_mutex);
            tasks.swap(m_posted);
        }
        for (auto& task : tasks) m_handler->for_each(task);
    }

    std::shared_ptr<ConnectionHandler> m_handler;
    std::shared_ptr<WorkerList> m_list;
    std::chrono::milliseconds m_tick;
    int m_timer_fd = -1;
    int m_wake_fd = -1;
    std::mutex m_mutex;
    std::vector<ConnectionTask> m_posted;
};

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
