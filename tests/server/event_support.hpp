#pragma once
// What the memo, live-update and fee-evidence tests share (issue 5): a consented patient's care
// team on care_support's region, signed-in sessions, and a client of GET /api/v1/events that
// reads the chunked event stream as a browser's EventSource does (common/sse.hpp's Reader).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "care_support.hpp"
#include "mimamori/common/sse.hpp"
#include "support/http_client.hpp"

namespace mimamori::test {

// One client of GET /api/v1/events on its own connection.
class EventClient {
public:
    // Opens the stream for `cookie` (the mimamori_session value), with Last-Event-ID if given.
    // `receive_buffer`: a small one makes a client that reads slowly (see HttpConnection).
    EventClient(std::uint16_t port, const std::string& cookie, std::optional<std::string> last_event_id = {},
                int receive_buffer = 0);

    const HttpResponse& head() const { return m_head; }
    // Reads until at least `count` events have come (all so far included), or `timeout` passed,
    // or the stream ended; returns every event read so far.
    const std::vector<sse::Event>& wait_for(std::size_t count, std::chrono::milliseconds timeout = 10s);
    // Reads what arrives within `duration`.
    const std::vector<sse::Event>& read_for(std::chrono::milliseconds duration);
    const std::vector<sse::Event>& events() const { return m_events; }
    // The events' JSON data.
    std::vector<Json> data() const;
    // Every byte of the stream's body so far (comments such as heartbeats included).
    const std::string& body() const { return m_body; }
    // The stream's last chunk came, or the server closed the connection.
    bool ended() const { return m_ended; }
    std::string last_event_id() const { return m_reader.last_event_id(); }
    HttpConnection& connection() { return m_connection; }

private:
    // One read of whatever arrives before `deadline`; false when nothing did.
    bool pump(std::chrono::steady_clock::time_point deadline);

    HttpConnection m_connection;
    HttpResponse m_head;
    std::string m_chunked; // undecoded bytes
    std::string m_body;
    sse::Reader m_reader;
    std::vector<sse::Event> m_events;
    bool m_ended = false;
};

// The care region with the patient's consent recorded; "user" (a nurse of A) and
// "station-nurse" are in the team, "outsider" and "pharmacist" are not, "family" is the
// patient's family account.
struct MemoRegion {
    CareRegion care;
    std::int64_t consent = 0;
};
MemoRegion create_memo_region(const TestDatabase& db);

std::string memos_path(std::int64_t patient, const std::string& rest = "");
std::string memo_path(std::int64_t memo, const std::string& rest = "");

// POST .../memos expecting 201; the memo's JSON (a gtest failure and null otherwise).
Json post_memo(const Session& session, std::int64_t patient, const Json& body);

} // namespace mimamori::test
