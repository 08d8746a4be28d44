#include "services/read_cache.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <libpq-fe.h>

#include "log.hpp"

namespace mimamori::services {
namespace {

constexpr const char* k_channel = "mimamori_cache"; // migration 0010

// The listening connection, in libpq's terms. A round needs no statement: in pipeline mode a
// Sync message alone is answered with ReadyForQuery, and the backend sends the notifications
// signalled to it before that (it handles a pending notification interrupt whenever it reads a
// message from its client) -- no transaction, parse or plan in the backend, and no libpqxx
// transaction object here (libpqxx 6.4 has no pipeline mode).
class Listener {
public:
    explicit Listener(const std::string& url) : m_conn(PQconnectdb(url.c_str()), &PQfinish) {
        if (PQstatus(m_conn.get()) != CONNECTION_OK) fail("cannot connect");
        exec("SET application_name = 'mimamori read cache'");
        exec(std::string("LISTEN ") + k_channel);
        if (PQenterPipelineMode(m_conn.get()) != 1) fail("cannot enter pipeline mode");
    }
    int socket() const { return PQsocket(m_conn.get()); }
    int backend_pid() const { return PQbackendPID(m_conn.get()); }

    // Applies what has arrived on the socket.
    void consume(ReadCache& cache) {
        if (PQconsumeInput(m_conn.get()) != 1) fail("connection lost");
        deliver(cache);
    }
    // A round trip; the notifications that arrived before its answer are applied on return.
    void round(ReadCache& cache) {
        if (PQpipelineSync(m_conn.get()) != 1) fail("cannot send a round");
        PGresult* r = PQgetResult(m_conn.get());
        const bool synced = r && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        if (r) PQclear(r);
        if (!synced) fail("a round did not end with its Sync");
        deliver(cache);
    }
    // Notifications libpq has already read.
    void deliver(ReadCache& cache) {
        while (PGnotify* n = PQnotifies(m_conn.get())) {
            std::string payload = n->extra;
            PQfreemem(n);
            cache.on_notification(payload);
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw std::runtime_error(what + ": " + PQerrorMessage(m_conn.get()));
    }
    void exec(const std::string& sql) {
        PGresult* r = PQexec(m_conn.get(), sql.c_str());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) fail(sql);
    }

