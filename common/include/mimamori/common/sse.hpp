#pragma once
// Server-Sent Events (HTML Living Standard, "Server-sent events"): the live-update stream of
// GET /api/v1/events (issue 5). The server formats each event with its database id, so a browser
// that reconnects sends Last-Event-ID and gets exactly what it missed. A small reader of the same
// format serves native clients and tests.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::sse {

// Ids are PostgreSQL bigint values, never negative.
using EventId = std::int64_t;

struct Event {
    std::optional<EventId> id;   // "id:" line; the browser sends it back as Last-Event-ID. As read
                                 // by Reader: the stream's last id when the event was dispatched
    std::string type;            // "event:" line when not empty (the browser's default is "message")
    std::string data;            // one "data:" line per line of text (CR, LF or CRLF split lines)
    std::optional<std::int64_t> retry_ms; // "retry:" line: the reconnection delay (>= 0)
    friend bool operator==(const Event&, const Event&) = default;
};

// The text of one event (id and retry_ms, when given, must not be negative), ending with the
// blank line that dispatches it:
//   id: 42\nevent: memo\ndata: {"type":"memo",...}\n\n
// `type` must not hold CR or LF (it comes from code; such characters are dropped). There is
// always at least one data line, so an event with empty data is still dispatched (as "").
std::string format(const Event& event);

// A comment line (": keep-alive\n\n"-style heartbeat); CR and LF in `text` become spaces.
std::string comment(std::string_view text);

// Parses a Last-Event-ID header (or the lastEventId query parameter of a polyfill): a decimal
// number 0..2^63-1, digits only. InvalidInput naming "Last-Event-ID" for anything else (empty,
// signs, spaces, letters, overflow).
Result<EventId> parse_last_event_id(std::string_view value);

// Reads an event stream as a browser does: feed() the bytes as they arrive, in any pieces; it
// returns the events completed. Handles a leading BOM, CR/LF/CRLF line ends (a CRLF split across
// two pieces included), comments, fields without a colon, one optional space after the colon,
// ids holding NUL ignored, retry: of digits only. Unknown fields are ignored.
class Reader {
public:
    std::vector<Event> feed(std::string_view bytes);
    // The last id seen (what a reconnect would send as Last-Event-ID), as text.
    const std::string& last_event_id() const { return m_last_id; }
    std::optional<std::int64_t> retry_ms() const { return m_retry_ms; }

private:
    void line(std::string_view text, std::vector<Event>& out);

    std::string m_buffer;
    bool m_started = false;    // past a possible BOM
    bool m_after_cr = false;   // the last piece ended in CR: a following LF belongs to it
    std::string m_data;
    std::string m_type;
    std::string m_last_id;
    bool m_has_data = false;
    std::optional<std::int64_t> m_retry_ms;
    std::optional<std::int64_t> m_event_retry_ms;
};

} // namespace mimamori::sse
