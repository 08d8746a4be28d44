#include "http/dispatcher.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <random>

#include "log.hpp"
#include "services/read_cache.hpp"
#include "services/services.hpp"

namespace mimamori::http {
namespace {

// The client's X-Request-Id when it is short and plain (so it can be logged as is), else a new
// one: a random prefix per thread and a counter.
std::string request_id_for(const Request& request) {
    if (auto given = request.header("X-Request-Id")) {
        bool plain = !given->empty() && given->size() <= 64 && std::all_of(given->begin(), given->end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
        });
        if (plain) return std::string(*given);
    }
    thread_local std::uint64_t prefix = std::random_device{}();
    thread_local std::uint64_t counter = 0;
    char id[40];
    std::snprintf(id, sizeof id, "%08llx-%llu", static_cast<unsigned long long>(prefix & 0xffffffffu),
                  static_cast<unsigned long long>(++counter));
    return id;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// After an exception: the entries the request queued, or the correction of those it appended, as
// far as the log can still be written (when it cannot, the answer is already an error).
void finish_audit_after_failure(RequestContext& context, int status) {
    try {
        context.finish_audit(status);
    } catch (const std::exception& e) {
        log::error("request " + context.request_id() + ": access-log entries lost with the failure: " + e.what());
    }
}

// The answer to an exception that ended a request (its detail logged, never sent).
Response failure_answer(const std::exception& e, const std::string& request_id) {
    if (db::is_unavailable(e)) {
        log::warning("request " + request_id + ": database unavailable: " + e.what());
        return Response::error(Error::make(ErrorCode::Unavailable, "the database is unavailable; try again"));
    }
    log::error("request " + request_id + " failed: " + e.what());
    return Response::error(Error::make(ErrorCode::Internal, "an unexpected error occurred"));
}

Response method_not_allowed(const std::vector<std::string>& allowed) {
    auto r = Response::error(Error::make(ErrorCode::MethodNotAllowed, "this resource does not accept that method"));
    r.headers.set("Allow", join(allowed));
    return r;
}

} // namespace

FreshnessRounds::FreshnessRounds(std::shared_ptr<services::ReadCache> cache)
    : m_cache(std::move(cache)), m_thread([this] { run(); }) {}

FreshnessRounds::~FreshnessRounds() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

bool FreshnessRounds::listening() const { return m_cache->listening(); }

void FreshnessRounds::wait(std::chrono::steady_clock::time_point since, Response::Done done) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_waiting.emplace_back(since, std::move(done));
            if (m_waiting.size() == 1) m_wake.notify_one();
            return;
        }
    }
    done(nullptr); // stopping: the request runs at once (its own sync() decides)
}

void FreshnessRounds::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stopping || !m_waiting.empty(); });
        if (m_waiting.empty()) break; // stopping, nothing left
        auto batch = std::move(m_waiting);
        m_waiting.clear();
        const bool stopping = m_stopping;
        lock.unlock();
        auto since = batch.front().first;
        for (const auto& [at, done] : batch) since = std::max(since, at);
        if (!stopping) m_cache->sync(since); // a round after the latest serves them all
        for (auto& [at, done] : batch) {
            try {
                done(nullptr);
            } catch (const std::exception& e) { // the others must still go on
                log::error(std::string("a read-cache completion failed: ") + e.what());
            }
        }
        lock.lock();
    }
}

Dispatcher::Dispatcher(Router router, std::vector<std::shared_ptr<Middleware>> middleware, db::Database& database,
                       const StaticFiles& static_files, const Activity& activity, services::Services* services)
    : m_router(std::move(router)), m_middleware(std::move(middleware)), m_database(database),
      m_static_files(static_files), m_activity(activity), m_services(services) {
    if (m_services && m_services->read_cache && m_services->read_cache->enabled())
        m_fresh = std::make_unique<FreshnessRounds>(m_services->read_cache);
}

std::optional<Response> Dispatcher::wait_for_freshness(Request& request) {
    if (!m_fresh || request.taken_up_at || request.body_follows || request.body_sink || m_activity.draining())
        return std::nullopt;
    if (!m_fresh->listening() || !request.header("Cookie")) return std::nullopt; // sync() would not wait
    const Route* route = route_of(request);
    if (!route || !route->options.requires_session) return std::nullopt;
    const auto since = std::chrono::steady_clock::now();
    request.taken_up_at = since;
    Response waiting;
    waiting.again = true;
    waiting.after = [fresh = m_fresh.get(), since](Response::Done done) { fresh->wait(since, std::move(done)); };
    return waiting;
}

