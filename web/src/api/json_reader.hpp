#pragma once
// Reads the fields of one JSON object from the server into a model, remembering the first field
// that is missing or of the wrong type (so a parser reads every field in a row and checks once).
// Required fields fail when absent; optional ones give an empty value. Display-only values that
// the server may send as a number, a string or an object (log targets, log details) are read as
// text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/json.hpp"

namespace mimamori::web::api {

class JsonReader {
public:
    JsonReader(const Json& object, std::string_view context) : m_object(object), m_context(context) {}

    std::string str(std::string_view key);          // required string
    std::string opt_str(std::string_view key);      // string, or "" when absent or null
    std::int64_t id(std::string_view key);          // required integer (also as a string of digits)
    std::optional<std::int64_t> opt_id(std::string_view key);
    std::int64_t integer(std::string_view key);     // integer, 0 when absent or null
    bool flag(std::string_view key);                // boolean, false when absent or null
    std::string text(std::string_view key);         // any value as text (JSON for objects), "" when absent
    std::vector<std::string> strings(std::string_view key); // array of strings, empty when absent
    // The array at `key` (an empty one when absent); nullptr for an object that is absent or null.
    const Json& array(std::string_view key);
    const Json* object(std::string_view key);

    // `value` when every field read so far was right, else the first problem.
    template <typename T>
    Result<T> result(T value) const {
        if (m_error) return *m_error;
        return value;
    }
    const std::optional<Error>& error() const { return m_error; }
    // Records a problem found by the caller (e.g. in a nested object).
    void fail(const Error& error) {
        if (!m_error) m_error = error;
    }

private:
    const Json* find(std::string_view key) const;
    void wrong(std::string_view key, std::string_view expected);

    const Json& m_object;
    std::string m_context;
    std::optional<Error> m_error;
};

// Reads an array of objects with `parse` (Result<T>(const Json&)), stopping at the first error.
template <typename T, typename Parse>
Result<std::vector<T>> read_list(const Json& array, Parse parse) {
    std::vector<T> out;
    out.reserve(array.size());
    for (const Json& item : array) {
        Result<T> value = parse(item);
        if (!value) return value.error();
        out.push_back(std::move(value).value());
    }
    return out;
}

// An answer that is one list: {"<key>": [ ... ]} (the key required), each item read with `parse`.
template <typename T, typename Parse>
Result<std::vector<T>> read_list_answer(const Json& answer, std::string_view key, Parse parse) {
    const auto it = answer.find(key);
    if (it == answer.end() || !it->is_array()) {
        return Error::invalid(std::string(key), "\"" + std::string(key) + "\" should be a list");
    }
    return read_list<T>(*it, parse);
}

} // namespace mimamori::web::api
