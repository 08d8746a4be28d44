#include "mimamori/common/json.hpp"

namespace mimamori::json {
namespace {

Error wrong_type(std::string_view key, std::string_view expected) {
    return Error::invalid(std::string(key), std::string(key) + " must be " + std::string(expected));
}
Error missing(std::string_view key) {
    return Error::invalid(std::string(key), std::string(key) + " is required");
}

const Json* find(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

} // namespace

Result<Json> parse(std::string_view text) {
    Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return Error::make(ErrorCode::InvalidInput, "the request body is not valid JSON");
    return value;
}

Result<Json> parse_object(std::string_view text) {
    auto value = parse(text);
    if (!value) return value.error();
    if (!value->is_object()) return Error::make(ErrorCode::InvalidInput, "the request body must be a JSON object");
    return std::move(value).value();
}

Result<std::string> get_string(const Json& object, std::string_view key) {
    const Json* v = find(object, key);
    if (v == nullptr || v->is_null()) return missing(key);
    if (!v->is_string()) return wrong_type(key, "a string");
    return v->get<std::string>();
}

Result<std::int64_t> get_int(const Json& object, std::string_view key) {
    const Json* v = find(object, key);
    if (v == nullptr || v->is_null()) return missing(key);
    if (!v->is_number_integer()) return wrong_type(key, "an integer");
    return v->get<std::int64_t>();
}

Result<bool> get_bool(const Json& object, std::string_view key) {
    const Json* v = find(object, key);
    if (v == nullptr || v->is_null()) return missing(key);
    if (!v->is_boolean()) return wrong_type(key, "true or false");
    return v->get<bool>();
}

Result<std::optional<std::string>> get_optional_string(const Json& object, std::string_view key) {
    const Json* v = find(object, key);
    if (v == nullptr || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return wrong_type(key, "a string");
    return std::optional<std::string>{v->get<std::string>()};
}

Result<std::optional<std::int64_t>> get_optional_int(const Json& object, std::string_view key) {
    const Json* v = find(object, key);
    if (v == nullptr || v->is_null()) return std::optional<std::int64_t>{};
    if (!v->is_number_integer()) return wrong_type(key, "an integer");
    return std::optional<std::int64_t>{v->get<std::int64_t>()};
}

Result<std::optional<bool>> get_optional_bool(const Json& object, std::string_view key) {
    const Json* v = find(object, key);
    if (v == nullptr || v->is_null()) return std::optional<bool>{};
    if (!v->is_boolean()) return wrong_type(key, "true or false");
    return std::optional<bool>{v->get<bool>()};
}

Status reject_unknown_keys(const Json& object, std::initializer_list<std::string_view> allowed) {
    if (!object.is_object()) return Error::make(ErrorCode::InvalidInput, "a JSON object is required");
    for (const auto& item : object.items()) {
        bool known = false;
        for (auto a : allowed) known = known || a == item.key();
        if (!known) return Error::invalid(item.key(), "unknown field: " + item.key());
    }
    return {};
}

Json error_body(const Error& error) {
    Json inner = {{"code", to_string(error.code)}, {"message", error.message}};
    if (!error.field.empty()) inner["field"] = error.field;
    return Json{{"error", std::move(inner)}};
}

std::string dump(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace mimamori::json
