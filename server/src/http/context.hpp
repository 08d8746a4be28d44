#pragma once
// What a handler gets besides the request: the request's unit of work (one database transaction,
// begun on first use, committed by the layer when the handler succeeds) and what middleware
// learned about the request (its id; later, who is signed in).

#include <string>

#include "db/database.hpp"

namespace mimamori::http {

struct Route;

class RequestContext {
public:
    RequestContext(db::Database& database, std::string request_id)
        : m_database(database), m_unit_of_work(database), m_request_id(std::move(request_id)) {}

    // The request's transaction (see db::UnitOfWork): committed when the answer's status is
    // below 400, rolled back otherwise or when the handler throws.
    db::Tx& tx() { return m_unit_of_work.tx(); }
    db::UnitOfWork& unit_of_work() { return m_unit_of_work; }
    // For work outside the request's transaction (an idempotency claim must be visible to a
    // concurrent duplicate before the request ends).
    db::Database& database() { return m_database; }

    // Echoed as X-Request-Id and named in error logs, so a user's report finds the log line.
    const std::string& request_id() const { return m_request_id; }

    // Who made the request: '' until the session middleware (sign-in issue) sets the account.
    // Idempotency keys are scoped by it.
    const std::string& principal() const { return m_principal; }
    void set_principal(std::string principal) { m_principal = std::move(principal); }

    // The matched route (set before middleware runs).
    const Route& route() const { return *m_route; }
    void set_route(const Route& route) { m_route = &route; }

private:
    db::Database& m_database;
    db::UnitOfWork m_unit_of_work;
    std::string m_request_id;
    std::string m_principal;
    const Route* m_route = nullptr;
};

} // namespace mimamori::http
