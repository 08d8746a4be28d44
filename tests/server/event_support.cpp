#include "event_support.hpp"

#include <gtest/gtest.h>

namespace mimamori::test {

EventClient::EventClient(std::uint16_t port, const std::string& cookie, std::optional<std::string> last_event_id,
                         int receive_buffer)
    : m_connection(port, receive_buffer) {
    HeaderList headers{{"Cookie", "mimamori_session=" + cookie}, {"Accept", "text/event-stream"}};
    if (last_event_id) headers.emplace_back("Last-Event-ID", *last_event_id);
    m_connection.send_request("GET", "/api/v1/events", headers);
    m_head = m_connection.read_head();
}

bool EventClient::pump(std::chrono::steady_clock::time_point deadline) {
    if (m_ended) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    try {
        m_chunked += m_connection.read_some(1 << 20, left);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find("closed") != std::string::npos) m_ended = true;
        return false;
    }
    // Chunked framing: "<hex>\r\n<bytes>\r\n", ended by a chunk of size 0.
    while (true) {
        auto eol = m_chunked.find("\r\n");
        if (eol == std::string::npos) break;
        std::size_t size = std::stoul(m_chunked.substr(0, eol), nullptr, 16);
        if (size == 0) {
            m_ended = true;
            break;
        }
        if (m_chunked.size() < eol + 2 + size + 2) break;
        std::string piece = m_chunked.substr(eol + 2, size);
        m_chunked.erase(0, eol + 2 + size + 2);
        m_body += piece;
        for (auto& e : m_reader.feed(piece)) m_events.push_back(std::move(e));
    }
    return true;
}

const std::vector<sse::Event>& EventClient::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_events.size() < count && !m_ended && std::chrono::steady_clock::now() < deadline) pump(deadline);
    return m_events;
}

const std::vector<sse::Event>& EventClient::read_for(std::chrono::milliseconds duration) {
    auto deadline = std::chrono::steady_clock::now() + duration;
    while (!m_ended && std::chrono::steady_clock::now() < deadline) pump(deadline);
    return m_events;
}

std::vector<Json> EventClient::data() const {
    std::vector<Json> out;
    for (const auto& e : m_events) out.push_back(Json::parse(e.data, nullptr, false));
    return out;
}

MemoRegion create_memo_region(const TestDatabase& db) {
    MemoRegion r;
    r.care = create_care_region(db);
    r.consent = insert_consent(db, r.care.patient);
    return r;
}

std::string memos_path(std::int64_t patient, const std::string& rest) {
    return "/api/v1/patients/" + std::to_string(patient) + "/memos" + rest;
}

std::string memo_path(std::int64_t memo, const std::string& rest) { return "/api/v1/memos/" + std::to_string(memo) + rest; }

Json post_memo(const Session& session, std::int64_t patient, const Json& body) {
    auto r = session.request("POST", memos_path(patient), body);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return nullptr;
    return r.json()["memo"];
}

} // namespace mimamori::test
