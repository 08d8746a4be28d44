// The demo's professional memos (assets/demo/memos.json, services/demo_memos.hpp): a newcomer
// who signs in as the demo nurse finds a few days of her patient's team at work -- visit
// records of several professions, an instruction waiting for her confirmation, 変化なし, the
// patient's ACP wishes and the emergency policy -- posted through the API's checks, dated back
// from the load, and loaded once. A memo the API would refuse stops the start with the reason.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <set>

#include "mimamori/common/japan_time.hpp"
#include "support/accounts.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

namespace fs = std::filesystem;
const fs::path k_demo = MIMAMORI_DEMO_DIR;

Json read_json(const fs::path& path) {
    std::ifstream in(path);
    return Json::parse(in);
}

std::string password_of(const std::string& login) {
    for (const auto& a : read_json(k_demo / "accounts.json"))
        if (a["login"] == login) return a["password"];
    return "";
}

class DemoMemos : public FreshDatabaseTest {
protected:
    server::Config config(const fs::path& dir = k_demo) {
        auto c = test_config(database().url());
        c.demo_data = dir;
        return c;
    }
};

// 山本 茂 is patient 2 (region.json's order).
TEST_F(DemoMemos, TheNursesPatientHasAWeekOfTheTeamsMemos) {
    auto server = start_server(config());
    const Session nurse = sign_in(server->port(), "chuo-nakamura", password_of("chuo-nakamura"));
    ASSERT_FALSE(nurse.cookie.empty());
    auto page = nurse.get("/api/v1/patients/2/memos");
    ASSERT_EQ(page.status, 200) << page.body;
    const Json memos = page.json()["memos"];
    ASSERT_EQ(memos.size(), 7u) << memos.dump();

    std::set<std::string> kinds, professions, days;
    for (const auto& m : memos) {
        kinds.insert(m["kind"].get<std::string>());
        professions.insert(m["author"]["profession"].get<std::string>());
        days.insert(m["created_at"].get<std::string>().substr(0, 10));
        EXPECT_EQ(m["edited"], false);
    }
    EXPECT_EQ(kinds, (std::set<std::string>{"visit_record", "instruction", "no_change", "acp_wishes", "emergency_policy"}));
    EXPECT_EQ(professions, (std::set<std::string>{"nurse", "care_manager", "helper"}));
    EXPECT_GE(days.size(), 5u) << "a few days apart";
    // Newest first, dated back from the load: the newest about three hours ago, the oldest six days.
    for (std::size_t i = 1; i < memos.size(); ++i)
        EXPECT_GT(memos[i - 1]["created_at"].get<std::string>(), memos[i]["created_at"].get<std::string>());
    const std::string today = japan_date(std::time(nullptr)).to_string();
    EXPECT_LE(memos.front()["created_at"].get<std::string>().substr(0, 10), today);
    EXPECT_EQ(memos.back()["created_at"].get<std::string>().substr(0, 10),
              japan_date(std::time(nullptr) - 8700 * 60).to_string());
    EXPECT_EQ(memos.back()["next_visit_date"], japan_date(std::time(nullptr)).add_days(1).to_string());

    // The instruction: confirmed by the care manager, waiting for the nurse (she is mentioned).
    const Json* instruction = nullptr;
    for (const auto& m : memos)
        if (m["kind"] == "instruction") instruction = &m;
    ASSERT_NE(instruction, nullptr);
    const Json& ack = (*instruction)["acknowledgement"];
    ASSERT_EQ(ack["acknowledged_by"].size(), 1u) << ack.dump();
    EXPECT_EQ(ack["acknowledged_by"][0]["name"], "石川 浩二") << ack.dump();
    EXPECT_EQ(ack["acknowledged_by_me"], false);
    bool nurse_pending = false;
    for (const auto& p : ack["pending"]) nurse_pending = nurse_pending || p["name"] == "中村 美穂";
    EXPECT_TRUE(nurse_pending) << ack.dump();
    ASSERT_EQ((*instruction)["mentions"].size(), 1u);
    EXPECT_EQ((*instruction)["mentions"][0]["login"], "chuo-nakamura");
    // She can confirm it as any instruction.
    auto confirmed = nurse.request("POST", "/api/v1/memos/" + std::to_string((*instruction)["id"].get<std::int64_t>()) +
                                               "/acknowledgements", Json{{"version", 1}});
    EXPECT_LT(confirmed.status, 300) << confirmed.body;

    // Loaded once: a restart adds nothing.
    const auto count = database().count_rows("memos");
    EXPECT_EQ(count, 12);
    server.reset();
    server = start_server(config());
    EXPECT_EQ(database().count_rows("memos"), count);
}

TEST_F(DemoMemos, AMemoTheApiWouldRefuseStopsTheStartWithTheReason) {
    char pattern[] = "/tmp/mimamori-demo-memos-XXXXXX";
    const fs::path dir = ::mkdtemp(pattern);
    for (const char* f : {"region.json", "accounts.json", "consent-paper-demo.pdf"}) fs::copy_file(k_demo / f, dir / f);
    auto refused = [&](const Json& memo, const std::string& expected) {
        std::ofstream(dir / "memos.json", std::ios::trunc) << Json{{"memos", Json::array({memo})}}.dump();
        server::Server server(config(dir));
        auto started = server.start();
        ASSERT_FALSE(started.ok()) << memo.dump();
        EXPECT_NE(started.error().message.find("memos.json: memos[0]"), std::string::npos) << started.error().message;
        EXPECT_NE(started.error().message.find(expected), std::string::npos) << started.error().message;
        EXPECT_EQ(database().count_rows("accounts"), 0);
        EXPECT_EQ(database().count_rows("memos"), 0);
    };
    // Not on 山本 茂's team.
    refused({{"patient", "山本 茂"}, {"author", "asuwa-yamada"}, {"minutes_ago", 10},
             {"memo", {{"kind", "visit_record"}, {"text", "訪問しました"}}}},
            "asuwa-yamada may not write");
    // An instruction carries no next visit (common/memo.hpp).
    refused({{"patient", "山本 茂"}, {"author", "yukiwari-hasegawa"}, {"minutes_ago", 10},
             {"memo", {{"kind", "instruction"}, {"text", "体重を記録してください"}, {"next_visit_in_days", 3}}}},
            "next_visit_date");
    // A mention of someone outside the team.
    refused({{"patient", "山本 茂"}, {"author", "yukiwari-hasegawa"}, {"minutes_ago", 10},
             {"memo", {{"kind", "visit_record"}, {"text", "@asuwa-yamada 確認してください"}}}},
            "asuwa-yamada");
    // The author confirming their own instruction.
    refused({{"patient", "山本 茂"}, {"author", "yukiwari-hasegawa"}, {"minutes_ago", 10},
             {"memo", {{"kind", "instruction"}, {"text", "体重を記録してください"}}}, {"acknowledged_by", {"yukiwari-hasegawa"}}},
            "yukiwari-hasegawa:");
    refused({{"patient", "だれ でもない"}, {"author", "yukiwari-hasegawa"}, {"minutes_ago", 10},
             {"memo", {{"kind", "no_change"}}}},
            "\"patient\"");
    refused({{"patient", "山本 茂"}, {"author", "yukiwari-hasegawa"}, {"memo", {{"kind", "no_change"}}}}, "minutes_ago");
    fs::remove_all(dir);
}

} // namespace
} // namespace mimamori::test
