#pragma once
// What the timeline page (issue 5) reads without PostgreSQL: rendered pages, the patient's facts
// perm::decide() is asked on, and validated sessions -- each kept only while nothing it shows can
// have changed.
//
// Invalidation (migration 0010): triggers on every table a page, the facts or a session are read
// from NOTIFY 'mimamori_cache' with "p<patient id>" (memos, their versions, receipts,
// acknowledgements and mentions, files, the patient, its care team and members, consents),
// "s<SHA-256 of a session token, hex>" (a session ended or changed) or "*" (accounts,
// affiliations, facilities: everything). One thread per process LISTENs on a connection of its
// own and drops what each notification names -- so a write through any process, or straight
// into the database, reaches every process's cache.
//
// No request is answered from the cache before every change committed before it arrived has
// been applied (sync()): the listening thread runs a round trip on its connection, and PostgreSQL
// sends a listener the notifications of every commit that signalled it before it answers the
// listener's next query (a committing backend signals its listeners before its client learns of
// the commit). So a write -- through this process, another, or psql -- is never followed by an
// answer from before it: a membership ended refuses the very next page anywhere. One round serves
// every request waiting for it.
//
// The race of a read that began before a write and is stored after its invalidation: a Ticket
// (the generations of everything and of the patient, and whether the listener was up) is taken
// before reading from PostgreSQL, and what was read is stored only if no generation has moved
// since. While the listening connection is down (notifications may be lost) nothing is served
// from or stored in the cache; when it is back, everything kept before is dropped and the cache
// fills again from then on.
//
// Memory: pages are kept in LRU order up to `max_page_bytes`; facts and sessions up to a count.
// A page's per-viewer parts (read_by_me, acknowledged_by_me) are kept as slots filled in for each
// viewer (ViewerText), so one page serves every member of the team.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "mimamori/common/date.hpp"
#include "repositories/event_repository.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {

struct ReadCacheSettings {
    std::size_t max_page_bytes = 256u << 20; // 0: no cache at all, every request reads PostgreSQL
    std::size_t max_patients = 100000;       // facts kept
    std::size_t max_sessions = 100000;
    std::chrono::milliseconds reconnect_delay{1000};
    std::chrono::milliseconds liveness_check{5000}; // a query on the listening connection when quiet
};

// Text with boolean slots that depend on who reads it: `text` with "false" written at every
// slot's offset; slot i reads "true" instead for the accounts in its `true_for`.
struct ViewerText {
    struct Slot {
        std::size_t at = 0; // offset of the slot's "false" in `text`
        std::vector<std::int64_t> true_for;
    };
    std::string text;
    std::vector<Slot> slots; // in the order of their offsets
    std::size_t count = 0;   // what the text holds (memos of a page), for the access log

    std::string render(std::int64_t viewer) const;
    // The same text for `viewer` as views into `text` and a static "true" (the slots that read
    // "true" for it split the text), appended to `out`; returns their total length.
    std::size_t render_views(std::int64_t viewer, std::vector<std::string_view>& out) const;
    std::size_t bytes() const;
};

// A patient's facts for every viewer: PatientFacts without `member`, and the members' accounts.
using PatientAudience = repositories::PatientAudience;

class ReadCache {
public:
    // Starts the listening thread on its own connection to `database_url` (unless disabled).
    ReadCache(std::string database_url, ReadCacheSettings settings);
    ~ReadCache();
    ReadCache(const ReadCache&) = delete;
    ReadCache& operator=(const ReadCache&) = delete;

    bool enabled() const { return m_settings.max_page_bytes > 0; }
    // The listening connection is up and caught up: the cache is in use.
    bool listening() const { return m_listening; }
    // Waits until every notification committed before `since` has been applied (a round trip of
    // the listening connection that began after it); false when the cache must be bypassed (the
    // listener is down, or the round took longer than a second).
    bool sync(std::chrono::steady_clock::time_point since);
    // The PostgreSQL backend of the listening connection (0 when down), for tests.
    int listener_backend_pid() const { return m_backend_pid; }

