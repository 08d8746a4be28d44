// The read cache of the timeline (issue 5, services/read_cache.hpp) over real HTTP against real
// PostgreSQL, with three servers on one database: this process's (A, cache on), a second process
// (B, cache on) and a reference process (R, --read-cache-bytes 0) whose every page is built anew.
// After each kind of write -- post, edit, retraction, receipt, acknowledgement -- through either
// process or straight in the database, the page A and B answer next, to every viewer, is byte for
// byte R's: no request is answered before the notifications of what was committed before it have
// been applied (ReadCache::sync). A membership or a session ended through one process, or in the
// database, is refused by the very next request to the other; while A's listening connection is
// down (pg_terminate_backend) A reads PostgreSQL, so a revocation no notification announces is
// still honoured at once; once it listens again it caches again and follows notifications.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "event_support.hpp"
#include "server.hpp"
#include "services/read_cache.hpp"
#include "services/services.hpp"
#include "support/child_process.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using namespace std::chrono_literals;

class ReadCache : public ServerTest {
protected:
    void configure(server::Config& config) override { config.read_cache_reconnect = 3000ms; }

    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        region = create_memo_region(database());
        nurse = sign_in(port(), "user");
        station = sign_in(port(), "station-nurse");
        b = std::make_unique<ChildProcess>(server_binary(), args({}));
        port_b = started(*b);
        r = std::make_unique<ChildProcess>(server_binary(), args({"--read-cache-bytes", "0"}));
        port_r = started(*r);
        ASSERT_NE(port_b, 0);
        ASSERT_NE(port_r, 0);
        ASSERT_TRUE(eventually([&] { return cache().listening(); }));
    }

    std::vector<std::string> args(std::vector<std::string> more) {
        std::vector<std::string> all{"--port", "0", "--database-url", database().url(), "--password-hash-limits",
                                     "minimum"};
        all.insert(all.end(), more.begin(), more.end());
        return all;
    }
    static std::uint16_t started(ChildProcess& child) {
        auto line = child.read_stdout_line().value_or("");
        std::smatch m;
        if (!std::regex_match(line, m, std::regex(R"(mimamori-server listening on http://127\.0\.0\.1:(\d+))"))) {
            ADD_FAILURE() << "unexpected first line: " << line << "\n" << child.stderr_text();
            return 0;
        }
        return static_cast<std::uint16_t>(std::stoi(m[1]));
    }
    static Session on(Session s, std::uint16_t port) {
        s.port = port;
        return s;
    }
    template <class Condition>
    static bool eventually(Condition condition, std::chrono::milliseconds limit = 5s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(20ms);
        }
        return true;
    }
    services::ReadCache& cache() { return *server().services().read_cache; }
    std::int64_t patient() const { return region.care.patient; }

    // The pages of `targets` for `viewer` on `port` equal the reference's (each asked twice, so
    // the second comes from the cache when the first filled it).
    bool pages_equal(const Session& viewer, std::uint16_t port, std::string* why = nullptr) {
        for (const char* query : {"", "?limit=1", "?kind=instruction"}) {
            const auto target = memos_path(patient(), query);
            auto expected = on(viewer, port_r).get(target);
            for (int i = 0; i < 2; ++i) {
                auto got = on(viewer, port).get(target);
                if (got.status != expected.status || got.body != expected.body) {
                    if (why) *why = target + " on " + std::to_string(port) + ": " + got.body + "\n  expected: " + expected.body;
                    return false;
                }
            }
        }
        return true;
    }
    // After a write through `writer_port`: both processes answer the reference's pages at once.
    void expect_consistent(std::uint16_t writer_port, const std::string& after) {
        const std::uint16_t other = writer_port == port() ? port_b : port();
        for (const Session* viewer : {&nurse, &station}) {
            std::string why;
            EXPECT_TRUE(pages_equal(*viewer, writer_port, &why)) << after << " (the writing process): " << why;
            EXPECT_TRUE(pages_equal(*viewer, other, &why)) << after << " (the other process): " << why;
        }
    }
    int status_on(const Session& s, std::uint16_t port) { return on(s, port).get(memos_path(patient())).status; }

    MemoRegion region;
    Session nurse, station;
    std::unique_ptr<ChildProcess> b, r;
    std::uint16_t port_b = 0, port_r = 0;
};

