#include "db/database.hpp"

#include <atomic>
#include <stdexcept>
#include <unordered_map>

namespace mimamori::db {
namespace {

std::atomic<std::uint64_t> g_next_id{1};
// Several servers may live in one process (tests): connections are kept per database.
thread_local std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> t_connections;

} // namespace

Connection::Connection(const std::string& url) : m_pq(url) {}

DeferredTransaction::DeferredTransaction(pqxx::connection_base& c)
    : pqxx::internal::namedclass("DeferredTransaction"),
      pqxx::dbtransaction(c, pqxx::isolation_traits<pqxx::read_committed>::name()) {
    Begin(); // libpqxx's bookkeeping only: do_begin() sends nothing
}

DeferredTransaction::~DeferredTransaction() noexcept { End(); }

void DeferredTransaction::ensure_begun() {
    if (m_state == State::Begun) return;
    if (m_state == State::Ended)
        throw std::logic_error("a statement after the transaction's COMMIT (sent with its last statements)");
    direct_exec("BEGIN");
    m_state = State::Begun;
}

pqxx::result DeferredTransaction::do_exec(const char query[]) {
    ensure_begun();
    return pqxx::dbtransaction::do_exec(query);
}

// As libpqxx's own transaction: a connection lost during COMMIT leaves the outcome unknown.
void DeferredTransaction::do_commit() {
    if (m_state != State::Begun) {
        m_state = State::Ended; // nothing was sent, or a Pipeline committed already
        return;
    }
    try {
        direct_exec("COMMIT");
        m_state = State::Ended;
    } catch (const pqxx::statement_completion_unknown& e) {
        throw pqxx::in_doubt_error(std::string("the COMMIT's outcome is unknown: ") + e.what());
    } catch (const std::exception& e) {
        if (!conn().is_open()) throw pqxx::in_doubt_error(std::string("connection lost during COMMIT: ") + e.what());
        throw;
    }
}

void DeferredTransaction::do_abort() {
    reactivation_avoidance_clear();
    const bool begun = m_state == State::Begun;
    m_state = State::Ended;
    if (begun) direct_exec("ROLLBACK");
}

void Tx::before_statement() {
    if (m_deferred) m_deferred->ensure_begun();
    flush_queued();
}

void Tx::flush_queued() {
    if (m_queued.empty()) return;
    auto queued = std::move(m_queued);
    m_queued.clear();
    if (m_deferred) m_deferred->ensure_begun();
    for (const auto& statement : queued) {
        m_connection.prepare(statement);
        m_work.exec_prepared(statement.name);
    }
}

void Connection::prepare(const Statement& statement) {
    if (m_prepared.insert(statement.name).second) m_pq.prepare(statement.name, statement.sql);
}

Database::Database(std::string url) : m_url(std::move(url)), m_id(g_next_id++) {}

Database::~Database() { drop_connection(); }

Connection& Database::connection() {
    auto& slot = t_connections[m_id];
    if (!slot || !slot->pq().is_open()) slot = std::make_unique<Connection>(m_url);
    return *slot;
}

void Database::drop_connection() { t_connections.erase(m_id); }

UnitOfWork::~UnitOfWork() { rollback(); }

Tx& UnitOfWork::tx() {
    if (m_tx) return *m_tx;
    for (int attempt = 0;; ++attempt) {
        try {
            Connection& c = m_database.connection();
            if (m_autocommit) m_work = std::make_unique<pqxx::nontransaction>(c.pq());
            else m_work = std::make_unique<pqxx::work>(c.pq());
            return m_tx.emplace(*m_work, c);
        } catch (const pqxx::broken_connection&) {
            m_work.reset();
            m_database.drop_connection();
            if (attempt > 0) throw;
        }
    }
}

void UnitOfWork::commit() {
    if (!m_work) return;
    if (m_before_commit) m_before_commit();
    if (m_tx) m_tx->flush_queued();
    m_tx.reset();
    auto work = std::move(m_work);
    work->commit();
}

void UnitOfWork::rollback() {
    m_tx.reset();
    m_work.reset(); // pqxx aborts an uncommitted transaction when it is destroyed
}

bool is_unavailable(const std::exception& e) {
    return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
}

} // namespace mimamori::db
