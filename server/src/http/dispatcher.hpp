#pragma once
// Turns each complete request into its answer: the shutdown gate, routing (404/405), the web
// bundle for paths outside /api/, the middleware chain and the handler, the commit or rollback
// of the request's unit of work, the request's access-log entries (appended before the answer
// leaves: see context.hpp), and the boundary where every exception becomes a JSON 500 (or 503
// when the database is unreachable) with the detail logged, never sent.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "http/activity.hpp"
#include "http/connection.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace mimamori::services {
class Services;
class ReadCache;
} // namespace mimamori::services

namespace mimamori::http {

// Signed-in requests wait for the read cache's freshness round (services::ReadCache::sync) here,
// not on their worker: one thread waits for each round on behalf of every request queued before
// it, then hands each its completion (Response::again: the worker runs the request then, and its
// own sync() finds the round done). A worker thread blocked per request cost a sleep and a
// wake-up each, and threads enough to keep the cores busy meanwhile.
class FreshnessRounds {
public:
    explicit FreshnessRounds(std::shared_ptr<services::ReadCache> cache);
    ~FreshnessRounds(); // completes what is queued (without waiting for a round), then stops
    FreshnessRounds(const FreshnessRounds&) = delete;
    FreshnessRounds& operator=(const FreshnessRounds&) = delete;

    // False while the cache is not in use: sync() would not wait then.
    bool listening() const;
    // `done(nullptr)` once a round that began after `since` is through (or sync() gave up).
    void wait(std::chrono::steady_clock::time_point since, Response::Done done);

private:
    void run();

    std::shared_ptr<services::ReadCache> m_cache;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::pair<std::chrono::steady_clock::time_point, Response::Done>> m_waiting;
    bool m_stopping = false;
    std::thread m_thread;
};

class Dispatcher final : public RequestHandler {
public:
    Dispatcher(Router router, std::vector<std::shared_ptr<Middleware>> middleware, db::Database& database,
               const StaticFiles& static_files, const Activity& activity, services::Services* services = nullptr);

    Response handle(Request& request) override;
    // The matched route's body limit and streaming (RouteOptions); the defaults otherwise. The
    // match is kept in the request (Request::route) for handle().
    BodyPlan plan_body(Request& head) override;

    const Router& router() const { return m_router; }

private:
    // A signed-in request's first call while the read cache is in use: the answer that makes the
    // connection call again once the cache is fresh (FreshnessRounds); nothing otherwise.
    std::optional<Response> wait_for_freshness(Request& request);
    // The request's route, its target parsed and the route matched on the first call only
    // (Request::routed); null for a bad target or a path no route has.
    const Route* route_of(Request& request);
    Response route(Request& request, RequestContext& context);
    Response run_chain(std::size_t index, const Request& request, RequestContext& context);
    // The answer's Response::after: the context's queued entries appended by the access log's
    // thread, the answer held until they are in (or replaced by the error their append ended in).
    std::function<void(Response::Done)> after_append(RequestContext& context);

    Router m_router;
    std::vector<std::shared_ptr<Middleware>> m_middleware;
    db::Database& m_database;
    const StaticFiles& m_static_files;
    const Activity& m_activity;
    services::Services* m_services;
    std::unique_ptr<FreshnessRounds> m_fresh; // with an enabled read cache
};

} // namespace mimamori::http