TEST_F(ReadCache, ThePageFromTheCacheIsThePageBuiltAnewAfterEveryKindOfWrite) {
    auto first = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "訪問。\"引用\"\n改行"}});
    auto instruction = post_memo(station, patient(), {{"kind", "instruction"}, {"text", "@user 吸引の指示"}});
    ASSERT_TRUE(first.is_object() && instruction.is_object());
    expect_consistent(port(), "two posts");
    const auto hits = cache().counts().page_hits;
    ASSERT_TRUE(pages_equal(nurse, port()));
    EXPECT_GT(cache().counts().page_hits, hits); // the pages did come from the cache

    const auto first_id = first["id"].get<std::int64_t>();
    const auto instruction_id = instruction["id"].get<std::int64_t>();
    // Each write through A, then through B.
    for (std::uint16_t writer : {port(), port_b}) {
        const Session n = on(nurse, writer), s = on(station, writer);
        const std::string tag = " " + std::to_string(writer);
        auto posted = post_memo(s, patient(), {{"kind", "no_change"}});
        ASSERT_TRUE(posted.is_object());
        expect_consistent(writer, "a post");
        auto edit = n.request("PUT", memo_path(first_id), {{"kind", "visit_record"}, {"text", "訂正" + tag}});
        ASSERT_EQ(edit.status, 200) << edit.body;
        expect_consistent(writer, "an edit");
        auto read = n.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {posted["id"]}}});
        ASSERT_EQ(read.status, 200) << read.body;
        ASSERT_EQ(read.json()["recorded"].size(), 1u);
        expect_consistent(writer, "a read receipt");
        auto asked = s.request("PUT", memo_path(instruction_id), {{"kind", "instruction"}, {"text", "@user 吸引" + tag}});
        ASSERT_EQ(asked.status, 200) << asked.body;
        expect_consistent(writer, "an edit of an instruction");
        auto ack = n.request("POST", memo_path(instruction_id, "/acknowledgements"),
                             {{"version", asked.json()["memo"]["version"]}});
        ASSERT_EQ(ack.status, 200) << ack.body;
        expect_consistent(writer, "an acknowledgement");
    }
    auto retraction = on(nurse, port_b).request("POST", memo_path(first_id, "/retraction"), {{"reason", "別の患者"}});
    ASSERT_EQ(retraction.status, 200) << retraction.body;
    expect_consistent(port_b, "a retraction");
    // The viewer's own parts differ and are right: the nurse acknowledged, the station did not.
    auto page = nurse.get(memos_path(patient(), "?kind=instruction")).json()["memos"][0];
    EXPECT_EQ(page["acknowledgement"]["acknowledged_by_me"], true);
    EXPECT_EQ(station.get(memos_path(patient(), "?kind=instruction")).json()["memos"][0]["acknowledgement"]["acknowledged_by_me"], false);
    // A write straight into the database reaches both caches through the trigger's notification.
    database().exec("UPDATE memos SET content = jsonb_set(content, '{text}', '\"psqlから\"') WHERE id = " +
                    std::to_string(instruction_id));
    for (std::uint16_t p : {port(), port_b}) EXPECT_TRUE(pages_equal(nurse, p)) << "a write in psql, on " << p;
}

TEST_F(ReadCache, AMembershipEndedThroughOneProcessOrInTheDatabaseIsRefusedByEveryProcess) {
    const Session nurse_b = on(nurse, port_b);
    ASSERT_EQ(status_on(nurse, port()), 200);
    ASSERT_EQ(status_on(nurse, port()), 200);
    ASSERT_EQ(status_on(nurse, port_b), 200);
    ASSERT_EQ(status_on(nurse, port_b), 200);
    // Through B: the very next page is refused by A as by B.
    auto left = nurse_b.request("POST", "/api/v1/teams/" + std::to_string(region.care.team) + "/leave");
    ASSERT_EQ(left.status, 204) << left.body;
    EXPECT_EQ(status_on(nurse, port()), 403);
    EXPECT_EQ(status_on(nurse, port_b), 403);

    // Back in the team by SQL: both let the nurse read again at once.
    const auto nurse_id = std::to_string(region.care.master.accounts.at(Role::FacilityUser));
    database().exec("UPDATE team_members SET left_at = NULL WHERE account_id = " + nurse_id);
    for (std::uint16_t p : {port(), port_b}) EXPECT_EQ(status_on(nurse, p), 200) << p;
    // Ended by SQL: refused by both at once; the others still read.
    database().exec("UPDATE team_members SET left_at = now() WHERE account_id = " + nurse_id);
    for (std::uint16_t p : {port(), port_b}) {
        EXPECT_EQ(status_on(nurse, p), 403) << p;
        EXPECT_EQ(status_on(station, p), 200) << p;
    }
    // Never a page to someone outside the team, cached page or not.
    auto outsider = sign_in(port(), "outsider");
    EXPECT_EQ(status_on(outsider, port()), 403);
    EXPECT_EQ(status_on(outsider, port_b), 403);
}

