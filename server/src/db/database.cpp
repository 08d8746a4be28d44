#include "db/database.hpp"

#include <atomic>
#include <unordered_map>

namespace mimamori::db {
namespace {

std::atomic<std::uint64_t> g_next_id{1};
// Several servers may live in one process (tests): connections are kept per database.
thread_local std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> t_connections;

} // namespace

Connection::Connection(const std::string& url) : m_pq(url) {}

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
