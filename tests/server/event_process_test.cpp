// Live updates across server processes (issue 5): two real mimamori-server processes on one
// database, an event-stream client on each. An event written through one reaches the client of
// the other (PostgreSQL LISTEN/NOTIFY), with the same id on both; a client that drops and
// reconnects to the other process with Last-Event-ID gets exactly what it missed.
#include <gtest/gtest.h>

#include <regex>

#include "event_support.hpp"
#include "support/child_process.hpp"

namespace mimamori::test {
namespace {

class EventProcesses : public FreshDatabaseTest {
protected:
    std::uint16_t start(ChildProcess& child) {
        auto line = child.read_stdout_line();
        std::smatch m;
        std::string text = line.value_or("");
        if (!std::regex_match(text, m, std::regex(R"(mimamori-server listening on http://127\.0\.0\.1:(\d+))"))) {
            ADD_FAILURE() << "unexpected first line: " << text << "\n" << child.stderr_text();
            return 0;
        }
        return static_cast<std::uint16_t>(std::stoi(m[1]));
    }
    std::vector<std::string> args() {
        return {"--port", "0", "--database-url", database().url(), "--password-hash-limits", "minimum",
                "--event-heartbeat-ms", "500"};
    }
    static std::vector<std::int64_t> created(const std::vector<Json>& data) {
        std::vector<std::int64_t> ids;
        for (const auto& d : data)
            if (d["type"] == "memo.created") ids.push_back(d["memo_id"].get<std::int64_t>());
        return ids;
    }
};

TEST_F(EventProcesses, AnEventWrittenThroughOneReachesTheOther) {
    ChildProcess a(server_binary(), args());
    const auto port_a = start(a);
    ASSERT_NE(port_a, 0);
    auto region = create_memo_region(database()); // after the first server migrated the database
    // B listens through its own --events-database-url (as behind a transaction-pooling pgbouncer).
    auto b_args = args();
    b_args.insert(b_args.end(), {"--events-database-url", database().url()});
    ChildProcess b(server_binary(), b_args);
    const auto port_b = start(b);
    ASSERT_NE(port_b, 0);

    auto nurse = sign_in(port_a, "user");
    auto station = sign_in(port_b, "station-nurse");
    EventClient on_a(port_a, station.cookie);
    EventClient on_b(port_b, station.cookie);
    ASSERT_EQ(on_a.head().status, 200);
    ASSERT_EQ(on_b.head().status, 200);

    auto memo = post_memo(nurse, region.care.patient, {{"kind", "visit_record"}, {"text", "Aから"}});
    on_b.wait_for(1);
    on_a.wait_for(1);
    ASSERT_EQ(created(on_b.data()), std::vector<std::int64_t>{memo["id"].get<std::int64_t>()}) << on_b.body() << b.stderr_text();
    ASSERT_EQ(on_a.events().size(), 1u);
    EXPECT_EQ(on_a.events()[0].id, on_b.events()[0].id); // one id, PostgreSQL's

    // And the other way round.
    Session nurse_b = nurse;
    nurse_b.port = port_b;
    auto second = post_memo(nurse_b, region.care.patient, {{"kind", "no_change"}});
    on_a.wait_for(2);
    EXPECT_EQ(created(on_a.data()).back(), second["id"].get<std::int64_t>());

    // The client of B drops; what is posted through A meanwhile comes when it reconnects to A
    // with its Last-Event-ID: exactly that, once.
    on_b.wait_for(2);
    const std::string last = on_b.last_event_id();
    on_b.connection().reset();
    std::vector<std::int64_t> missed;
    for (int i = 0; i < 3; ++i)
        missed.push_back(post_memo(nurse, region.care.patient, {{"kind", "no_change"}})["id"].get<std::int64_t>());
    EventClient back(port_a, station.cookie, last);
    ASSERT_EQ(back.head().status, 200);
    back.wait_for(3);
    back.read_for(std::chrono::milliseconds(600));
    EXPECT_EQ(created(back.data()), missed) << back.body();
    auto fourth = post_memo(nurse_b, region.care.patient, {{"kind", "no_change"}})["id"].get<std::int64_t>();
    back.wait_for(4);
    missed.push_back(fourth);
    EXPECT_EQ(created(back.data()), missed) << back.body();
}

} // namespace
} // namespace mimamori::test
