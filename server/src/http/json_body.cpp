#include "http/json_body.hpp"

namespace mimamori::http {

Result<Json> read_json_object(const Request& request) {
    auto type = request.header("Content-Type").value_or("");
    if (!iequals(trim_ows(type.substr(0, type.find(';'))), "application/json"))
        return Error::make(ErrorCode::UnsupportedMediaType, "the request body must be application/json");
    return json::parse_object(request.body);
}

} // namespace mimamori::http
