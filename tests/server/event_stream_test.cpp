// GET /api/v1/events over real HTTP (issue 5): only the events an account may see, each with
// PostgreSQL's id; Last-Event-ID replays exactly what was missed; heartbeats; streams end with
// their session; a slow or vanished client never holds up anyone else.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "event_support.hpp"
#include "services/event_hub.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class EventStream : public ServerTest {
protected:
    void configure(server::Config& config) override {
        config.event_heartbeat = std::chrono::milliseconds(300);
        config.event_queue_bytes = 2 << 20; // a fast client takes bursts of 500 events
        config.keepalive_timeout = std::chrono::milliseconds(2000); // a client that stops reading is dropped
    }
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        region = create_memo_region(database());
        nurse = sign_in(port(), "user");
        station = sign_in(port(), "station-nurse");
    }
    std::int64_t patient() const { return region.care.patient; }
    services::EventHub& hub() { return *server().services().events; }
    Json post(const Session& s, const std::string& text) {
        return post_memo(s, patient(), {{"kind", "visit_record"}, {"text", text}});
    }
    // Events of memo.created among `data`, their memo ids in order.
    static std::vector<std::int64_t> created(const std::vector<Json>& data) {
        std::vector<std::int64_t> ids;
        for (const auto& d : data)
            if (d["type"] == "memo.created") ids.push_back(d["memo_id"].get<std::int64_t>());
        return ids;
    }
    MemoRegion region;
    Session nurse;
    Session station;
};

TEST_F(EventStream, ATeamMemberSeesThePostOthersDoNot) {
    EventClient member(port(), station.cookie);
    ASSERT_EQ(member.head().status, 200);
    EXPECT_EQ(member.head().header("Content-Type").value_or(""), "text/event-stream; charset=utf-8");
    EXPECT_EQ(member.head().header("Cache-Control").value_or(""), "no-store");
    EventClient outsider(port(), sign_in(port(), "outsider").cookie);
    EventClient family(port(), sign_in(port(), "family").cookie);
    ASSERT_EQ(outsider.head().status, 200);

    auto memo = post(nurse, "@station-nurse 褥瘡の処置をお願いします");
    member.wait_for(2);
    ASSERT_EQ(member.events().size(), 2u) << member.body();
    auto data = member.data();
    EXPECT_EQ(data[0]["type"], "memo.created");
    EXPECT_EQ(data[0]["memo_id"], memo["id"]);
    EXPECT_EQ(data[0]["patient_id"], patient());
    EXPECT_EQ(data[1]["type"], "memo.mentioned");
    EXPECT_EQ(data[1]["account_id"], region.care.station_nurse);
    // Ids are PostgreSQL's, increasing, and sent as the SSE id.
    ASSERT_TRUE(member.events()[0].id && member.events()[1].id);
    EXPECT_LT(*member.events()[0].id, *member.events()[1].id);
    EXPECT_EQ(std::to_string(*member.events()[1].id),
              database().query_value("SELECT max(id) FROM events"));

    // The outsider and the family account got heartbeats and nothing else.
    outsider.read_for(std::chrono::milliseconds(700));
    family.read_for(std::chrono::milliseconds(100));
    EXPECT_TRUE(outsider.events().empty()) << outsider.body();
    EXPECT_TRUE(family.events().empty()) << family.body();
    EXPECT_NE(outsider.body().find(": heartbeat"), std::string::npos);
    // The mention went to the one mentioned only: the writer's own stream has memo.created alone.
    EventClient writer(port(), nurse.cookie, std::to_string(*member.events()[0].id - 1));
    writer.read_for(std::chrono::milliseconds(400));
    EXPECT_EQ(writer.events().size(), 1u) << writer.body();
}

