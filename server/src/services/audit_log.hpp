#pragma once
// The access log's appender (DESIGN.md §7): every sign-in attempt and every read or write of
// master or patient data becomes one entry of the hash chain of common/audit_chain.hpp.
//
// Handlers never call this directly: they queue an AuditRecord with RequestContext::audit(), and
// the HTTP layer fills in who (the signed-in account), from where (client address) and when
// (the database's clock, read under the chain's lock, so times follow ids), then appends.
//
// Group commit: one appender thread takes whatever entries the requests in flight have queued,
// appends them in one transaction (head row locked FOR UPDATE, one INSERT, head moved, COMMIT),
// and wakes their requests. A request waits for its batch, so no answer leaves before its
// entries are committed, while 32 concurrent timeline reads cost a few commits, not 32.
// A request whose handler left nothing open (no transaction of its own to commit after its
// entries) does not block its worker thread: append_async() hands the appender a completion, and
// the HTTP layer sends the held answer from the connection's worker once it ran (see
// http/dispatcher.cpp); the group is then bounded by the requests in flight, not the threads.
//
// Durability: entries of writes (and of every state-changing request, sign-in attempts
// included) wait for the commit's WAL flush, as does any batch holding one. A batch holding only
// entries of reads (GET and HEAD, Durability::Deferred) commits with synchronous_commit off: it
// is in the chain, visible and ordered before the answer leaves, but PostgreSQL flushes it with
// the next synchronous commit or its WAL writer (within ~0.6 s) instead of before returning.
// The trade-off: a crash of the database host may lose the last fraction of a second of read
// entries -- always a tail of the chain (the WAL is written in order, so a durable entry is never
// preceded by a lost one), never an entry of a write, and the hash chain stays intact. Waiting
// for an fsync per batch of reads instead capped logged reads at ~1,400/s on this machine.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/audit_chain.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::services {

// What a handler says about one access. The layer adds actor, client address and time.
struct AuditRecord {
    std::string action{};                     // "facility.read", "staff.create", "session.create" ...
    std::string target_type{};                // "facility", "account", "patient" ...
    std::string target_id{};
    std::optional<std::int64_t> patient_id{}; // whenever a patient's information is touched
    std::string result = "ok";              // "ok", "denied", "failed", "locked"
    Json detail = Json::object();           // integers, strings, booleans only (see audit_chain.hpp)

    // Who acted, when it is not the request's signed-in account: sign-in attempts name the login
    // as typed, and the account only once it is known.
    struct Actor {
        std::optional<std::int64_t> account_id{};
        std::string login{};
    };
    std::optional<Actor> actor{};
};

class AuditLog {
public:
    explicit AuditLog(db::Database& database);
    ~AuditLog(); // appends what is queued, then stops the thread
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    // Appends `entries` in order (their sequence, time and hash are assigned here; the rest is
    // made valid text for the database) and returns their ids once committed. Throws when the
    // append fails (the database is down): the caller must then not answer with success.
    enum class Durability { Durable, Deferred };
    std::vector<std::int64_t> append(std::vector<audit::Entry> entries, Durability durability = Durability::Durable);

    // The same without waiting: `done` runs once, on the appender's thread after the batch (or at
    // once, on the caller's, when the log is stopping), with the entries' ids or the error that
    // stopped them (then no id). It must only hand the result on (to a worker's mailbox): the
    // whole batch waits for it. Queued entries are appended before the destructor returns.
    using Done = std::function<void(std::vector<std::int64_t> ids, std::exception_ptr error)>;
    void append_async(std::vector<audit::Entry> entries, Durability durability, Done done);

    // Transactions committed and entries appended so far (the benchmark prints their ratio).
    std::uint64_t batches() const;
    std::uint64_t appended() const;

private:
    // Set once by the appender, waited for by one request: each request wakes alone (one
    // condition variable for all woke every waiting request per batch). Not std::binary_semaphore:
    // libstdc++'s acquire() spins with a dozen sched_yield(2) calls before it sleeps, and 32
    // workers doing that on 2 cores spent ~15 % of the server's CPU in sched_yield.
    class Ready {
    public:
        void release() {
            std::lock_guard lock(m_mutex);
            m_done = true;
            m_cv.notify_one(); // under the lock: the waiter (and this object) may be gone after it
        }
        void acquire() {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return m_done; });
        }

    private:
        std::mutex m_mutex;
        std::condition_variable m_cv;
        bool m_done = false;
    };

    // A request's entries; `ready` is released by the appender once their batch is through, or,
    // for append_async() (`done` set, the waiter owned by the queue), `done` is called and the
    // waiter deleted.
    struct Waiter {
        std::vector<audit::Entry> entries;
        std::vector<std::int64_t> ids;
        std::exception_ptr error;
        bool durable = true;
        Ready ready;
        Done done;
    };

    void enqueue(Waiter& waiter);
    void run();
    void write_batch(std::vector<Waiter*>& batch);

    db::Database& m_database;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;  // the appender: work or stop
    std::deque<Waiter*> m_queue;
    bool m_stopping = false;
    std::uint64_t m_batches = 0;
    std::uint64_t m_appended = 0;
    std::thread m_thread;
};

// `s` as the database can store it: valid UTF-8 without NUL (each bad byte or NUL becomes
// U+FFFD), cut to at most `max_bytes` at a character boundary.
std::string storable_text(std::string_view s, std::size_t max_bytes = 1000);

} // namespace mimamori::services
