#pragma once
// Header fields of a request or a response. Names compare without regard to case (RFC 9110
// §5.1); the order and repeats of fields are kept as they were received or added.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mimamori::http {

// ASCII case-insensitive equality (header names, tokens, methods of Connection values).
bool iequals(std::string_view a, std::string_view b);

// ASCII lower case.
std::string to_lower(std::string_view s);

// `s` without leading and trailing spaces and tabs (HTTP's optional white space).
std::string_view trim_ows(std::string_view s);

class Headers {
public:
    using Field = std::pair<std::string, std::string>;

    // The first value of `name`, if present.
    std::optional<std::string_view> get(std::string_view name) const;
    bool has(std::string_view name) const;
    // Every value of `name`, in order.
    std::vector<std::string_view> all(std::string_view name) const;
    std::size_t count(std::string_view name) const;

    // Appends a field, keeping any of the same name.
    void add(std::string name, std::string value);
    // Replaces every field of that name by one.
    void set(std::string name, std::string value);
    // Adds the field only when no field of that name exists.
    void set_default(std::string name, std::string value);
    void remove(std::string_view name);

    const std::vector<Field>& fields() const { return m_fields; }
    bool empty() const { return m_fields.empty(); }

private:
    std::vector<Field> m_fields;
};

// True when the comma-separated list `value` (a Connection or Accept-Encoding value) holds
// `token`, ignoring case and any ";parameters". A token with "q=0" counts as absent.
bool list_has_token(std::string_view value, std::string_view token);

} // namespace mimamori::http
