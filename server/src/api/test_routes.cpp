#include <charconv>
#include <stdexcept>
#include <thread>

#include "api/routes.hpp"
#include "http/context.hpp"
#include "log.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

void add_test_routes(http::Router& router) {
    auto sleep = [](const Request& request, RequestContext&) -> Result<Response> {
        auto text = request.query_param("ms").value_or("");
        int ms = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec != std::errc{} || end != text.data() + text.size() || ms < 0 || ms > 10000)
            return Error::invalid("ms", "ms must be 0 to 10000");
        // Tests wait for this line to know the request is in flight.
        log::info("test sleep started: " + std::to_string(ms) + " ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        return Response::json(200, Json{{"slept_ms", ms}});
    };
    router.add("GET", "/api/v1/test/sleep", sleep);
    router.add("POST", "/api/v1/test/sleep", sleep);
    router.add("GET", "/api/v1/test/fail", [](const Request&, RequestContext&) -> Result<Response> {
        throw std::runtime_error("internal detail that must not reach the client");
    });
    // An access-log entry recorded "ok", then the answer `status` (the layer's rule for failures).
    router.add("POST", "/api/v1/test/audit", [](const Request& request, RequestContext& ctx) -> Result<Response> {
        int status = 200;
        auto text = request.query_param("status").value_or("200");
        std::from_chars(text.data(), text.data() + text.size(), status);
        ctx.audit({.action = "test.write", .target_type = "test", .target_id = std::string(text)});
        if (request.query_param("throw")) throw std::runtime_error("after the entry");
        return Response::json(status, Json::object());
    });
    add_test_stream_routes(router);
}

} // namespace mimamori::api
