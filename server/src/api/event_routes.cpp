// Live updates (issue 5): GET /api/v1/events, Server-Sent Events for the signed-in account
// (services/event_hub.hpp). Each event's data is JSON with its "type" and the ids it concerns
// (services/memos.hpp lists them); its id is PostgreSQL's. A client that reconnects sends
// Last-Event-ID (or ?lastEventId= for a polyfill that cannot set headers) and gets exactly what
// it missed; a malformed one is a 400 JSON error, and no stream.
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "mimamori/common/sse.hpp"
#include "services/event_hub.hpp"
#include "services/services.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

Result<Response> events(const Request& request, RequestContext& ctx) {
    std::optional<std::int64_t> last;
    auto header = request.header("Last-Event-ID");
    auto query = request.query_param("lastEventId");
    if (header || query) {
        auto parsed = sse::parse_last_event_id(header ? *header : *query);
        if (!parsed) return parsed.error();
        last = *parsed;
    }
    auto& hub = *ctx.services().events;
    auto opened = hub.open(ctx.tx(), http::signed_in(ctx), last);
    Json detail = {{"replayed", static_cast<std::int64_t>(opened.replayed)}, {"resync", opened.resync}};
    if (last) detail["last_event_id"] = *last;
    ctx.audit({.action = "events.subscribe",
               .target_type = "account",
               .target_id = std::to_string(http::signed_in(ctx).account.id),
               .detail = std::move(detail)});
    auto r = Response::streamed(200, {std::move(opened.stream), std::nullopt, /*long_lived=*/true});
    r.headers.set("Content-Type", "text/event-stream; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    r.headers.set("X-Accel-Buffering", "no"); // nginx in front: pass each event on at once
    return r;
}

} // namespace

void add_event_routes(http::Router& router) { router.add("GET", "/api/v1/events", events, k_signed_in); }

} // namespace mimamori::api
