#pragma once
// PostgreSQL through libpqxx 6.4. libpqxx has no pool and a connection must never be shared
// between threads, so each thread has its own connection to each Database, opened on first use
// and kept for the thread's life (a Pistache worker serves many requests in turn). Statements
// are prepared on each connection the first time they run there.
//
// Only repositories (server/src/repositories) write SQL; they receive a Tx.

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

namespace mimamori::db {

// A named SQL statement of a repository.
struct Statement {
    const char* name;
    const char* sql;
};

class Pipeline;

// A read-committed transaction whose BEGIN is not sent on its own: it goes with the first
// statement (in the same message when that statement travels in a Pipeline), and a Pipeline may
// carry its COMMIT with the last statements -- a transaction of a few statements in two round
// trips instead of four or five (the access log's group commit). Database::transact's transaction.
class DeferredTransaction final : public pqxx::dbtransaction {
public:
    explicit DeferredTransaction(pqxx::connection_base& c);
    ~DeferredTransaction() noexcept override;

    enum class State { NotBegun, Begun, Ended };
    State state() const { return m_state; }
    // Sends BEGIN on its own unless it went already; throws std::logic_error once the transaction
    // was committed by a Pipeline.
    void ensure_begun();
    // A Pipeline sent BEGIN / COMMIT (or a COMMIT that failed: the transaction is over either way).
    void mark(State state) { m_state = state; }

private:
    void do_begin() override {}
    pqxx::result do_exec(const char query[]) override;
    void do_commit() override;
    void do_abort() override;

    State m_state = State::NotBegun;
};

// One thread's session with the database.
class Connection {
public:
    explicit Connection(const std::string& url);
    pqxx::connection& pq() { return m_pq; }
    // Declares `statement` on this connection unless it already is.
    void prepare(const Statement& statement);

private:
    friend class Pipeline;
    pqxx::connection m_pq;
    std::unordered_set<std::string> m_prepared;
    // Statements a Pipeline prepared through libpq itself, on the backend `m_raw_backend`.
    std::unordered_set<std::string> m_raw_prepared;
    int m_raw_backend = 0;
};

// A transaction (or, from Database::autocommit, a series of statements each committed on its
// own), as repositories use it.
class Tx {
public:
    Tx(pqxx::transaction_base& work, Connection& connection, DeferredTransaction* deferred = nullptr)
        : m_work(work), m_connection(connection), m_deferred(deferred) {}

    template <typename... Args>
    pqxx::result exec(const Statement& statement, Args&&... args) {
        before_statement();
        m_connection.prepare(statement);
        return m_work.exec_prepared(statement.name, std::forward<Args>(args)...);
    }
    // Runs SQL text of one or more statements without parameters (a migration).
    void exec_script(std::string_view sql) {
        before_statement();
        m_work.exec(std::string(sql));
    }
    // Runs `statement` (no parameters, result unused) at the start of this transaction's next
    // round trip instead of in one of its own: with the next Pipeline, else before the next
    // statement or the commit.
    void queue(const Statement& statement) { m_queued.push_back(statement); }
    // Runs what queue() left, on its own (before a commit).
    void flush_queued();

private:
    friend class Pipeline;
    void before_statement();

    pqxx::transaction_base& m_work;
    Connection& m_connection;
    DeferredTransaction* m_deferred;
    std::vector<Statement> m_queued;
};

class Database {
public:
    // `url`: a libpq connection string or URI ("postgresql:///db?host=/socket&user=app").
    explicit Database(std::string url);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::string& url() const { return m_url; }

    // This thread's connection, opened on first use. Throws pqxx::broken_connection when the
    // database cannot be reached.
    Connection& connection();
    // Forgets this thread's connection (it broke), so that the next use reconnects.
    void drop_connection();

    // Runs fn(Tx&) in a transaction of its own, committed when fn returns. When the connection
    // turns out to be broken (PostgreSQL restarted since it was opened), reconnects and runs fn
    // once more, so fn must have no effect outside the database.
    // (BEGIN goes with the first statement, see DeferredTransaction.)
    template <typename F>
    auto transact(F&& fn) -> std::invoke_result_t<F&, Tx&> {
        return run<DeferredTransaction>(fn);
    }
    // The same without BEGIN and COMMIT: each statement commits on its own. For a single read
    // that must be cheap (the health check), one round trip instead of three.
    template <typename F>
    auto autocommit(F&& fn) -> std::invoke_result_t<F&, Tx&> {
        return run<pqxx::nontransaction>(fn);
    }

private:
    template <typename Transaction, typename F>
    auto run(F& fn) -> std::invoke_result_t<F&, Tx&>;

    std::string m_url;
    std::uint64_t m_id; // keys this database's connections in each thread
};

// The unit of work of one request: a transaction begun when the handler first asks for it, and
// committed or rolled back by the HTTP layer once the handler has answered, so that a request
// writes all or nothing (and, with an Idempotency-Key, its stored answer with it).
class UnitOfWork {
public:
    explicit UnitOfWork(Database& database) : m_database(database) {}
    ~UnitOfWork();
    UnitOfWork(const UnitOfWork&) = delete;
    UnitOfWork& operator=(const UnitOfWork&) = delete;

    // The transaction, begun on first use (reconnecting once if the connection broke).
    Tx& tx();
    // Before tx() is first used: no BEGIN and COMMIT, each statement commits on its own (two
    // round trips fewer). Only for work that writes nothing and needs no common snapshot of its
    // reads; before_commit still runs at commit().
    void set_autocommit(bool on) { m_autocommit = on; }
    bool active() const { return m_work != nullptr; }
    // Commits; `before_commit` (if set) runs first, and when it throws nothing is committed.
    void commit();
    void rollback();
    // What must happen before any commit of this unit of work, whoever commits it (the request's
    // access-log entries: see RequestContext).
    void set_before_commit(std::function<void()> hook) { m_before_commit = std::move(hook); }

private:
    Database& m_database;
    std::function<void()> m_before_commit;
    bool m_autocommit = false;
    std::unique_ptr<pqxx::transaction_base> m_work;
    std::optional<Tx> m_tx;
};

// True when `e` says the database cannot be reached: the answer is 503, not 500.
bool is_unavailable(const std::exception& e);

template <typename Transaction, typename F>
auto Database::run(F& fn) -> std::invoke_result_t<F&, Tx&> {
    for (int attempt = 0;; ++attempt) {
        try {
            Connection& c = connection();
            Transaction work(c.pq());
            DeferredTransaction* deferred = nullptr;
            if constexpr (std::is_same_v<Transaction, DeferredTransaction>) deferred = &work;
            Tx tx(work, c, deferred);
            if constexpr (std::is_void_v<std::invoke_result_t<F&, Tx&>>) {
                fn(tx);
                tx.flush_queued();
                work.commit();
                return;
            } else {
                auto result = fn(tx);
                tx.flush_queued();
                work.commit();
                return result;
            }
        } catch (const pqxx::broken_connection&) {
            drop_connection();
            if (attempt > 0) throw;
        }
    }
}

} // namespace mimamori::db