TEST_F(ReadCache, ASignOutOnOneProcessEndsTheSessionOnEvery) {
    auto mine = sign_in(port(), "user");
    ASSERT_EQ(status_on(mine, port()), 200);
    ASSERT_EQ(status_on(mine, port()), 200);
    ASSERT_EQ(status_on(mine, port_b), 200);
    const auto hits = cache().counts().session_hits;
    ASSERT_EQ(status_on(mine, port()), 200);
    EXPECT_GT(cache().counts().session_hits, hits); // the session did come from the cache
    auto out = on(mine, port_b).request("DELETE", "/api/v1/session");
    ASSERT_LT(out.status, 300) << out.body;
    EXPECT_EQ(status_on(mine, port()), 401);
    EXPECT_EQ(status_on(mine, port_b), 401);
    // And through this process: the very next request of that session is refused here.
    auto again = sign_in(port(), "user");
    ASSERT_EQ(status_on(again, port()), 200);
    ASSERT_EQ(status_on(again, port()), 200);
    ASSERT_LT(again.request("DELETE", "/api/v1/session").status, 300);
    EXPECT_EQ(status_on(again, port_b), 401);
    EXPECT_EQ(status_on(again, port()), 401);
    // An account deactivated in the database: its cached session ends everywhere.
    auto station_a = station;
    ASSERT_EQ(status_on(station_a, port()), 200);
    database().exec("UPDATE accounts SET status = 'left' WHERE id = " + std::to_string(region.care.station_nurse));
    for (std::uint16_t p : {port(), port_b}) EXPECT_EQ(status_on(station_a, p), 401) << p;
}

