#pragma once
// JSON helpers shared by the server and the app: parsing without exceptions (the browser build
// must never abort on bad input) and typed field access whose errors name the field.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mimamori/common/result.hpp"

namespace mimamori {

using Json = nlohmann::json;

namespace json {

// Parses text that must hold one JSON object. Malformed text, or any other JSON value, is an
// InvalidInput error with a message fit for an API client.
Result<Json> parse_object(std::string_view text);

// Parses any JSON value; malformed text is an InvalidInput error.
Result<Json> parse(std::string_view text);

// Required fields: missing or of the wrong type is an InvalidInput error naming the field.
Result<std::string> get_string(const Json& object, std::string_view key);
Result<std::int64_t> get_int(const Json& object, std::string_view key);
Result<bool> get_bool(const Json& object, std::string_view key);

// Optional fields: absent or null gives std::nullopt; present with the wrong type is an error.
Result<std::optional<std::string>> get_optional_string(const Json& object, std::string_view key);
Result<std::optional<std::int64_t>> get_optional_int(const Json& object, std::string_view key);
Result<std::optional<bool>> get_optional_bool(const Json& object, std::string_view key);

// Fails naming the first key of the object that is not in `allowed` (catches typos in clients).
Status reject_unknown_keys(const Json& object, std::initializer_list<std::string_view> allowed);

// The JSON error body every API failure returns: {"error":{"code","message"[,"field"]}}.
Json error_body(const Error& error);

// Serialises without throwing on invalid UTF-8 (replaced by U+FFFD).
std::string dump(const Json& value);

} // namespace json
} // namespace mimamori