Response Dispatcher::handle(Request& request) {
    try {
        if (auto waiting = wait_for_freshness(request)) return std::move(*waiting);
    } catch (const std::exception& e) { // the request is then run at once, as without the cache
        log::error(std::string("cannot wait for the read cache: ") + e.what());
    }
    RequestContext context(m_database, request_id_for(request), m_services, request.client_address);
    if (request.taken_up_at) context.set_started_at(*request.taken_up_at);
    Response response;
    try {
        if (m_activity.draining() && !request.taken_up_at) { // one taken up before runs on
            response = Response::error(Error::make(ErrorCode::Unavailable, "the server is shutting down; try again"));
            response.close_connection = true;
        } else if (route_of(request)) {
            response = route(request, context);
        } else if (auto target = request.parse_target(); !target) { // again, for its error
            response = Response::error(target.error());
        } else {
            response = route(request, context);
        }
        if (response.status < 400 && !response.body_sink && !context.unit_of_work().active() && context.audit_queued() &&
            m_services) {
            // Nothing of the request's to commit after its entries: its worker need not wait for
            // them (the timeline page from the read cache, most reads answered from memory).
            response.after = after_append(context);
        } else {
            if (response.status < 400) {
                context.unit_of_work().commit(); // appends the request's access-log entries first
            } else {
                context.unit_of_work().rollback();
            }
            context.finish_audit(response.status);
        }
    } catch (const std::exception& e) {
        context.unit_of_work().rollback();
        if (db::is_unavailable(e)) m_database.drop_connection();
        response = failure_answer(e, context.request_id());
    } catch (...) {
        context.unit_of_work().rollback();
        log::error("request " + context.request_id() + " failed with a non-standard exception");
        response = Response::error(Error::make(ErrorCode::Internal, "an unexpected error occurred"));
    }
    if (response.status >= 500) finish_audit_after_failure(context, response.status);
    response.headers.set("X-Request-Id", context.request_id());
    return response;
}

std::function<void(Response::Done)> Dispatcher::after_append(RequestContext& context) {
    auto entries = std::make_shared<std::vector<audit::Entry>>(context.take_audit(200));
    return [log = &m_services->audit_log, entries, durability = context.audit_durability(),
            id = context.request_id()](Response::Done done) {
        log->append_async(std::move(*entries), durability,
                          [done = std::move(done), id](std::vector<std::int64_t>, std::exception_ptr error) {
                              if (!error) return done(nullptr);
                              Response instead;
                              try {
                                  std::rethrow_exception(error);
                              } catch (const std::exception& e) {
                                  instead = failure_answer(e, id);
                              } catch (...) {
                                  instead = failure_answer(std::runtime_error("a non-standard exception"), id);
                              }
                              instead.headers.set("X-Request-Id", id);
                              done(std::make_unique<Response>(std::move(instead)));
                          });
    };
}

BodyPlan Dispatcher::plan_body(Request& head) {
    const Route* route = route_of(head); // a bad target: handle() answers it
    if (!route) return {};
    return {route->options.max_body_bytes, route->options.streamed_body};
}

const Route* Dispatcher::route_of(Request& request) {
    if (request.routed) return request.route;
    request.routed = true;
    request.route = nullptr;
    if (!request.parse_target()) return nullptr;
    auto match = m_router.match(request.method, request.segments);
    if (match.route) {
        request.params = std::move(match.params);
        request.route = match.route;
    }
    return request.route;
}

Response Dispatcher::route(Request& request, RequestContext& context) {
    if (const Route* matched = route_of(request)) {
        context.set_route(*matched);
        return run_chain(0, request, context);
    }
    auto match = m_router.match(request.method, request.segments); // no route: which methods the path has
    if (!match.allowed.empty()) return method_not_allowed(match.allowed);
    if (!request.is_api()) {
        if (request.method == "GET" || request.method == "HEAD") return m_static_files.serve(request);
        return method_not_allowed({"GET", "HEAD"});
    }
    return Response::error(Error::make(ErrorCode::NotFound, "no such resource: " + request.path));
}

Response Dispatcher::run_chain(std::size_t index, const Request& request, RequestContext& context) {
    if (index < m_middleware.size()) {
        return m_middleware[index]->handle(request, context, [this, index](const Request& r, RequestContext& c) {
            return run_chain(index + 1, r, c);
        });
    }
    auto result = context.route().handler(request, context);
    return result ? std::move(result).value() : Response::error(result.error());
}

} // namespace mimamori::http
