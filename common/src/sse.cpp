#include "mimamori/common/sse.hpp"

#include <cassert>
#include <limits>

namespace mimamori::sse {
namespace {

std::optional<std::int64_t> digits_value(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::int64_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        const int digit = c - '0';
        if (n > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
        n = n * 10 + digit;
    }
    return n;
}

} // namespace

std::string format(const Event& event) {
    assert((!event.id || *event.id >= 0) && (!event.retry_ms || *event.retry_ms >= 0));
    std::string out;
    if (event.id) out += "id: " + std::to_string(*event.id) + "\n";
    if (!event.type.empty()) {
        assert(event.type.find_first_of("\r\n") == std::string::npos && "event types come from code");
        out += "event: ";
        for (char c : event.type)
            if (c != '\r' && c != '\n') out += c;
        out += '\n';
    }
    if (event.retry_ms) out += "retry: " + std::to_string(*event.retry_ms) + "\n";
    std::size_t start = 0;
    const std::string_view data = event.data;
    while (true) {
        const std::size_t end = data.find_first_of("\r\n", start);
        out += "data: ";
        out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        out += '\n';
        if (end == std::string_view::npos) break;
        start = end + ((data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? 2 : 1);
    }
    out += '\n';
    return out;
}

std::string comment(std::string_view text) {
    std::string out = ": ";
    for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
    out += "\n\n";
    return out;
}

Result<EventId> parse_last_event_id(std::string_view value) {
    auto n = digits_value(value);
    if (!n) return Error::invalid("Last-Event-ID", "Last-Event-ID must be a non-negative whole number (an event id)");
    return *n;
}

std::vector<Event> Reader::feed(std::string_view bytes) {
    std::vector<Event> out;
    if (bytes.empty()) return out;
    if (m_after_cr && bytes.front() == '\n') bytes.remove_prefix(1);
    m_after_cr = false;
    m_buffer.append(bytes);
    if (!m_started) {
        if (m_buffer.size() < 3 && std::string_view("\xEF\xBB\xBF").starts_with(m_buffer)) return out;
        if (m_buffer.starts_with("\xEF\xBB\xBF")) m_buffer.erase(0, 3);
        m_started = true;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t end = m_buffer.find_first_of("\r\n", start);
        if (end == std::string::npos) break;
        line(std::string_view(m_buffer).substr(start, end - start), out);
        start = end + 1;
        if (m_buffer[end] == '\r') {
            if (start == m_buffer.size()) m_after_cr = true; // its LF may come in the next piece
            else if (m_buffer[start] == '\n') ++start;
        }
    }
    m_buffer.erase(0, start);
    return out;
}

void Reader::line(std::string_view text, std::vector<Event>& out) {
    if (text.empty()) { // dispatch
        if (m_has_data) {
            Event e;
            e.data = m_data;
            if (!e.data.empty() && e.data.back() == '\n') e.data.pop_back();
            e.type = m_type;
            if (auto id = digits_value(m_last_id)) e.id = *id;
            e.retry_ms = m_event_retry_ms;
            out.push_back(std::move(e));
        }
        m_data.clear();
        m_type.clear();
        m_has_data = false;
        m_event_retry_ms.reset();
        return;
    }
    if (text.front() == ':') return; // comment
    const std::size_t colon = text.find(':');
    const std::string_view field = text.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "data") {
        m_data.append(value);
        m_data += '\n';
        m_has_data = true;
    } else if (field == "event") {
        m_type = value;
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) m_last_id = value;
    } else if (field == "retry") {
        if (auto ms = digits_value(value)) m_retry_ms = m_event_retry_ms = *ms;
    }
}

} // namespace mimamori::sse