TEST_F(EventStream, AReconnectWithLastEventIdGetsExactlyWhatWasMissed) {
    std::string last;
    {
        EventClient first(port(), station.cookie);
        post(nurse, "一");
        post(nurse, "二");
        first.wait_for(2);
        ASSERT_EQ(first.events().size(), 2u);
        last = first.last_event_id();
        first.connection().reset(); // the tablet loses its network
    }
    std::vector<std::int64_t> missed;
    for (const char* text : {"三", "四", "五"}) missed.push_back(post(nurse, text)["id"].get<std::int64_t>());
    // Events of another patient the station cannot see, in between.
    insert_consent(database(), region.care.other_patient);
    auto team = insert_team(database(), "別チーム", region.care.other_patient);
    insert_member(database(), team, region.care.outsider, region.care.third, "visiting_nurse");
    post_memo(sign_in(port(), "outsider"), region.care.other_patient, {{"kind", "no_change"}});

    EventClient again(port(), station.cookie, last);
    ASSERT_EQ(again.head().status, 200);
    again.wait_for(3);
    EXPECT_EQ(created(again.data()), missed);
    // Live again: the next post comes once, after them.
    auto six = post(nurse, "六")["id"].get<std::int64_t>();
    again.wait_for(4);
    again.read_for(std::chrono::milliseconds(300));
    auto expected = missed;
    expected.push_back(six);
    EXPECT_EQ(created(again.data()), expected) << again.body();
    std::set<std::int64_t> ids;
    for (const auto& e : again.events()) EXPECT_TRUE(ids.insert(e.id.value_or(-1)).second) << "duplicate " << *e.id;
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST_F(EventStream, AReplayRacingNewEventsHasNoGapAndNoDuplicate) {
    post(nurse, "起点");
    const std::string from = database().query_value("SELECT max(id) FROM events");
    std::atomic<bool> stop{false};
    std::vector<std::int64_t> posted;
    std::thread writer([&] {
        auto s = sign_in(port(), "user");
        for (int i = 0; i < 30 && !stop; ++i)
            if (auto m = post_memo(s, patient(), {{"kind", "no_change"}}); m.is_object())
                posted.push_back(m["id"].get<std::int64_t>());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EventClient client(port(), station.cookie, from); // opened while posts go on
    writer.join();
    client.wait_for(posted.size(), std::chrono::seconds(15));
    client.read_for(std::chrono::milliseconds(300));
    EXPECT_EQ(created(client.data()), posted) << client.body();
}

TEST_F(EventStream, AMalformedLastEventIdIsAJsonErrorAndNoStream) {
    for (const char* bad : {"abc", "-1", "1.5", "5 6", "+5", "0x10", "", "99999999999999999999"}) {
        HttpConnection c(port());
        c.send_request("GET", "/api/v1/events", {{"Cookie", "mimamori_session=" + station.cookie}, {"Last-Event-ID", bad}});
        auto r = c.read_response();
        EXPECT_EQ(r.status, 400) << "'" << bad << "' " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], "Last-Event-ID") << bad;
    }
    auto q = station.get("/api/v1/events?lastEventId=x1");
    EXPECT_EQ(q.status, 400);
    EXPECT_EQ(hub().streams(), 0u);
    // No session: 401.
    HttpConnection anonymous(port());
    anonymous.send_request("GET", "/api/v1/events");
    EXPECT_EQ(anonymous.read_response().status, 401);
}

TEST_F(EventStream, AStreamEndsWithItsSession) {
    EventClient client(port(), station.cookie);
    ASSERT_EQ(client.head().status, 200);
    ASSERT_EQ(station.request("DELETE", "/api/v1/session").status, 204);
    client.read_for(std::chrono::seconds(3));
    EXPECT_TRUE(client.ended()) << client.body();
}

TEST_F(EventStream, ASlowOrVanishedClientNeverHoldsUpOthers) {
    EventClient slow(port(), station.cookie, std::nullopt, 2048); // never reads
    EventClient gone(port(), station.cookie);
    EventClient fast(port(), station.cookie);
    ASSERT_EQ(slow.head().status, 200);
    gone.connection().reset();
    // 8,000 events of ~600 bytes, far more than the slow client's socket and queue take.
    const std::string pad(500, 'x');
    database().exec("INSERT INTO events (type, patient_id, data) SELECT 'memo.created', " + std::to_string(patient()) +
                    ", jsonb_build_object('type', 'memo.created', 'memo_id', g, 'patient_id', " + std::to_string(patient()) +
                    ", 'pad', '" + pad + "') FROM generate_series(1, 8000) g; NOTIFY mimamori_events_pending");
    fast.wait_for(8000, std::chrono::seconds(30));
    EXPECT_EQ(fast.events().size(), 8000u);
    // The server answers at once meanwhile, and a real post still arrives promptly.
    auto t0 = std::chrono::steady_clock::now();
    auto memo = post(nurse, "後から");
    fast.wait_for(8001, std::chrono::seconds(5));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
    ASSERT_EQ(fast.events().size(), 8001u);
    EXPECT_EQ(fast.data().back()["memo_id"], memo["id"]);
    // The slow client was cut off (it will reconnect and replay): its queue is freed at once, its
    // connection dropped when it has not read for the idle timeout. The vanished one is forgotten.
    EXPECT_GE(hub().dropped_streams(), 1u);
    for (int i = 0; i < 100 && hub().streams() > 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(hub().streams(), 1u);
    EXPECT_GE(hub().dropped_streams(), 1u);
}

TEST_F(EventStream, TooMuchMissedAsksTheClientToResync) {
    database().exec("INSERT INTO events (type, patient_id, data) SELECT 'memo.created', " + std::to_string(patient()) +
                    ", jsonb_build_object('type', 'memo.created', 'memo_id', g, 'patient_id', " + std::to_string(patient()) +
                    ") FROM generate_series(1, 1100) g; SELECT number_events()");
    const auto last = std::stoll(database().query_value("SELECT max(id) FROM events"));
    for (int i = 0; i < 100 && hub().last_sent_id() < last; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(hub().last_sent_id(), last);
    EventClient client(port(), station.cookie, "0");
    client.wait_for(1001);
    ASSERT_EQ(client.events().size(), 1001u);
    EXPECT_EQ(client.data().back()["type"], "resync");
    EXPECT_EQ(client.data()[999]["memo_id"], 1000);
    // It goes on live from there.
    auto memo = post(nurse, "続き");
    client.wait_for(1002);
    ASSERT_EQ(client.events().size(), 1002u);
    EXPECT_EQ(client.data().back()["memo_id"], memo["id"]);
}

} // namespace
} // namespace mimamori::test
