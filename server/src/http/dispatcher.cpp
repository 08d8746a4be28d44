#include "http/dispatcher.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

#include "log.hpp"

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

Response method_not_allowed(const std::vector<std::string>& allowed) {
    auto r = Response::error(Error::make(ErrorCode::MethodNotAllowed, "this resource does not accept that method"));
    r.headers.set("Allow", join(allowed));
    return r;
}

} // namespace

Dispatcher::Dispatcher(Router router, std::vector<std::shared_ptr<Middleware>> middleware, db::Database& database,
                       const StaticFiles& static_files, const Activity& activity, services::Services* services)
    : m_router(std::move(router)), m_middleware(std::move(middleware)), m_database(database),
      m_static_files(static_files), m_activity(activity), m_services(services) {}

Response Dispatcher::handle(Request& request) {
    RequestContext context(m_database, request_id_for(request), m_services, request.client_address);
    Response response;
    try {
        if (m_activity.draining()) {
            response = Response::error(Error::make(ErrorCode::Unavailable, "the server is shutting down; try again"));
            response.close_connection = true;
        } else if (auto target = request.parse_target(); !target) {
            response = Response::error(target.error());
        } else {
            response = route(request, context);
        }
        if (response.status < 400) {
            context.unit_of_work().commit(); // appends the request's access-log entries first
        } else {
            context.unit_of_work().rollback();
        }
        context.finish_audit(response.status);
    } catch (const std::exception& e) {
        context.unit_of_work().rollback();
        if (db::is_unavailable(e)) {
            m_database.drop_connection();
            log::warning("request " + context.request_id() + ": database unavailable: " + e.what());
            response = Response::error(Error::make(ErrorCode::Unavailable, "the database is unavailable; try again"));
        } else {
            log::error("request " + context.request_id() + " failed: " + e.what());
            response = Response::error(Error::make(ErrorCode::Internal, "an unexpected error occurred"));
        }
    } catch (...) {
        context.unit_of_work().rollback();
        log::error("request " + context.request_id() + " failed with a non-standard exception");
        response = Response::error(Error::make(ErrorCode::Internal, "an unexpected error occurred"));
    }
    if (response.status >= 500) finish_audit_after_failure(context, response.status);
    response.headers.set("X-Request-Id", context.request_id());
    return response;
}

BodyPlan Dispatcher::plan_body(const Request& head) {
    Request probe;
    probe.method = head.method;
    probe.target = head.target;
    if (!probe.parse_target()) return {}; // handle() answers the bad target
    auto match = m_router.match(probe.method, probe.segments);
    if (!match.route) return {};
    return {match.route->options.max_body_bytes, match.route->options.streamed_body};
}

Response Dispatcher::route(Request& request, RequestContext& context) {
    auto match = m_router.match(request.method, request.segments);
    if (match.route) {
        request.params = std::move(match.params);
        context.set_route(*match.route);
        return run_chain(0, request, context);
    }
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
