#pragma once
// What a handler gets besides the request: the request's unit of work (one database transaction,
// begun on first use, committed by the layer when the handler succeeds), the server's services,
// who is signed in (set by the session middleware), and the access-log entries of the request.
//
// Access log, and its order relative to the request's commit: entries queued with audit() are
// appended to the chain (durably, by the group-commit appender, outside the request's
// transaction) *before* the request's own transaction commits, whoever commits it (the layer or
// the idempotency middleware), and before the answer leaves. So a committed write always has its
// entry; if the commit then fails, the layer appends a "request.failed" entry naming the entries
// it contradicts. Requests that end with status >= 400 are rolled back, and their queued "ok"
// entries are appended as "failed" (with the status in detail); failed sign-ins and denials are
// logged this way too, since the log never shares the request's transaction. When the log
// cannot be written, the answer is an error: no data leaves unlogged.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/audit_log.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {
class Services;
}

namespace mimamori::http {

struct Route;

class RequestContext {
public:
    RequestContext(db::Database& database, std::string request_id, services::Services* services = nullptr,
                   std::string client_address = {});
    RequestContext(const RequestContext&) = delete;
    RequestContext& operator=(const RequestContext&) = delete;

    // The request's transaction (see db::UnitOfWork): committed when the answer's status is
    // below 400, rolled back otherwise or when the handler throws.
    db::Tx& tx() { return m_unit_of_work.tx(); }
    db::UnitOfWork& unit_of_work() { return m_unit_of_work; }
    // For work outside the request's transaction (an idempotency claim must be visible to a
    // concurrent duplicate before the request ends; a failed sign-in's count must survive the
    // rollback). Only before tx() is first used: one connection holds one transaction at a time.
    db::Database& database() { return m_database; }

    // The server's services (sessions, sign-in, access log, secret key ...).
    services::Services& services();

    // Echoed as X-Request-Id and named in error logs, so a user's report finds the log line.
    const std::string& request_id() const { return m_request_id; }
    // When the request was taken up: the read cache answers only after every change committed
    // before it has reached the cache (services::ReadCache::sync).
    std::chrono::steady_clock::time_point started_at() const { return m_started_at; }
    // A request run again after waiting for the read cache (Request::taken_up_at) keeps its time.
    void set_started_at(std::chrono::steady_clock::time_point at) { m_started_at = at; }
    // The peer's IP address (what the access log records).
    const std::string& client_address() const { return m_client_address; }

    // Who made the request: '' until the session middleware sets the account id. Idempotency
    // keys are scoped by it.
    const std::string& principal() const { return m_principal; }
    void set_principal(std::string principal) { m_principal = std::move(principal); }

    // The signed-in account, its session and perm::Principal; null on routes without
    // requires_session (and before the session middleware ran). See http/auth.hpp.
    const services::SignedIn* auth() const { return m_auth.get(); }
    void set_auth(services::SignedIn signed_in) { m_auth = std::make_shared<const services::SignedIn>(std::move(signed_in)); }
    // The same, shared with the read cache's session (not copied per request).
    void set_auth(std::shared_ptr<const services::SignedIn> signed_in) { m_auth = std::move(signed_in); }

    // Queues an access-log entry; see the order described above.
    void audit(services::AuditRecord record);
    // Appends the queued entries now (as "failed" when `status` >= 400). Called by the layer.
    void flush_audit(int status);
    // The layer's last step for every request: flush_audit(status), and when the request failed
    // after entries were appended as "ok", the "request.failed" entry that corrects them.
    void finish_audit(int status);
    // For the layer, instead of finish_audit() when the request succeeded with nothing left to
    // commit: whether entries are queued, and the queue taken as the access log appends it (the
    // caller appends them with AuditLog::append_async and holds the answer until they are in).
    bool audit_queued() const { return !m_audit_queue.empty(); }
    // `ok`, when given, says which of them are "ok" (the rest were turned into "failed").
    std::vector<audit::Entry> take_audit(int status, std::vector<bool>* ok = nullptr);
    services::AuditLog::Durability audit_durability() const;

    // The matched route (set before middleware runs).
    const Route& route() const { return *m_route; }
    // Also chooses the unit of work's kind (RouteOptions::autocommit).
    void set_route(const Route& route);

private:
    db::Database& m_database;
    db::UnitOfWork m_unit_of_work;
    services::Services* m_services;
    std::string m_request_id;
    std::string m_client_address;
    std::chrono::steady_clock::time_point m_started_at = std::chrono::steady_clock::now();
    std::string m_principal;
    std::shared_ptr<const services::SignedIn> m_auth;
    std::vector<services::AuditRecord> m_audit_queue;
    std::vector<std::int64_t> m_appended_ok; // ids appended as "ok" by this request
    const Route* m_route = nullptr;
};

} // namespace mimamori::http