    // Taken before reading from PostgreSQL what will be stored.
    struct Ticket {
        std::uint64_t global = 0;
        std::uint64_t patient = 0;
        bool usable = false;
    };
    Ticket ticket(std::int64_t patient_id) const;
    Ticket session_ticket() const;

    std::shared_ptr<const PatientAudience> facts(std::int64_t patient_id, const Date& day);
    void store_facts(const Ticket& t, std::int64_t patient_id, const Date& day, std::shared_ptr<const PatientAudience> f);

    // `key`: the page's normalised query (the patient is added here).
    std::shared_ptr<const ViewerText> page(std::int64_t patient_id, const std::string& key, const Date& day);
    void store_page(const Ticket& t, std::int64_t patient_id, const std::string& key, const Date& day,
                    std::shared_ptr<const ViewerText> page);

    // A session by the SHA-256 of its token (hex), until `until`; shared, not copied, by the
    // requests it signs in.
    std::shared_ptr<const SignedIn> session(const std::string& token_hash_hex);
    void store_session(const Ticket& t, const std::string& token_hash_hex, std::shared_ptr<const SignedIn> who,
                       std::chrono::steady_clock::time_point until);

    void invalidate_patients(const std::vector<std::int64_t>& patient_ids);
    void invalidate_session(const std::string& token_hash_hex);
    void invalidate_all();
    // A notification's payload ("p<id>", "s<hash>", "*"; anything else drops everything).
    void on_notification(const std::string& payload);

    // For tests and the benchmark.
    struct Counts {
        std::uint64_t page_hits = 0, page_misses = 0, session_hits = 0, session_misses = 0;
        std::size_t pages = 0, page_bytes = 0;
    };
    Counts counts() const;

private:
    struct PageEntry {
        std::shared_ptr<const ViewerText> page;
        std::int64_t patient_id = 0;
        Date day;
        std::uint64_t global = 0, patient = 0;
        std::size_t size = 0;
        std::list<std::string>::iterator lru;
    };
    struct FactsEntry {
        std::shared_ptr<const PatientAudience> facts;
        Date day;
        std::uint64_t global = 0, patient = 0;
    };
    struct SessionEntry {
        std::shared_ptr<const SignedIn> who;
        std::chrono::steady_clock::time_point until;
    };

    void run();
    std::uint64_t patient_generation(std::int64_t patient_id) const; // under m_mutex
    bool storable(const Ticket& t, std::int64_t patient_id) const;   // under m_mutex
    void drop_everything();                                          // under m_mutex
    void erase_page(std::unordered_map<std::string, PageEntry>::iterator it); // under m_mutex
    void set_listening(bool on);

    const std::string m_url;
    const ReadCacheSettings m_settings;
    mutable std::mutex m_mutex;
    std::uint64_t m_global = 1;
    std::uint64_t m_next_generation = 1;
    std::unordered_map<std::int64_t, std::uint64_t> m_patient_generations;
    std::uint64_t m_session_generation = 1;
    std::unordered_map<std::string, PageEntry> m_pages;
    std::list<std::string> m_lru; // most recent first
    std::size_t m_page_bytes = 0;
    std::unordered_map<std::int64_t, FactsEntry> m_facts;
    std::unordered_map<std::string, SessionEntry> m_sessions;
    Counts m_counts;
    std::atomic<bool> m_listening{false};
    // sync(): rounds asked for, and the start of the last one done (steady clock ticks; 0 after
    // the connection changed), under a mutex of their own so that waiting requests do not contend
    // with lookups.
    std::mutex m_sync_mutex;
    std::condition_variable m_synced;
    bool m_round_wanted = false;
    std::atomic<std::chrono::steady_clock::rep> m_round_done_start{0};
    int m_wake_pipe[2] = {-1, -1};
    std::atomic<int> m_backend_pid{0};
    int m_stop_pipe[2] = {-1, -1};
    std::thread m_thread;
};

} // namespace mimamori::services
