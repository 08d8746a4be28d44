#include "services/event_hub.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "log.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/sse.hpp"
#include "repositories/event_repository.hpp"
#include "services/patient_access.hpp"

namespace mimamori::services {

// What the hub and its streams share; a stream may outlive the hub (its connection ends later).
// Lock order: `mutex`, then a stream's own.
struct EventHub::Shared {
    explicit Shared(EventHubSettings s) : settings(s) {}
    const EventHubSettings settings;
    mutable std::mutex mutex;
    std::map<std::uint64_t, std::weak_ptr<Stream>> streams;
    std::uint64_t next_key = 1;
    std::int64_t sent_id = 0; // every event up to it has been fanned out (or predates the hub)
    std::atomic<std::uint64_t> dropped{0};
    std::atomic<bool> connected{false};
};

// One client's event stream: what the hub offers is queued here and written by the
// connection's worker when it pulls.
class EventHub::Stream final : public http::BodyStream {
public:
    Stream(std::shared_ptr<Shared> shared, const SignedIn& who)
        : m_shared(std::move(shared)), m_account_id(who.account.id), m_principal(who.principal),
          m_session(encoding::hex_encode(who.session.token_hash)) {}

    ~Stream() override {
        std::lock_guard lock(m_shared->mutex);
        m_shared->streams.erase(m_key);
    }

    void start(const http::StreamWaker& waker) override {
        std::lock_guard lock(m_mutex);
        m_waker = waker;
    }

    http::StreamPiece pull() override {
        std::lock_guard lock(m_mutex);
        if (m_overflow) return http::StreamPiece::fail("an event stream's client does not keep up: cut off");
        if (!m_buffer.empty()) return http::StreamPiece::data(std::exchange(m_buffer, {}));
        if (m_ended) return http::StreamPiece::end();
        return http::StreamPiece::wait();
    }

    // The hub: an event this account may see (ignored when the stream has had it).
    void offer(std::int64_t id, const std::string& text) {
        http::StreamWaker waker;
        {
            std::lock_guard lock(m_mutex);
            if (m_replaying) {
                m_held.emplace_back(id, text);
                return;
            }
            if (id <= m_cursor) return;
            append(text);
            m_cursor = id;
            waker = m_waker;
        }
        waker.wake();
    }

    void heartbeat() {
        http::StreamWaker waker;
        {
            std::lock_guard lock(m_mutex);
            if (!m_buffer.empty() || m_replaying) return;
            m_buffer = sse::comment("heartbeat");
            waker = m_waker;
        }
        waker.wake();
    }

    // The session ended: the stream ends (the client reconnects and is asked to sign in).
    void end() {
        http::StreamWaker waker;
        {
            std::lock_guard lock(m_mutex);
            m_ended = true;
            waker = m_waker;
        }
        waker.wake();
    }

    // open(): the replayed events, then what the hub offered meanwhile, past `cursor`.
    void finish_replay(std::string text, std::int64_t cursor) {
        std::lock_guard lock(m_mutex);
        append(text);
        m_cursor = cursor;
        for (auto& [id, held] : m_held) {
            if (id <= m_cursor) continue;
            append(held);
            m_cursor = id;
        }
        m_held.clear();
        m_replaying = false;
    }

    void begin_live(std::string text, std::int64_t cursor) {
        std::lock_guard lock(m_mutex);
        append(text);
        m_cursor = cursor;
        m_replaying = false;
    }

    std::uint64_t m_key = 0;
    const std::shared_ptr<Shared> m_shared;
    const std::int64_t m_account_id;
    const perm::Principal m_principal;
    const std::string m_session; // SHA-256 of the session token, hex

private:
    // A client that fell too far behind gets nothing more: what was queued is freed, and its
    // connection is cut at the next pull, or by the idle timeout when its socket stays full.
    void append(const std::string& text) {
        if (m_overflow) return;
        m_buffer += text;
        if (m_buffer.size() > m_shared->settings.max_queued_bytes) {
            m_overflow = true;
            std::string().swap(m_buffer);
            ++m_shared->dropped;
        }
    }

