#include "api/json_reader.hpp"

#include <charconv>

namespace mimamori::web::api {
namespace {
const Json kEmptyArray = Json::array();
} // namespace

const Json* JsonReader::find(std::string_view key) const {
    if (!m_object.is_object()) return nullptr;
    const auto it = m_object.find(key);
    return it == m_object.end() || it->is_null() ? nullptr : &*it;
}

void JsonReader::wrong(std::string_view key, std::string_view expected) {
    fail(Error::invalid(std::string(key), m_context + ": \"" + std::string(key) + "\" should be " +
                                              std::string(expected)));
}

std::string JsonReader::str(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr || !v->is_string()) {
        wrong(key, "a string");
        return {};
    }
    return v->get<std::string>();
}

std::string JsonReader::opt_str(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr) return {};
    if (!v->is_string()) {
        wrong(key, "a string");
        return {};
    }
    return v->get<std::string>();
}

std::optional<std::int64_t> JsonReader::opt_id(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_number_integer()) return v->get<std::int64_t>();
    if (v->is_string()) {
        const auto& s = v->get_ref<const std::string&>();
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec == std::errc() && end == s.data() + s.size()) return n;
    }
    wrong(key, "an id");
    return std::nullopt;
}

std::int64_t JsonReader::id(std::string_view key) {
    if (find(key) == nullptr) {
        wrong(key, "an id");
        return 0;
    }
    return opt_id(key).value_or(0);
}

std::int64_t JsonReader::integer(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr) return 0;
    if (!v->is_number_integer()) {
        wrong(key, "an integer");
        return 0;
    }
    return v->get<std::int64_t>();
}

bool JsonReader::flag(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr) return false;
    if (!v->is_boolean()) {
        wrong(key, "true or false");
        return false;
    }
    return v->get<bool>();
}

std::string JsonReader::text(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_object() && v->empty()) return {};
    return json::dump(*v); // a number, or structured detail shown as compact JSON
}

std::vector<std::string> JsonReader::strings(std::string_view key) {
    std::vector<std::string> out;
    for (const Json& item : array(key)) {
        if (!item.is_string()) {
            wrong(key, "a list of strings");
            return {};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

const Json& JsonReader::array(std::string_view key) {
    const Json* v = find(key);
    if (v == nullptr) return kEmptyArray;
    if (!v->is_array()) {
        wrong(key, "a list");
        return kEmptyArray;
    }
    return *v;
}

const Json* JsonReader::object(std::string_view key) {
    const Json* v = find(key);
    if (v != nullptr && !v->is_object()) {
        wrong(key, "an object");
        return nullptr;
    }
    return v;
}

} // namespace mimamori::web::api
