#pragma once
// Turns each complete request into its answer: the shutdown gate, routing (404/405), the web
// bundle for paths outside /api/, the middleware chain and the handler, the commit or rollback
// of the request's unit of work, the request's access-log entries (appended before the answer
// leaves: see context.hpp), and the boundary where every exception becomes a JSON 500 (or 503
// when the database is unreachable) with the detail logged, never sent.

#include <memory>
#include <vector>

#include "db/database.hpp"
#include "http/activity.hpp"
#include "http/connection.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace mimamori::services {
class Services;
}

namespace mimamori::http {

class Dispatcher final : public RequestHandler {
public:
    Dispatcher(Router router, std::vector<std::shared_ptr<Middleware>> middleware, db::Database& database,
               const StaticFiles& static_files, const Activity& activity, services::Services* services = nullptr);

    Response handle(Request& request) override;
    // The matched route's body limit and streaming (RouteOptions); the defaults otherwise.
    BodyPlan plan_body(const Request& head) override;

    const Router& router() const { return m_router; }

private:
    Response route(Request& request, RequestContext& context);
    Response run_chain(std::size_t index, const Request& request, RequestContext& context);

    Router m_router;
    std::vector<std::shared_ptr<Middleware>> m_middleware;
    db::Database& m_database;
    const StaticFiles& m_static_files;
    const Activity& m_activity;
    services::Services* m_services;
};

} // namespace mimamori::http
