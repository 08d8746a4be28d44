#pragma once
// JSON text written straight into a string, for the answers that are served most often (a
// timeline page: 50 memos with their receipts). Building an nlohmann tree first costs a map
// node and a string per member and a second pass to serialise it; this writes each member once.
//
// The output is what json::dump would write for the same values, up to the order of an
// object's members (nlohmann sorts them; clients must not care): strings are UTF-8 as they
// are, with '"', '\\' and control characters escaped. Text handed to value(std::string_view)
// must be valid UTF-8 (database text always is); values of unknown shape go through raw().

#include <cstdint>
#include <string>
#include <string_view>

#include "mimamori/common/json.hpp"

namespace mimamori::http {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : m_out(out) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    // The name of the object member whose value comes next.
    JsonWriter& key(std::string_view name) {
        separate();
        append_string(name);
        m_out += ':';
        m_after_key = true;
        return *this;
    }
    JsonWriter& value(std::string_view s) {
        separate();
        append_string(s);
        m_need_comma = true;
        return *this;
    }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(std::int64_t n) {
        separate();
        m_out += std::to_string(n);
        m_need_comma = true;
        return *this;
    }
    JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter& value(bool b) {
        separate();
        m_out += b ? "true" : "false";
        m_need_comma = true;
        return *this;
    }
    JsonWriter& null() {
        separate();
        m_out += "null";
        m_need_comma = true;
        return *this;
    }
    // Any nlohmann value, serialised by json::dump.
    JsonWriter& raw(const Json& v) {
        separate();
        m_out += json::dump(v);
        m_need_comma = true;
        return *this;
    }

private:
    JsonWriter& open(char bracket) {
        separate();
        m_out += bracket;
        m_need_comma = false;
        return *this;
    }
    JsonWriter& close(char bracket) {
        m_out += bracket;
        m_need_comma = true;
        return *this;
    }
    void separate() {
        if (m_after_key) {
            m_after_key = false;
            return;
        }
        if (m_need_comma) m_out += ',';
    }
    void append_string(std::string_view s);

    std::string& m_out;
    bool m_need_comma = false;
    bool m_after_key = false;
};

inline void JsonWriter::append_string(std::string_view s) {
    static constexpr char k_hex[] = "0123456789abcdef";
    m_out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        m_out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default:
            m_out += "\\u00";
            m_out += k_hex[c >> 4];
            m_out += k_hex[c & 0xf];
        }
    }
    m_out.append(s.data() + run, s.size() - run);
    m_out += '"';
}

} // namespace mimamori::http
