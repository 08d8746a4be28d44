#pragma once
// Reading a JSON request body: the Content-Type must be application/json (415 otherwise, which
// also keeps cross-site HTML forms out: they cannot send it), the body one JSON object (400).

#include "http/request.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::http {

Result<Json> read_json_object(const Request& request);

} // namespace mimamori::http
