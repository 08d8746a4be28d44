#include "api/api_client.hpp"

#include <utility>

#include "mimamori/common/json.hpp"
#include "platform/http.hpp"

namespace mimamori::web::api {
namespace {

ErrorCode code_for_status(int status) {
    switch (status) {
    case 400: return ErrorCode::InvalidInput;
    case 401: return ErrorCode::Unauthenticated;
    case 403: return ErrorCode::Forbidden;
    case 404: return ErrorCode::NotFound;
    case 405: return ErrorCode::MethodNotAllowed;
    case 409: return ErrorCode::Conflict;
    case 410: return ErrorCode::Gone;
    case 413: return ErrorCode::PayloadTooLarge;
    case 415: return ErrorCode::UnsupportedMediaType;
    case 423: return ErrorCode::Locked;
    case 429: return ErrorCode::RateLimited;
    case 502:
    case 503:
    case 504: return ErrorCode::Unavailable;
    default: return ErrorCode::Internal;
    }
}

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
    Error error = Error::make(code_for_status(http_status), "HTTP " + std::to_string(http_status));
    auto parsed = json::parse_object(body);
    if (!parsed || !parsed->contains("error") || !(*parsed)["error"].is_object()) return error;
    if (auto message = json::get_string((*parsed)["error"], "message")) error.message = *message;
    return error;
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
