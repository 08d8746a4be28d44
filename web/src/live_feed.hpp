#pragma once
// The signed-in person's live updates (GET /api/v1/events, issue 5): the event stream is open
// while someone is signed in and closed at every end of the session. Each event is kept, with a
// running number, in a short list that the screens read from where they left off (the open
// timeline merges the memo it names, "my patients" refetches its unread counts, the
// notifications count mentions). A "resync" (the server could not replay what was missed) asks
// every screen to reload what it shows.

#include <cstdint>
#include <deque>
#include <string>

#include "mimamori/common/permissions.hpp"

namespace mimamori::web {

struct Session;

struct LiveEvent {
    std::int64_t seq = 0;  // this page's running number (not the server's event id)
    std::string type;      // "memo.created", "memo.read", ..., "resync"
    perm::Id memo_id = 0;
    perm::Id patient_id = 0;
    perm::Id account_id = 0; // memo.read, memo.acknowledged, memo.mentioned: who; memo.created: the author
    int version = 0;
};

class LiveFeed {
public:
    // Once per frame: opens the stream after a sign-in, closes it at the end of the session.
    void update(const Session& session);

    // Events after `seq` (oldest first); the screen then remembers last_seq().
    template <typename Fn>
    void each_after(std::int64_t seq, Fn&& fn) const {
        for (const LiveEvent& e : m_events)
            if (e.seq > seq) fn(e);
    }
    std::int64_t last_seq() const { return m_next_seq - 1; }
    bool connected() const { return m_connected; }
    // Mentions of me that arrived since the notifications were last looked at.
    int new_mentions() const { return m_new_mentions; }
    void mentions_seen() { m_new_mentions = 0; }
    // The stream was refused: the app checks the session once (a 401 then ends it); if the
    // session goes on (the server was restarting), the stream is opened again a little later.
    bool take_refused();

private:
    void received(std::string_view data);

    int m_generation = -1; // the session generation the stream belongs to
    bool m_open = false;
    bool m_connected = false;
    bool m_refused = false;
    double m_retry_at = 0.0; // ImGui time to open the stream again after a refusal (0: none)
    int m_new_mentions = 0;
    std::int64_t m_next_seq = 1;
    std::deque<LiveEvent> m_events;
};

} // namespace mimamori::web