TEST_F(ReadCache, WhileTheListenerIsDownTheCacheIsBypassed) {
    ASSERT_EQ(status_on(nurse, port()), 200);
    ASSERT_EQ(status_on(nurse, port()), 200); // facts, page and session cached
    const int backend = cache().listener_backend_pid();
    ASSERT_GT(backend, 0);
    database().exec("SELECT pg_terminate_backend(" + std::to_string(backend) + ")");
    ASSERT_TRUE(eventually([&] { return !cache().listening(); }));
    ASSERT_TRUE(eventually([&] {
        return database().query_value("SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(backend)) == "0";
    }));
    // No notification can reach A now: a membership ended in the database is refused at once,
    // and a new memo shows at once.
    const auto nurse_id = std::to_string(region.care.master.accounts.at(Role::FacilityUser));
    database().exec("UPDATE team_members SET left_at = now() WHERE account_id = " + nurse_id);
    EXPECT_FALSE(cache().listening()); // still down (it reconnects after 3 s)
    EXPECT_EQ(status_on(nurse, port()), 403);
    ASSERT_TRUE(post_memo(on(station, port_b), patient(), {{"kind", "no_change"}}).is_object());
    std::string why;
    EXPECT_TRUE(pages_equal(station, port(), &why)) << why;
    // Listening again: it starts empty, fills, and is kept current by notifications.
    ASSERT_TRUE(eventually([&] { return cache().listening(); }, 10s));
    EXPECT_NE(cache().listener_backend_pid(), backend);
    database().exec("UPDATE team_members SET left_at = NULL WHERE account_id = " + nurse_id);
    EXPECT_EQ(status_on(nurse, port()), 200);
    const auto hits = cache().counts().page_hits;
    ASSERT_TRUE(pages_equal(station, port()));
    EXPECT_GT(cache().counts().page_hits, hits); // caching again
    database().exec("UPDATE team_members SET left_at = now() WHERE account_id = " + nurse_id);
    EXPECT_EQ(status_on(nurse, port()), 403);
}

// A cached page goes out from the cached text and this viewer's slots as they are (no string
// per request): the same bytes as the page built anew, to requests pipelined in one write (answers
// in order, HEAD with the page's Content-Length and no body) and to a client whose small receive
// buffer makes the server send each answer in many partial writes.
TEST_F(ReadCache, ACachedPageGoesOutWholeToPipelinedRequestsAndASlowReader) {
    auto instruction = post_memo(station, patient(), {{"kind", "instruction"}, {"text", "@user 体位変換の指示"}});
    ASSERT_TRUE(instruction.is_object());
    Json read_ids = Json::array();
    for (int i = 0; i < 24; ++i) { // about 100 KB: more than the client's buffer and the server's first send buffer
        auto memo = post_memo(station, patient(), {{"kind", "visit_record"}, {"text", std::to_string(i) + std::string(3000, 'x')}});
        ASSERT_TRUE(memo.is_object());
        if (i % 3 == 0) read_ids.push_back(memo["id"]);
    }
    // Slots that read "true" for the nurse (read, acknowledged) split the cached text where they are.
    ASSERT_EQ(nurse.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", read_ids}}).status, 200);
    ASSERT_EQ(nurse.request("POST", memo_path(instruction["id"].get<std::int64_t>(), "/acknowledgements"),
                            {{"version", instruction["version"]}}).status, 200);
    const auto target = memos_path(patient());
    const auto expected = on(nurse, port_r).get(target);
    ASSERT_EQ(expected.status, 200);
    ASSERT_GT(expected.body.size(), 70000u);
    ASSERT_NE(expected.body.find("\"read_by_me\":true"), std::string::npos);
    ASSERT_NE(expected.body.find("\"read_by_me\":false"), std::string::npos);
    ASSERT_NE(expected.body.find("\"acknowledged_by_me\":true"), std::string::npos);
    ASSERT_EQ(nurse.get(target).body, expected.body); // and now it is cached

    const auto hits = cache().counts().page_hits;
    const std::vector<std::string> methods{"GET", "HEAD", "GET", "GET"};
    std::string requests;
    for (const auto& method : methods)
        requests += method + " " + target + " HTTP/1.1\r\nHost: test\r\nCookie: mimamori_session=" + nurse.cookie + "\r\n\r\n";
    HttpConnection slow(port(), 4096);
    slow.send(requests);
    std::this_thread::sleep_for(300ms); // the server fills the small buffer and waits for the client
    for (const auto& method : methods) {
        auto got = slow.read_response(method == "HEAD");
        ASSERT_EQ(got.status, 200) << method << " " << got.body;
        EXPECT_EQ(got.header("Content-Length"), std::to_string(expected.body.size())) << method;
        if (method == "HEAD") EXPECT_EQ(got.body, "");
        else EXPECT_TRUE(got.body == expected.body) << method << ": " << got.body.size() << " bytes, expected "
                                                    << expected.body.size();
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_GE(cache().counts().page_hits, hits + methods.size());
    // The other viewer's slots read "false" in the same cached text.
    EXPECT_EQ(station.get(target).body, on(station, port_r).get(target).body);
}

TEST_F(ReadCache, BadInputIsRefusedAsBeforeWithACachedPage) {
    ASSERT_EQ(status_on(nurse, port()), 200);
    ASSERT_EQ(status_on(nurse, port()), 200);
    for (const char* query : {"?limit=0", "?limit=101", "?limit=x", "?before=-1", "?kind=bogus", "?profession=cook",
                              "?from=2026-02-30", "?from=2026-03-02&to=2026-03-01", "?q=a"}) {
        auto cached = nurse.get(memos_path(patient(), query));
        auto fresh = on(nurse, port_r).get(memos_path(patient(), query));
        EXPECT_EQ(cached.status, 400) << query << " " << cached.body;
        EXPECT_EQ(cached.body, fresh.body) << query;
    }
    EXPECT_EQ(nurse.get("/api/v1/patients/999999/memos").status, 403);
    EXPECT_EQ(nurse.get("/api/v1/patients/x/memos").status, on(nurse, port_r).get("/api/v1/patients/x/memos").status);
    // Kept apart per query: a filtered page is not the unfiltered one.
    post_memo(nurse, patient(), {{"kind", "no_change"}});
    EXPECT_NE(nurse.get(memos_path(patient(), "?kind=instruction")).body, nurse.get(memos_path(patient())).body);
}

} // namespace
} // namespace mimamori::test
