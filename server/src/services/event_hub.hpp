#pragma once
// Live updates (issue 5, DESIGN.md §4): GET /api/v1/events streams Server-Sent Events to each
// signed-in client, only the events it may see, each with the id PostgreSQL gave it.
//
// One hub per server process, with one thread and one database connection of its own:
//   - it LISTENs on 'mimamori_events_pending' (a request wrote events) and numbers them
//     (number_events(), migration 0008: ids in commit order), and on 'mimamori_events' (some
//     process numbered events) and fetches what is new -- so events written through any server
//     process reach the clients of every other;
//   - for each new event it loads the patient's facts once and asks perm::decide
//     (PatientRecordRead) for each connected account of the patient's team; an event addressed to
//     one account (a mention) goes to that account only;
//   - every `heartbeat` it writes a comment to each stream (so proxies and clients see the
//     connection alive), ends the streams whose session has ended (sign-out, idle timeout,
//     lifetime: checked without touching the session, so an open stream never keeps a session
//     alive), and numbers and fetches once more in case a notification was lost; after a lost
//     connection it reconnects by itself and catches up from the last id it sent.
// The hub never writes to a socket and never waits for a client: it appends to the stream's
// queue and wakes the stream's connection (http::StreamWaker), whose worker writes when the
// socket takes it. A client that falls `max_queued_bytes` behind is cut off; it reconnects with
// Last-Event-ID and gets what it missed from the database. A vanished client's stream is
// destroyed by its connection, which unregisters it.
//
// A stream opened with Last-Event-ID first replays the visible events after that id from the
// database (at most `replay_limit`; beyond that, a {"type":"resync"} event tells the client to
// reload and the stream continues from now), then continues live with no gap and no duplicate.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "http/stream.hpp"
#include "services/sessions.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {

struct EventHubSettings {
    std::chrono::milliseconds heartbeat{15000};
    std::size_t max_queued_bytes = 1 << 20;
    int replay_limit = 1000;
    std::chrono::milliseconds reconnect_delay{1000};
    std::chrono::milliseconds retry{3000}; // the "retry:" a browser waits before reconnecting
};

class EventHub {
public:
    // Starts the hub's thread on its own connection to `database_url`.
    EventHub(std::string database_url, SessionPolicy sessions, EventHubSettings settings = {});
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;

    // A stream for `who`: after `last_event_id` (replayed from `tx`), or from now.
    struct Opened {
        std::shared_ptr<http::BodyStream> stream;
        std::size_t replayed = 0;
        bool resync = false; // more was missed than a replay gives
    };
    Opened open(db::Tx& tx, const SignedIn& who, std::optional<std::int64_t> last_event_id);

    // For tests and the benchmark.
    std::size_t streams() const;
    std::int64_t last_sent_id() const;     // the highest event id fanned out
    std::uint64_t dropped_streams() const; // cut off for falling behind
    bool connected() const;                // the hub's database connection is up

    class Stream;
    struct Shared;

private:
    void run();
    // On the hub's thread: numbered events after the last sent, to the streams that may see them.
    void fan_out(db::Tx& tx);
    // On the hub's thread: heartbeats, and the end of streams whose session ended.
    void maintain(db::Tx& tx);

    std::string m_url;
    SessionPolicy m_sessions;
    EventHubSettings m_settings;
    std::shared_ptr<Shared> m_shared;
    int m_stop_pipe[2] = {-1, -1};
    std::thread m_thread;
};

} // namespace mimamori::services
