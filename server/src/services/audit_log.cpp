#include "services/audit_log.hpp"

#include <algorithm>
#include <memory>

#include "log.hpp"
#include "mimamori/common/text.hpp"
#include "repositories/audit_repository.hpp"

namespace mimamori::services {
namespace {

// Enough to keep one transaction short when a burst arrives.
constexpr std::size_t k_max_batch_entries = 1000;

Json storable_detail(const Json& value) {
    if (value.is_string()) return storable_text(value.get<std::string>(), 4000);
    if (value.is_object() || value.is_array()) {
        Json out = value.is_object() ? Json::object() : Json::array();
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (value.is_object()) out[storable_text(it.key(), 200)] = storable_detail(*it);
            else out.push_back(storable_detail(*it));
        }
        return out;
    }
    return value;
}

void make_storable(audit::Entry& e) {
    e.actor_login = storable_text(e.actor_login, 256);
    e.action = storable_text(e.action, 100);
    e.target_type = storable_text(e.target_type, 100);
    e.target_id = storable_text(e.target_id, 200);
    e.client_address = storable_text(e.client_address, 100);
    e.result = storable_text(e.result, 50);
    e.detail = storable_detail(e.detail.is_object() ? e.detail : Json{{"value", e.detail}});
}

} // namespace

std::string storable_text(std::string_view s, std::size_t max_bytes) {
    std::string out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        char32_t cp = text::next_code_point(s, pos);
        if (cp == 0) cp = 0xFFFD;
        std::string one;
        text::append_utf8(one, cp);
        if (out.size() + one.size() > max_bytes) break;
        out += one;
    }
    return out;
}

AuditLog::AuditLog(db::Database& database) : m_database(database), m_thread([this] { run(); }) {}

AuditLog::~AuditLog() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void AuditLog::enqueue(Waiter& waiter) {
    for (auto& e : waiter.entries) make_storable(e);
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) throw std::runtime_error("the access log is stopping");
        m_queue.push_back(&waiter);
    }
    m_wake.notify_one();
}

std::vector<std::int64_t> AuditLog::append(std::vector<audit::Entry> entries, Durability durability) {
    if (entries.empty()) return {};
    Waiter waiter;
    waiter.entries = std::move(entries);
    waiter.durable = durability == Durability::Durable;
    enqueue(waiter);
    waiter.ready.acquire(); // the appender is done with `waiter` once it releases it
    if (waiter.error) std::rethrow_exception(waiter.error);
    return std::move(waiter.ids);
}

void AuditLog::append_async(std::vector<audit::Entry> entries, Durability durability, Done done) {
    if (entries.empty()) {
        done({}, nullptr);
        return;
    }
    auto waiter = std::make_unique<Waiter>();
    waiter->entries = std::move(entries);
    waiter->durable = durability == Durability::Durable;
    waiter->done = std::move(done);
    try {
        enqueue(*waiter);
    } catch (const std::exception&) {
        waiter->done({}, std::current_exception());
        return;
    }
    waiter.release(); // the appender deletes it after calling `done`
}

std::uint64_t AuditLog::batches() const {
    std::lock_guard lock(m_mutex);
    return m_batches;
}

std::uint64_t AuditLog::appended() const {
    std::lock_guard lock(m_mutex);
    return m_appended;
}

void AuditLog::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty()) break; // stopping, nothing left
        std::vector<Waiter*> batch;
        std::size_t entries = 0;
        while (!m_queue.empty() && (batch.empty() || entries + m_queue.front()->entries.size() <= k_max_batch_entries)) {
            entries += m_queue.front()->entries.size();
            batch.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        write_batch(batch);
        lock.lock();
        ++m_batches;
        for (Waiter* w : batch)
            if (!w->error) m_appended += w->entries.size();
        lock.unlock(); // requests queue the next batch meanwhile
        for (Waiter* w : batch) {
            if (!w->done) {
                w->ready.release(); // after this, w may be gone
                continue;
            }
            std::unique_ptr<Waiter> owned(w);
            try {
                owned->done(std::move(owned->ids), owned->error);
            } catch (const std::exception& e) { // the appender must go on for the others
                log::error(std::string("an access-log completion failed: ") + e.what());
            }
        }
        lock.lock();
    }
    m_database.drop_connection(); // this thread's connection ends with it
}

void AuditLog::write_batch(std::vector<Waiter*>& batch) {
    const bool durable = std::any_of(batch.begin(), batch.end(), [](const Waiter* w) { return w->durable; });
    try {
        // transact() may run this twice (a broken connection is retried once), so everything is
        // computed inside from the head it reads.
        m_database.transact([&](db::Tx& tx) {
            auto head = repositories::lock_audit_head(tx, !durable); // deferred flush: see the header (reads only)
            std::vector<audit::StoredEntry> stored;
            audit::Hash previous = head.last_hash;
            std::int64_t id = head.last_id;
            for (Waiter* w : batch) {
                w->ids.clear();
                for (auto& e : w->entries) {
                    e.sequence = ++id;
                    e.time_us = head.now_us;
                    previous = audit::chain_hash(previous, e);
                    stored.push_back({e, previous});
                    w->ids.push_back(e.sequence);
                }
            }
            repositories::insert_audit_entries(tx, stored);
        });
    } catch (const std::exception& e) {
        log::error(std::string("cannot append to the access log: ") + e.what());
        auto error = std::current_exception();
        for (Waiter* w : batch) w->error = error;
    }
}

} // namespace mimamori::services
