#include "api/api_client.hpp"

#include <utility>

#include "api/call.hpp"
#include "mimamori/common/json.hpp"
#include "platform/http.hpp"

namespace mimamori::web::api {
namespace {

Result<Health> parse_health(const Json& body) {
    auto status = json::get_string(body, "status");
    if (!status) return status.error();
    auto db = json::get_string(body, "db");
    if (!db) return db.error();
    auto schema = json::get_optional_int(body, "schema_version");
    if (!schema) return schema.error();
    auto version = json::get_string(body, "version");
    if (!version) return version.error();
    return Health{*status, *db, *schema, *version};
}

} // namespace

Error error_from_response(int http_status, const std::string& body) {
    const Failure failure = failure_from_response(http::Response{http_status, body, {}});
    return Error{failure.kind, failure.message, failure.field};
}

Async<Health> fetch_health() {
    // (Not a structured binding: clang 14 cannot capture those in a lambda.)
    auto started = Async<Health>::start();
    auto complete = started.second;
    http::send({.method = "GET", .url = "api/v1/health"}, [complete](Result<http::Response> response) {
        if (!response) return complete(response.error());
        // A server whose database is down still describes itself (503 with the health body):
        // that is a health report, not a failure to get one.
        auto body = json::parse_object(response->body);
        if (body && body->contains("status")) return complete(parse_health(*body));
        if (response->status != 200) return complete(error_from_response(response->status, response->body));
        return complete(body ? parse_health(*body) : Result<Health>(body.error()));
    });
    return started.first;
}

} // namespace mimamori::web::api
