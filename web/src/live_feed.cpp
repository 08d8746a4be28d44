#include "live_feed.hpp"

#include "imgui.h"
#include "mimamori/common/json.hpp"
#include "platform/event_stream.hpp"
#include "platform/frames.hpp"
#include "session/session.hpp"

namespace mimamori::web {
namespace {
constexpr std::size_t kKeptEvents = 500; // far more than arrive between two frames of a screen
constexpr double kRetrySeconds = 10.0;   // after a refusal that did not end the session (a restart)

perm::Id id_of(const Json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<perm::Id>() : 0;
}
} // namespace

void LiveFeed::update(const Session& session) {
    const bool wanted = session.signed_in() && !session.me->must_change_password;
    if (m_open && (!wanted || m_generation != session.generation)) {
        event_stream::close();
        m_open = false;
        m_connected = false;
        m_events.clear();
        m_new_mentions = 0;
    }
    const bool retry = m_retry_at > 0.0 && ImGui::GetTime() >= m_retry_at;
    if (!m_open && wanted && (m_generation != session.generation || retry)) {
        m_retry_at = 0.0;
        m_generation = session.generation;
        m_open = true;
        event_stream::open("api/v1/events", [this](event_stream::Signal signal, std::string_view data) {
            switch (signal) {
            case event_stream::Signal::Open: m_connected = true; break;
            case event_stream::Signal::Message: received(data); break;
            case event_stream::Signal::Closed:
                m_connected = false;
                m_open = false;
                m_refused = true;
                m_retry_at = ImGui::GetTime() + kRetrySeconds;
                frames::request_in(kRetrySeconds);
                break;
            }
        });
    }
}

bool LiveFeed::take_refused() { return std::exchange(m_refused, false); }

void LiveFeed::received(std::string_view data) {
    auto parsed = json::parse_object(data);
    if (!parsed) return; // not ours to show; the stream goes on
    const Json& j = *parsed;
    LiveEvent e;
    e.seq = m_next_seq++;
    if (const auto it = j.find("type"); it != j.end() && it->is_string()) e.type = it->get<std::string>();
    e.memo_id = id_of(j, "memo_id");
    e.patient_id = id_of(j, "patient_id");
    e.account_id = id_of(j, "account_id");
    if (e.account_id == 0) e.account_id = id_of(j, "author_id");
    e.version = static_cast<int>(id_of(j, "version"));
    if (e.type == "memo.mentioned") m_new_mentions += 1;
    m_events.push_back(std::move(e));
    while (m_events.size() > kKeptEvents) m_events.pop_front();
}

} // namespace mimamori::web