    std::unique_ptr<PGconn, decltype(&PQfinish)> m_conn;
};

// What a stored page costs besides its text (the entry, its key twice, the LRU node).
constexpr std::size_t k_page_overhead = 256;

} // namespace

namespace {
constexpr std::string_view k_true = "true";
constexpr std::size_t k_false_size = 5; // "false"

bool reads_true(const ViewerText::Slot& slot, std::int64_t viewer) {
    return std::find(slot.true_for.begin(), slot.true_for.end(), viewer) != slot.true_for.end();
}
} // namespace

std::string ViewerText::render(std::int64_t viewer) const {
    std::vector<std::string_view> views;
    std::string out;
    out.reserve(render_views(viewer, views));
    for (auto view : views) out.append(view);
    return out;
}

std::size_t ViewerText::render_views(std::int64_t viewer, std::vector<std::string_view>& out) const {
    const std::string_view all = text;
    std::size_t from = 0, size = all.size();
    for (const auto& slot : slots) {
        if (!reads_true(slot, viewer)) continue;
        out.push_back(all.substr(from, slot.at - from));
        out.push_back(k_true);
        from = slot.at + k_false_size;
        size -= k_false_size - k_true.size();
    }
    out.push_back(all.substr(from));
    return size;
}

std::size_t ViewerText::bytes() const {
    std::size_t n = text.size() + slots.size() * sizeof(Slot);
    for (const auto& slot : slots) n += slot.true_for.size() * sizeof(std::int64_t);
    return n;
}

ReadCache::ReadCache(std::string database_url, ReadCacheSettings settings)
    : m_url(std::move(database_url)), m_settings(settings) {
    if (!enabled()) return;
    if (::pipe2(m_stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0 || ::pipe2(m_wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::runtime_error("cannot make the read cache's pipes");
    m_thread = std::thread([this] { run(); });
}

ReadCache::~ReadCache() {
    if (!m_thread.joinable()) return;
    char byte = 1;
    (void)!::write(m_stop_pipe[1], &byte, 1);
    m_thread.join();
    for (int fd : {m_stop_pipe[0], m_stop_pipe[1], m_wake_pipe[0], m_wake_pipe[1]}) ::close(fd);
}

bool ReadCache::sync(std::chrono::steady_clock::time_point since) {
    const auto wanted = since.time_since_epoch().count();
    if (!m_listening) return false;
    if (m_round_done_start >= wanted) return true;
    std::unique_lock lock(m_sync_mutex);
    if (!m_round_wanted) {
        m_round_wanted = true;
        char byte = 1;
        (void)!::write(m_wake_pipe[1], &byte, 1);
    }
    m_synced.wait_for(lock, std::chrono::seconds(1), [&] { return !m_listening || m_round_done_start >= wanted; });
    return m_listening && m_round_done_start >= wanted;
}

std::uint64_t ReadCache::patient_generation(std::int64_t patient_id) const {
    auto it = m_patient_generations.find(patient_id);
    return it == m_patient_generations.end() ? 0 : it->second;
}

ReadCache::Ticket ReadCache::ticket(std::int64_t patient_id) const {
    std::lock_guard lock(m_mutex);
    return {m_global, patient_generation(patient_id), m_listening.load()};
}

ReadCache::Ticket ReadCache::session_ticket() const {
    std::lock_guard lock(m_mutex);
    return {m_global, m_session_generation, m_listening.load()};
}

bool ReadCache::storable(const Ticket& t, std::int64_t patient_id) const {
    return t.usable && m_listening && t.global == m_global && t.patient == patient_generation(patient_id);
}

std::shared_ptr<const PatientAudience> ReadCache::facts(std::int64_t patient_id, const Date& day) {
    if (!m_listening) return nullptr;
    std::lock_guard lock(m_mutex);
    auto it = m_facts.find(patient_id);
    if (it == m_facts.end()) return nullptr;
    const auto& e = it->second;
    if (e.day != day || e.global != m_global || e.patient != patient_generation(patient_id)) {
        m_facts.erase(it);
        return nullptr;
    }
    return e.facts;
}

void ReadCache::store_facts(const Ticket& t, std::int64_t patient_id, const Date& day,
                            std::shared_ptr<const PatientAudience> f) {
    if (!enabled()) return;
    std::lock_guard lock(m_mutex);
    if (!storable(t, patient_id)) return;
    if (m_facts.size() >= m_settings.max_patients && !m_facts.contains(patient_id)) m_facts.clear();
    m_facts[patient_id] = {std::move(f), day, t.global, t.patient};
}

std::shared_ptr<const ViewerText> ReadCache::page(std::int64_t patient_id, const std::string& key, const Date& day) {
    if (!m_listening) return nullptr;
    const std::string full = std::to_string(patient_id) + '/' + key;
    std::lock_guard lock(m_mutex);
    auto it = m_pages.find(full);
    if (it == m_pages.end()) {
        ++m_counts.page_misses;
        return nullptr;
    }
    const auto& e = it->second;
    if (e.day != day || e.global != m_global || e.patient != patient_generation(patient_id)) {
        erase_page(it);
        ++m_counts.page_misses;
        return nullptr;
    }
    m_lru.splice(m_lru.begin(), m_lru, e.lru);
    ++m_counts.page_hits;
    return e.page;
}

void ReadCache::store_page(const Ticket& t, std::int64_t patient_id, const std::string& key, const Date& day,
                           std::shared_ptr<const ViewerText> page) {
    if (!enabled()) return;
    const std::size_t size = page->bytes() + 2 * key.size() + k_page_overhead;
    if (size > m_settings.max_page_bytes / 4) return; // one page never crowds out the rest
    std::string full = std::to_string(patient_id) + '/' + key;
    std::lock_guard lock(m_mutex);
    if (!storable(t, patient_id)) return;
    if (auto old = m_pages.find(full); old != m_pages.end()) erase_page(old);
    while (!m_lru.empty() && m_page_bytes + size > m_settings.max_page_bytes) erase_page(m_pages.find(m_lru.back()));
    m_lru.push_front(full);
    m_pages.emplace(std::move(full), PageEntry{std::move(page), patient_id, day, t.global, t.patient, size, m_lru.begin()});
    m_page_bytes += size;
}

void ReadCache::erase_page(std::unordered_map<std::string, PageEntry>::iterator it) {
    m_page_bytes -= it->second.size;
    m_lru.erase(it->second.lru);
    m_pages.erase(it);
}

std::shared_ptr<const SignedIn> ReadCache::session(const std::string& token_hash_hex) {
    if (!m_listening) return nullptr;
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(token_hash_hex);
    if (it == m_sessions.end() || std::chrono::steady_clock::now() >= it->second.until) {
        if (it != m_sessions.end()) m_sessions.erase(it);
        ++m_counts.session_misses;
        return nullptr;
    }
    ++m_counts.session_hits;
    return it->second.who;
}

void ReadCache::store_session(const Ticket& t, const std::string& token_hash_hex, std::shared_ptr<const SignedIn> who,
                              std::chrono::steady_clock::time_point until) {
    if (!enabled()) return;
    std::lock_guard lock(m_mutex);
    if (!t.usable || !m_listening || t.global != m_global || t.patient != m_session_generation) return;
    if (m_sessions.size() >= m_settings.max_sessions && !m_sessions.contains(token_hash_hex)) m_sessions.clear();
    m_sessions[token_hash_hex] = {std::move(who), until};
}

void ReadCache::invalidate_patients(const std::vector<std::int64_t>& patient_ids) {
    std::lock_guard lock(m_mutex);
    for (auto id : patient_ids) {
        m_patient_generations[id] = ++m_next_generation; // entries of the patient no longer match
        m_facts.erase(id);
    }
}

void ReadCache::invalidate_session(const std::string& token_hash_hex) {
    std::lock_guard lock(m_mutex);
    ++m_session_generation;
    m_sessions.erase(token_hash_hex);
}

void ReadCache::invalidate_all() {
    std::lock_guard lock(m_mutex);
    drop_everything();
}

void ReadCache::drop_everything() {
    ++m_global;
    ++m_session_generation;
    m_patient_generations.clear();
    m_pages.clear();
    m_lru.clear();
    m_page_bytes = 0;
    m_facts.clear();
    m_sessions.clear();
}

void ReadCache::on_notification(const std::string& payload) {
    if (payload.size() > 1 && payload[0] == 'p') {
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(payload.data() + 1, payload.data() + payload.size(), id);
        if (ec == std::errc{} && end == payload.data() + payload.size()) {
            invalidate_patients({id});
            return;
        }
    } else if (payload.size() > 1 && payload[0] == 's') {
        invalidate_session(payload.substr(1));
        return;
    }
    invalidate_all();
}

ReadCache::Counts ReadCache::counts() const {
    std::lock_guard lock(m_mutex);
    Counts c = m_counts;
    c.pages = m_pages.size();
    c.page_bytes = m_page_bytes;
    return c;
}

// Down: nothing is served or stored, and what was kept is dropped (notifications may have been
// lost). Up: what was kept before is dropped again (it may predate the LISTEN), then the cache
// fills from now on.
void ReadCache::set_listening(bool on) {
    {
        std::lock_guard lock(m_mutex);
        m_listening = on;
        drop_everything();
    }
    {
        std::lock_guard lock(m_sync_mutex);
        m_round_done_start = 0; // rounds of an earlier connection prove nothing
    }
    m_synced.notify_all();
}

void ReadCache::run() {
    bool first = true;
    while (true) {
        try {
            Listener c(m_url); // LISTEN
            m_backend_pid = c.backend_pid();
            set_listening(true);
            log::info(first ? "read cache: listening for changes (" + std::to_string(m_settings.max_page_bytes) +
                                  " bytes for pages)"
                            : std::string("read cache: listening again; the cache starts empty"));
            first = false;
            while (true) {
                c.deliver(*this);
                pollfd fds[3] = {{c.socket(), POLLIN, 0}, {m_stop_pipe[0], POLLIN, 0}, {m_wake_pipe[0], POLLIN, 0}};
                int ready = ::poll(fds, 3, static_cast<int>(m_settings.liveness_check.count()));
                if (fds[1].revents) {
                    set_listening(false);
                    return;
                }
                if (fds[0].revents) c.consume(*this);
                if (fds[2].revents) {
                    char drain[64];
                    while (::read(m_wake_pipe[0], drain, sizeof drain) > 0) {
                    }
                }
                // A round for the requests waiting in sync(), and for a quiet connection a check
                // that it is still there. Notifications that arrive before the answer are applied
                // before the round counts as done.
                std::chrono::steady_clock::rep start = 0;
                {
                    std::lock_guard lock(m_sync_mutex);
                    if (!m_round_wanted && ready != 0) continue;
                    m_round_wanted = false;
                    start = std::chrono::steady_clock::now().time_since_epoch().count();
                }
                c.round(*this);
                {
                    std::lock_guard lock(m_sync_mutex);
                    m_round_done_start = start;
                }
                m_synced.notify_all();
            }
        } catch (const std::exception& e) {
            m_backend_pid = 0;
            set_listening(false);
            log::warning(std::string("read cache: listening connection lost, reading from the database: ") + e.what());
        }
        pollfd stop{m_stop_pipe[0], POLLIN, 0};
        if (::poll(&stop, 1, static_cast<int>(m_settings.reconnect_delay.count())) > 0) return;
    }
}

} // namespace mimamori::services