    std::mutex m_mutex;
    http::StreamWaker m_waker;
    std::string m_buffer;
    std::int64_t m_cursor = 0;
    bool m_replaying = true;
    std::vector<std::pair<std::int64_t, std::string>> m_held;
    bool m_ended = false;
    bool m_overflow = false;
};

namespace {

using repositories::EventRow;
using repositories::PatientAudience;

std::string event_text(const EventRow& e) { return sse::format({e.id, "", e.data, std::nullopt}); }

std::map<std::int64_t, PatientAudience> audiences_of(db::Tx& tx, const std::vector<EventRow>& rows) {
    std::set<std::int64_t> ids;
    for (const auto& r : rows) ids.insert(r.patient_id);
    std::map<std::int64_t, PatientAudience> out;
    for (auto& a : repositories::patient_audiences(tx, {ids.begin(), ids.end()}, japan_today()))
        out.emplace(a.patient_id, std::move(a));
    return out;
}

// Whether `account` (as `principal`) may see event `e` of a patient with `audience`: the
// permission of the patient's record (of its family space, for "family_" events), and for an
// addressed event, being its addressee.
bool may_see(const EventRow& e, const PatientAudience& audience, std::int64_t account, const perm::Principal& principal) {
    if (e.account_id && *e.account_id != account) return false;
    auto facts = audience.facts;
    facts.member = std::find(audience.member_ids.begin(), audience.member_ids.end(), account) != audience.member_ids.end();
    // The family space's events (issue 6) go to its members: the family and the team.
    const auto action = e.type.starts_with("family_") ? perm::Action::FamilySpaceRead : perm::Action::PatientRecordRead;
    return perm::decide(principal, action, patient_target(principal, e.patient_id, facts)).allowed;
}

// A listener of one notification channel.
class Receiver final : public pqxx::notification_receiver {
public:
    Receiver(pqxx::connection_base& c, const std::string& channel, bool& flag)
        : pqxx::notification_receiver(c, channel), m_flag(flag) {}
    void operator()(const std::string&, int) override { m_flag = true; }

private:
    bool& m_flag;
};

} // namespace

EventHub::EventHub(std::string database_url, SessionPolicy sessions, EventHubSettings settings)
    : m_url(std::move(database_url)), m_sessions(sessions), m_settings(settings),
      m_shared(std::make_shared<Shared>(settings)) {
    if (::pipe2(m_stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("cannot make the event hub's pipe");
    // The starting point: events before the hub are history (replayed only on request).
    try {
        db::Connection c(m_url);
        pqxx::nontransaction w(c.pq());
        db::Tx tx(w, c);
        m_shared->sent_id = repositories::last_event_id(tx);
    } catch (const std::exception& e) {
        log::warning(std::string("event hub: cannot read the last event id yet: ") + e.what());
    }
    m_thread = std::thread([this] { run(); });
}

EventHub::~EventHub() {
    char byte = 1;
    (void)!::write(m_stop_pipe[1], &byte, 1);
    if (m_thread.joinable()) m_thread.join();
    ::close(m_stop_pipe[0]);
    ::close(m_stop_pipe[1]);
}

std::size_t EventHub::streams() const {
    std::lock_guard lock(m_shared->mutex);
    return m_shared->streams.size();
}

std::int64_t EventHub::last_sent_id() const {
    std::lock_guard lock(m_shared->mutex);
    return m_shared->sent_id;
}

std::uint64_t EventHub::dropped_streams() const { return m_shared->dropped; }
bool EventHub::connected() const { return m_shared->connected; }

EventHub::Opened EventHub::open(db::Tx& tx, const SignedIn& who, std::optional<std::int64_t> last_event_id) {
    auto stream = std::make_shared<Stream>(m_shared, who);
    std::int64_t sent = 0;
    {
        std::lock_guard lock(m_shared->mutex);
        stream->m_key = m_shared->next_key++;
        m_shared->streams.emplace(stream->m_key, stream);
        sent = m_shared->sent_id;
    }
    // "retry:" alone dispatches no event (no data line): it sets the browser's reconnection delay.
    std::string text = "retry: " + std::to_string(m_settings.retry.count()) + "\n\n";
    Opened out;
    out.stream = stream;
    if (!last_event_id) {
        stream->begin_live(std::move(text), sent);
        return out;
    }
    // Everything after the client's id that it may see, as the database has it now; what the hub
    // fans out from here on is held by the stream meanwhile and merged after, past the replay.
    const auto limit = static_cast<std::size_t>(m_settings.replay_limit);
    auto rows = repositories::member_events_after(tx, who.account.id, *last_event_id, m_settings.replay_limit + 1,
                                                  japan_today());
    out.resync = rows.size() > limit;
    if (out.resync) rows.resize(limit);
    auto audiences = audiences_of(tx, rows);
    std::int64_t cursor = *last_event_id;
    for (const auto& e : rows) {
        cursor = std::max(cursor, e.id);
        auto a = audiences.find(e.patient_id);
        if (a == audiences.end() || !may_see(e, a->second, who.account.id, who.principal)) continue;
        text += event_text(e);
        ++out.replayed;
    }
    if (out.resync) {
        // Too much was missed: the client reloads what it shows, and the stream goes on from now.
        text += sse::format({std::nullopt, "", R"({"type":"resync"})", std::nullopt});
        std::lock_guard lock(m_shared->mutex);
        cursor = std::max(cursor, m_shared->sent_id);
    }
    stream->finish_replay(std::move(text), cursor);
    return out;
}

void EventHub::run() {
    bool first = true;
    while (true) {
        try {
            db::Connection c(m_url);
            bool pending = true, numbered = true; // catch up after every (re)connection
            Receiver on_pending(c.pq(), repositories::k_events_pending_channel, pending);
            Receiver on_numbered(c.pq(), repositories::k_events_channel, numbered);
            m_shared->connected = true;
            if (!first) log::info("event hub: reconnected to the database");
            first = false;
            auto next_beat = std::chrono::steady_clock::now() + m_settings.heartbeat;

            auto tx_run = [&](auto&& fn) {
                pqxx::nontransaction w(c.pq());
                db::Tx tx(w, c);
                fn(tx);
                w.commit();
            };
            while (true) {
                c.pq().get_notifs();
                auto now = std::chrono::steady_clock::now();
                if (now >= next_beat) {
                    tx_run([&](db::Tx& tx) { maintain(tx); });
                    pending = numbered = true; // a sweep, in case a notification was lost
                    next_beat = now + m_settings.heartbeat;
                }
                if (pending) {
                    pending = false;
                    tx_run([&](db::Tx& tx) {
                        if (repositories::number_events(tx)) numbered = true;
                    });
                }
                if (numbered) {
                    numbered = false;
                    tx_run([&](db::Tx& tx) { fan_out(tx); });
                }
                c.pq().get_notifs();
                if (pending || numbered) continue;
                auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_beat - std::chrono::steady_clock::now());
                pollfd fds[2] = {{c.pq().sock(), POLLIN, 0}, {m_stop_pipe[0], POLLIN, 0}};
                ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, wait.count())));
                if (fds[1].revents) return;
            }
        } catch (const std::exception& e) {
            m_shared->connected = false;
            log::warning(std::string("event hub: database connection lost: ") + e.what());
        }
        pollfd stop{m_stop_pipe[0], POLLIN, 0};
        if (::poll(&stop, 1, static_cast<int>(m_settings.reconnect_delay.count())) > 0) return;
    }
}

void EventHub::fan_out(db::Tx& tx) {
    constexpr int k_batch = 500;
    while (true) {
        std::int64_t after = 0;
        {
            std::lock_guard lock(m_shared->mutex);
            after = m_shared->sent_id;
        }
        auto rows = repositories::events_after(tx, after, k_batch);
        if (rows.empty()) return;
        auto audiences = audiences_of(tx, rows);
        std::vector<std::shared_ptr<Stream>> streams; // released after the lock (a last reference unregisters)
        {
            std::lock_guard lock(m_shared->mutex);
            std::multimap<std::int64_t, Stream*> by_account;
            for (auto& [key, weak] : m_shared->streams)
                if (auto s = weak.lock()) {
                    by_account.emplace(s->m_account_id, s.get());
                    streams.push_back(std::move(s));
                }
            for (const auto& e : rows) {
                auto a = audiences.find(e.patient_id);
                if (a == audiences.end()) continue;
                const std::string text = event_text(e);
                auto deliver = [&](std::int64_t account) {
                    auto [begin, end] = by_account.equal_range(account);
                    for (auto it = begin; it != end; ++it)
                        if (may_see(e, a->second, account, it->second->m_principal)) it->second->offer(e.id, text);
                };
                if (e.account_id) {
                    deliver(*e.account_id);
                } else if (e.type.starts_with("family_")) { // the family accounts are no team members
                    for (const auto& [account, stream] : by_account)
                        if (may_see(e, a->second, account, stream->m_principal)) stream->offer(e.id, text);
                } else {
                    for (auto account : a->second.member_ids) deliver(account);
                }
            }
            m_shared->sent_id = rows.back().id;
        }
        if (rows.size() < static_cast<std::size_t>(k_batch)) return;
    }
}

void EventHub::maintain(db::Tx& tx) {
    std::vector<std::shared_ptr<Stream>> streams;
    {
        std::lock_guard lock(m_shared->mutex);
        for (auto& [key, weak] : m_shared->streams)
            if (auto s = weak.lock()) streams.push_back(std::move(s));
    }
    if (streams.empty()) return;
    std::vector<std::string> sessions;
    for (const auto& s : streams) sessions.push_back(s->m_session);
    std::sort(sessions.begin(), sessions.end());
    sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
    auto valid = repositories::valid_sessions(tx, sessions, m_sessions.idle_timeout.count(),
                                              m_sessions.kiosk_idle_timeout.count());
    std::sort(valid.begin(), valid.end());
    for (const auto& s : streams) {
        if (std::binary_search(valid.begin(), valid.end(), s->m_session)) {
            s->heartbeat();
        } else {
            s->end();
        }
    }
}

} // namespace mimamori::services
