// The professional timeline over real HTTP (issue 5): posting, editing with history, retraction,
// read receipts, acknowledgements, mentions, search, unread counts, and who may do any of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>

#include "event_support.hpp"
#include "files_support.hpp"
#include "support/child_process.hpp"
#include "mimamori/common/japan_time.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class MemoApi : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        region = create_memo_region(database());
        nurse = sign_in(port(), "user");
        station = sign_in(port(), "station-nurse");
    }
    std::int64_t patient() const { return region.care.patient; }
    // Row counts of every issue-5 table: a refused request stores nothing.
    std::string memo_counts() {
        std::string all;
        for (const char* t : {"memos", "memo_versions", "memo_reads", "memo_acknowledgements", "memo_mentions",
                              "memo_read_state", "patient_memo_counts", "events"})
            all += database().query_value(std::string("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                                                      "ORDER BY t::text)), '') FROM ") + t + " t") + ";";
        return all;
    }
    std::int64_t audit_count(const std::string& action, std::int64_t patient_id) {
        return std::stoll(database().query_value("SELECT count(*) FROM audit_log WHERE action = '" + action +
                                                 "' AND patient_id = " + std::to_string(patient_id) + " AND result = 'ok'"));
    }
    MemoRegion region;
    Session nurse;
    Session station;
};

TEST_F(MemoApi, TheSmallestPostAndTheTimeline) {
    auto memo = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "仙骨部に褥瘡あり。体位変換を継続"}});
    ASSERT_TRUE(memo.is_object());
    EXPECT_EQ(memo["kind"], "visit_record");
    EXPECT_EQ(memo["text"], "仙骨部に褥瘡あり。体位変換を継続");
    EXPECT_EQ(memo["patient_id"], patient());
    EXPECT_EQ(memo["author"]["id"], region.care.master.accounts.at(Role::FacilityUser));
    EXPECT_EQ(memo["author"]["profession"], "nurse");
    EXPECT_EQ(memo["author"]["facility_id"], region.care.master.a);
    EXPECT_EQ(memo["version"], 1);
    EXPECT_EQ(memo["edited"], false);
    EXPECT_TRUE(memo["retraction"].is_null());
    EXPECT_TRUE(memo["read_by"].empty());
    EXPECT_EQ(memo["read_by_me"], true); // its writer has read it
    EXPECT_EQ(audit_count("memo.create", patient()), 1);

    post_memo(station, patient(), {{"kind", "no_change"}});
    auto page = station.get(memos_path(patient()));
    ASSERT_EQ(page.status, 200) << page.body;
    auto memos = page.json()["memos"];
    ASSERT_EQ(memos.size(), 2u);
    EXPECT_EQ(memos[0]["kind"], "no_change"); // newest first
    EXPECT_EQ(memos[0]["text"], "変化なし");   // the one-tap default
    EXPECT_EQ(memos[0]["policy_changed"], false);
    EXPECT_EQ(memos[1]["id"], memo["id"]);
    EXPECT_EQ(memos[1]["read_by_me"], false);
    EXPECT_TRUE(page.json()["next_before"].is_null());
    EXPECT_EQ(audit_count("memo.list", patient()), 1);
}

TEST_F(MemoApi, EveryKindWithItsFields) {
    auto visit = post_memo(nurse, patient(), {{"kind", "visit_record"},
                                              {"text", "訪問"},
                                              {"next_visit_date", japan_date(std::time(nullptr)).add_days(7).to_string()},
                                              {"policy_changed", true},
                                              {"policy_change_summary", "疼痛時の頓用を追加"},
                                              {"care_points", "体位変換2時間毎"}});
    EXPECT_EQ(visit["policy_change_summary"], "疼痛時の頓用を追加");
    EXPECT_EQ(visit["care_points"], "体位変換2時間毎");
    EXPECT_TRUE(visit["record_gaps"].empty());
    auto acp = post_memo(nurse, patient(), {{"kind", "acp_wishes"}, {"acp_wishes", "自宅で最期を迎えたい"}});
    EXPECT_EQ(acp["acp_wishes"], "自宅で最期を迎えたい");
    auto emergency = post_memo(nurse, patient(), {{"kind", "emergency_policy"}, {"emergency_policy", "救急搬送は希望しない"}});
    EXPECT_EQ(emergency["emergency_policy"], "救急搬送は希望しない");
    auto monthly = post_memo(nurse, patient(), {{"kind", "monthly_resident_record"}, {"text", "BP 130/80"},
                                                {"emergency_policy", "主治医へ連絡"}});
    EXPECT_EQ(monthly["kind"], "monthly_resident_record");
    auto instruction = post_memo(nurse, patient(), {{"kind", "instruction"}, {"text", "明日採血をお願いします"}});
    EXPECT_EQ(instruction["acknowledgement"]["version"], 1);
    // Filters: kind, writer, profession, date.
    auto only = nurse.get(memos_path(patient(), "?kind=acp_wishes")).json()["memos"];
    ASSERT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0]["id"], acp["id"]);
    post_memo(station, patient(), {{"kind", "no_change"}});
    auto by_station = nurse.get(memos_path(patient(), "?writer=" + std::to_string(region.care.station_nurse))).json()["memos"];
    ASSERT_EQ(by_station.size(), 1u);
    EXPECT_EQ(nurse.get(memos_path(patient(), "?profession=doctor")).json()["memos"].size(), 0u);
    EXPECT_EQ(nurse.get(memos_path(patient(), "?profession=nurse")).json()["memos"].size(), 6u);
    const std::string today = japan_date(std::time(nullptr)).to_string();
    const std::string yesterday = japan_date(std::time(nullptr)).add_days(-1).to_string();
    EXPECT_EQ(nurse.get(memos_path(patient(), "?from=" + today + "&to=" + today)).json()["memos"].size(), 6u);
    EXPECT_EQ(nurse.get(memos_path(patient(), "?to=" + yesterday)).json()["memos"].size(), 0u);
}

TEST_F(MemoApi, BadInputIsAClearErrorAndStoresNothing) {
    const auto before = memo_counts();
    struct Case {
        Json body;
        std::string field;
    };
    const std::string far = japan_date(std::time(nullptr)).add_days(400).to_string();
    const std::vector<Case> cases = {
        {{{"kind", "visit_record"}, {"text", ""}}, "text"},
        {{{"kind", "visit_record"}, {"text", "   "}}, "text"},
        {{{"kind", "visit_record"}}, "text"},
        {{{"kind", "visit_record"}, {"text", std::string(10001, 'a')}}, "text"},
        {{{"kind", "diary"}, {"text", "a"}}, "kind"},
        {{{"text", "a"}}, "kind"},
        {{{"kind", "visit_record"}, {"text", "a"}, {"next_visit_date", "2024-02-30"}}, "next_visit_date"},
        {{{"kind", "visit_record"}, {"text", "a"}, {"next_visit_date", "tomorrow"}}, "next_visit_date"},
        {{{"kind", "visit_record"}, {"text", "a"}, {"next_visit_date", far}}, "next_visit_date"},
        {{{"kind", "instruction"}, {"text", "a"}, {"next_visit_date", japan_date(std::time(nullptr)).to_string()}}, "next_visit_date"},
        {{{"kind", "instruction"}, {"text", "a"}, {"acp_wishes", "x"}}, "acp_wishes"},
        {{{"kind", "visit_record"}, {"text", "a"}, {"policy_changed", true}}, "policy_change_summary"},
        {{{"kind", "no_change"}, {"policy_changed", true}}, "policy_changed"},
        {{{"kind", "acp_wishes"}, {"text", "a"}}, "acp_wishes"},
        {{{"kind", "visit_record"}, {"text", "a"}, {"colour", "red"}}, "colour"},
        {{{"kind", "visit_record"}, {"text", "@nobody-here 確認を"}}, "text"},
        {{{"kind", "visit_record"}, {"text", "@outsider 確認を"}}, "text"}, // not in the team
        {{{"kind", "visit_record"}, {"text", "a"}, {"attachments", {"999999"}}}, "attachments[0]"},
        {{{"kind", "visit_record"}, {"text", "a"}, {"attachments", {"x y"}}}, "attachments[0]"},
    };
    for (const auto& c : cases) {
        auto r = nurse.request("POST", memos_path(patient()), c.body);
        EXPECT_EQ(r.status, 400) << c.body.dump() << " " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], c.field) << c.body.dump() << " " << r.body;
        EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
    }
    // Not JSON, not an object, the wrong type.
    EXPECT_EQ(nurse.request("POST", memos_path(patient()), nullptr, {{"Content-Type", "application/json"}}).status, 400);
    EXPECT_EQ(nurse.request("POST", memos_path(patient()), Json::array()).status, 400);
    EXPECT_EQ(nurse.request("POST", memos_path(patient()), {{"kind", "visit_record"}, {"text", 5}}).status, 400);
    // Bad queries of the timeline.
    for (const char* q : {"?limit=0", "?limit=101", "?limit=x", "?before=-1", "?kind=diary", "?profession=wizard",
                          "?from=2024-13-01", "?from=2024-06-02&to=2024-06-01", "?q=a", "?q=%E8%A4%A5", "?writer=abc"})
        EXPECT_EQ(nurse.get(memos_path(patient(), q)).status, 400) << q;
    EXPECT_EQ(memo_counts(), before);
}

TEST_F(MemoApi, EditKeepsEveryVersionAndRetractionLeavesATrace) {
    auto memo = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "褥瘡あり"}});
    const auto id = memo["id"].get<std::int64_t>();
    auto edited = nurse.request("PUT", memo_path(id), {{"kind", "visit_record"}, {"text", "仙骨部に褥瘡あり"}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    auto m = edited.json()["memo"];
    EXPECT_EQ(m["version"], 2);
    EXPECT_EQ(m["edited"], true);
    EXPECT_EQ(m["text"], "仙骨部に褥瘡あり");
    ASSERT_EQ(m["versions"].size(), 2u);
    EXPECT_EQ(m["versions"][0]["content"]["text"], "褥瘡あり"); // the old one stays
    EXPECT_EQ(m["versions"][1]["number"], 2);
    EXPECT_EQ(m["versions"][1]["editor"]["id"], region.care.master.accounts.at(Role::FacilityUser));

    // Refused edits: the same content, another kind, someone else's memo, bad content.
    EXPECT_EQ(nurse.request("PUT", memo_path(id), {{"kind", "visit_record"}, {"text", "仙骨部に褥瘡あり"}}).status, 400);
    auto kind = nurse.request("PUT", memo_path(id), {{"kind", "instruction"}, {"text", "x"}});
    EXPECT_EQ(kind.status, 400);
    EXPECT_EQ(kind.json()["error"]["field"], "kind");
    EXPECT_EQ(station.request("PUT", memo_path(id), {{"kind", "visit_record"}, {"text", "書き換え"}}).status, 403);
    EXPECT_EQ(nurse.request("PUT", memo_path(id), {{"kind", "visit_record"}, {"text", ""}}).status, 400);

    // Retraction needs a reason; someone else cannot; it stays visible, marked.
    EXPECT_EQ(nurse.request("POST", memo_path(id, "/retraction"), {{"reason", ""}}).status, 400);
    EXPECT_EQ(nurse.request("POST", memo_path(id, "/retraction"), Json::object()).status, 400);
    EXPECT_EQ(station.request("POST", memo_path(id, "/retraction"), {{"reason", "誤り"}}).status, 403);
    auto retracted = nurse.request("POST", memo_path(id, "/retraction"), {{"reason", " 別の患者に投稿したため "}});
    ASSERT_EQ(retracted.status, 200) << retracted.body;
    EXPECT_EQ(retracted.json()["memo"]["retraction"]["reason"], "別の患者に投稿したため");
    EXPECT_EQ(retracted.json()["memo"]["retraction"]["by"]["id"], region.care.master.accounts.at(Role::FacilityUser));
    EXPECT_EQ(nurse.request("POST", memo_path(id, "/retraction"), {{"reason", "again"}}).status, 409);
    EXPECT_EQ(nurse.request("PUT", memo_path(id), {{"kind", "visit_record"}, {"text", "後から"}}).status, 409);
    auto shown = station.get(memos_path(patient())).json()["memos"];
    ASSERT_EQ(shown.size(), 1u); // nothing is silently deleted
    EXPECT_EQ(shown[0]["retraction"]["reason"], "別の患者に投稿したため");
    auto detail = station.get(memo_path(id));
    ASSERT_EQ(detail.status, 200);
    EXPECT_EQ(detail.json()["memo"]["versions"].size(), 2u);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM memo_versions WHERE memo_id = " + std::to_string(id)), "2");
    EXPECT_EQ(audit_count("memo.update", patient()), 1);
    EXPECT_EQ(audit_count("memo.retract", patient()), 1);
    EXPECT_EQ(audit_count("memo.read", patient()), 1);
}

TEST_F(MemoApi, ReadReceiptsAndUnreadCounts) {
    auto a = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "一つ目"}});
    auto b = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "二つ目"}});
    auto own = post_memo(station, patient(), {{"kind", "no_change"}});
    auto unread = [&](const Session& s) {
        const Json mine = s.get("/api/v1/my/patients").json();
        for (const auto& p : mine["patients"])
            if (p["id"] == patient()) return p["unread"].get<std::int64_t>();
        return std::int64_t{-1};
    };
    EXPECT_EQ(unread(station), 2);
    EXPECT_EQ(unread(nurse), 1);
    EXPECT_EQ(station.get("/api/v1/my/unread").json()["total"], 2);

    // The app shows a, b and the station's own memo: the receipt records a and b.
    auto r = station.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {a["id"], b["id"], own["id"]}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["recorded"].size(), 2u);
    EXPECT_EQ(unread(station), 0);
    // Again: nothing new, the first read time stays.
    auto again = station.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {a["id"]}}});
    EXPECT_EQ(again.json()["recorded"].size(), 0u);
    EXPECT_EQ(unread(station), 0);

    auto page = nurse.get(memos_path(patient())).json()["memos"];
    for (const auto& m : page) {
        if (m["id"] == own["id"]) continue;
        ASSERT_EQ(m["read_by"].size(), 1u) << m.dump();
        EXPECT_EQ(m["read_by"][0]["id"], region.care.station_nurse);
        EXPECT_FALSE(m["read_by"][0]["at"].get<std::string>().empty());
    }

    // A memo of another patient, one that does not exist, a malformed list: an error, nothing stored.
    const auto before = memo_counts();
    insert_consent(database(), region.care.other_patient);
    auto other_team = insert_team(database(), "別チーム", region.care.other_patient);
    insert_member(database(), other_team, region.care.outsider, region.care.third, "visiting_nurse");
    auto elsewhere = post_memo(sign_in(port(), "outsider"), region.care.other_patient, {{"kind", "no_change"}});
    const auto after_elsewhere = memo_counts();
    auto foreign = station.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {a["id"], elsewhere["id"]}}});
    EXPECT_EQ(foreign.status, 404) << foreign.body;
    EXPECT_EQ(foreign.json()["error"]["field"], "memo_ids[1]");
    EXPECT_EQ(station.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {987654}}}).status, 404);
    for (const Json& bad : {Json{{"memo_ids", Json::array()}}, Json{{"memo_ids", {"1"}}}, Json{{"memo_ids", {0}}},
                            Json::object(), Json{{"memo_ids", {a["id"]}}, {"extra", 1}}})
        EXPECT_EQ(station.request("POST", memos_path(patient(), "/reads"), bad).status, 400) << bad.dump();
    Json many = Json::array();
    for (int i = 0; i < 201; ++i) many.push_back(a["id"]);
    EXPECT_EQ(station.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", many}}).status, 400);
    // An account that may not see the patient: 403, nothing stored.
    EXPECT_EQ(sign_in(port(), "outsider").request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {a["id"]}}}).status, 403);
    EXPECT_NE(before, after_elsewhere);
    EXPECT_EQ(memo_counts(), after_elsewhere);
}

TEST_F(MemoApi, InstructionsAreAcknowledgedAndThePendingListed) {
    auto memo = post_memo(nurse, patient(), {{"kind", "instruction"}, {"text", "明日採血をお願いします"}});
    const auto id = memo["id"].get<std::int64_t>();
    ASSERT_EQ(memo["acknowledgement"]["pending"].size(), 1u);
    EXPECT_EQ(memo["acknowledgement"]["pending"][0]["id"], region.care.station_nurse);

    EXPECT_EQ(nurse.request("POST", memo_path(id, "/acknowledgements"), {{"version", 1}}).status, 400); // its author
    EXPECT_EQ(station.request("POST", memo_path(id, "/acknowledgements"), {{"version", 2}}).status, 409);
    EXPECT_EQ(station.request("POST", memo_path(id, "/acknowledgements"), {{"version", "1"}}).status, 400);
    EXPECT_EQ(station.request("POST", memo_path(id, "/acknowledgements"), Json::object()).status, 400);
    auto ok = station.request("POST", memo_path(id, "/acknowledgements"), {{"version", 1}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto ack = ok.json()["memo"]["acknowledgement"];
    EXPECT_EQ(ack["pending"].size(), 0u);
    ASSERT_EQ(ack["acknowledged_by"].size(), 1u);
    EXPECT_EQ(ack["acknowledged_by"][0]["id"], region.care.station_nurse);
    EXPECT_EQ(ack["acknowledged_by_me"], true);
    EXPECT_EQ(station.request("POST", memo_path(id, "/acknowledgements"), {{"version", 1}}).status, 200); // again: fine

    // An edit asks again.
    ASSERT_EQ(nurse.request("PUT", memo_path(id), {{"kind", "instruction"}, {"text", "明後日採血をお願いします"}}).status, 200);
    auto after = nurse.get(memo_path(id)).json()["memo"]["acknowledgement"];
    EXPECT_EQ(after["version"], 2);
    EXPECT_EQ(after["pending"].size(), 1u);
    EXPECT_EQ(after["acknowledged_by"].size(), 0u);

    // Only instructions are acknowledged.
    auto visit = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "訪問"}});
    EXPECT_EQ(station.request("POST", memo_path(visit["id"].get<std::int64_t>(), "/acknowledgements"), {{"version", 1}}).status, 400);
}

TEST_F(MemoApi, MentionsOfTeamMembers) {
    auto r = nurse.request("POST", memos_path(patient()), {{"kind", "visit_record"}, {"text", "@station-nurse 褥瘡の処置をお願いします"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto m = r.json()["memo"];
    ASSERT_EQ(m["mentions"].size(), 1u);
    EXPECT_EQ(m["mentions"][0]["id"], region.care.station_nurse);
    EXPECT_EQ(m["mentions"][0]["login"], "station-nurse");
    auto mine = station.get("/api/v1/my/mentions");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_GE(mine.json()["memos"].size(), 1u);
    EXPECT_EQ(mine.json()["memos"][0]["id"], m["id"]);
    EXPECT_EQ(nurse.get("/api/v1/my/mentions").json()["memos"].size(), 0u);
    // An edit that names someone new mentions them from its version on.
    auto edited = nurse.request("PUT", memo_path(m["id"].get<std::int64_t>()),
                                {{"kind", "visit_record"}, {"text", "@station-nurse 褥瘡の処置を。＠ｕｓｅｒ 記録を"}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(edited.json()["memo"]["mentions"].size(), 2u);
}

TEST_F(MemoApi, SearchFindsTwoCharacterJapaneseWords) {
    auto a = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "仙骨部に褥瘡あり。体位変換を継続"}});
    auto b = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "37.8度の発熱、吸引を実施"}});
    post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "褥、瘡部の観察"}}); // both bigrams, not the word
    auto c = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "特記なし"}, {"care_points", "褥瘡予防のマット"}});
    auto ids = [](const Json& memos) {
        std::vector<std::int64_t> out;
        for (const auto& m : memos) out.push_back(m["id"].get<std::int64_t>());
        return out;
    };
    auto found = nurse.get(memos_path(patient(), "?q=" + std::string("%E8%A4%A5%E7%98%A1"))); // 褥瘡
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(ids(found.json()["memos"]), (std::vector<std::int64_t>{c["id"], a["id"]}));
    EXPECT_EQ(ids(nurse.get(memos_path(patient(), "?q=%E7%99%BA%E7%86%B1")).json()["memos"]), // 発熱
              (std::vector<std::int64_t>{b["id"]}));
    // Two terms: both must be there.
    EXPECT_EQ(ids(nurse.get(memos_path(patient(), "?q=%E8%A4%A5%E7%98%A1%20%E7%B6%99%E7%B6%9A")).json()["memos"]), // 褥瘡 継続
              (std::vector<std::int64_t>{a["id"]}));
    // Across my patients.
    auto mine = station.get("/api/v1/my/memos?q=%E8%A4%A5%E7%98%A1");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(ids(mine.json()["memos"]), (std::vector<std::int64_t>{c["id"], a["id"]}));
    EXPECT_EQ(audit_count("memo.search_mine", patient()), 1);
    // Someone outside the team finds nothing of this patient.
    auto outsider = sign_in(port(), "outsider").get("/api/v1/my/memos?q=%E8%A4%A5%E7%98%A1");
    ASSERT_EQ(outsider.status, 200);
    EXPECT_TRUE(outsider.json()["memos"].empty());
    // An edit moves the index with it.
    ASSERT_EQ(nurse.request("PUT", memo_path(b["id"].get<std::int64_t>()), {{"kind", "visit_record"}, {"text", "褥瘡の処置"}}).status, 200);
    EXPECT_EQ(ids(nurse.get(memos_path(patient(), "?q=%E7%99%BA%E7%86%B1")).json()["memos"]).size(), 0u);
    EXPECT_EQ(ids(nurse.get(memos_path(patient(), "?q=%E8%A4%A5%E7%98%A1")).json()["memos"]).size(), 3u);
}

TEST_F(MemoApi, AttachmentsAreFinishedUploadsOfThePatient) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(patient(), "褥瘡.jpg"), sample::jpeg(), url).status, 204);
    const std::string upload = url.substr(url.rfind('/') + 1);
    // Someone else's upload cannot be attached.
    auto theirs = station.request("POST", memos_path(patient()), {{"kind", "visit_record"}, {"text", "写真"},
                                                                  {"attachments", {upload}}});
    EXPECT_EQ(theirs.status, 400);
    EXPECT_EQ(theirs.json()["error"]["field"], "attachments[0]");
    auto memo = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "写真を添付"}, {"attachments", {upload}}});
    ASSERT_EQ(memo["attachments"].size(), 1u);
    EXPECT_EQ(memo["attachments"][0]["name"], "褥瘡.jpg");
    EXPECT_EQ(memo["attachments"][0]["url"], "/api/v1/files/" + upload);
    // It belongs to the memo now: a second memo cannot take it; the team downloads it.
    EXPECT_EQ(nurse.request("POST", memos_path(patient()), {{"kind", "visit_record"}, {"text", "再び"},
                                                            {"attachments", {upload}}}).status, 400);
    EXPECT_EQ(database().query_value("SELECT owner_kind || ':' || owner_id FROM files WHERE id = " + upload),
              "memo:" + memo["id"].dump());
    EXPECT_EQ(get_file(station, "/api/v1/files/" + upload).status, 200);
    // An edit may keep it.
    auto edited = nurse.request("PUT", memo_path(memo["id"].get<std::int64_t>()),
                                {{"kind", "visit_record"}, {"text", "写真を添付（部位を追記）"}, {"attachments", {upload}}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(edited.json()["memo"]["attachments"].size(), 1u);
}

TEST_F(MemoApi, PagesWalkThousandsNewestFirst) {
    // 1,200 memos straight into the database, then pages of 100 by the cursor.
    const auto author = region.care.master.accounts.at(Role::FacilityUser);
    database().exec("INSERT INTO memos (patient_id, kind, author_id, author_profession, content, search_text, search_bigrams) "
                    "SELECT " + std::to_string(patient()) + ", 'no_change', " + std::to_string(author) +
                    ", 'nurse', jsonb_build_object('kind', 'no_change', 'text', '変化なし ' || g), '変化なし ' || g, '{}' "
                    "FROM generate_series(1, 1200) g");
    std::vector<std::int64_t> seen;
    std::string cursor;
    for (int page = 0; page < 20; ++page) {
        auto r = nurse.get(memos_path(patient(), "?limit=100" + (cursor.empty() ? "" : "&before=" + cursor)));
        ASSERT_EQ(r.status, 200) << r.body;
        const Json body = r.json();
        for (const auto& m : body["memos"]) seen.push_back(m["id"].get<std::int64_t>());
        if (body["next_before"].is_null()) break;
        cursor = std::to_string(body["next_before"].get<std::int64_t>());
    }
    ASSERT_EQ(seen.size(), 1200u);
    EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
    EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

// The timeline page is written straight into a string (http::JsonWriter) and read without
// BEGIN/COMMIT (RouteOptions::autocommit): text that needs escaping arrives as it was posted, the
// page holds what GET /api/v1/memos/{id} says of each memo, every page is its own access-log
// entry in a chain that still verifies, and a membership ended a moment ago refuses the very
// next page (the facts are read by each request, never cached).
TEST_F(MemoApi, TheTimelinePageIsExactLoggedAndDecidedOnFreshFacts) {
    const std::string tricky = "引用符\"と\\円記号、改行\nタブ\t</script> 😀";
    auto posted = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", tricky}, {"care_points", "体位変換"}});
    ASSERT_TRUE(posted.is_object());
    post_memo(station, patient(), {{"kind", "instruction"}, {"text", "@user 吸引の指示"}});
    auto read = station.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {posted["id"]}}});
    ASSERT_EQ(read.status, 200) << read.body;

    const auto lists_before = audit_count("memo.list", patient());
    auto page = nurse.get(memos_path(patient()));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.header("Cache-Control").value_or(""), "no-store");
    EXPECT_EQ(page.header("Content-Type").value_or(""), "application/json; charset=utf-8");
    auto memos = page.json()["memos"];
    ASSERT_EQ(memos.size(), 2u);
    EXPECT_EQ(memos[1]["text"], tricky);
    EXPECT_EQ(memos[1]["care_points"], "体位変換");
    EXPECT_EQ(memos[1]["read_by"].size(), 1u);
    for (const auto& memo : memos) {
        auto one = nurse.get(memo_path(memo["id"].get<std::int64_t>())).json()["memo"];
        one.erase("versions");
        EXPECT_EQ(memo, one) << memo.dump();
    }
    for (int i = 0; i < 3; ++i) ASSERT_EQ(nurse.get(memos_path(patient(), "?limit=1")).status, 200);
    EXPECT_EQ(audit_count("memo.list", patient()), lists_before + 4);
    ChildProcess verifier(verify_audit_binary(), {"--database-url", database().url()});
    while (verifier.read_stdout_line(20s)) {
    }
    EXPECT_EQ(verifier.wait_for_exit().value_or(-1), 0);

    const auto nurse_id = std::to_string(region.care.master.accounts.at(Role::FacilityUser));
    database().exec("UPDATE team_members SET left_at = now() WHERE account_id = " + nurse_id);
    auto refused = nurse.get(memos_path(patient()));
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.error_code(), "forbidden");
    EXPECT_EQ(audit_count("memo.list", patient()), lists_before + 4);
    database().exec("UPDATE team_members SET left_at = NULL WHERE account_id = " + nurse_id);
    EXPECT_EQ(nurse.get(memos_path(patient())).status, 200);
}

TEST_F(MemoApi, OnlyTheTeamWithConsentAndNeverTheFamily) {
    auto memo = post_memo(nurse, patient(), {{"kind", "visit_record"}, {"text", "訪問"}});
    const auto id = memo["id"].get<std::int64_t>();
    const auto before = memo_counts();
    for (const char* login : {"outsider", "pharmacist", "manager", "admin", "secretariat", "family"}) {
        auto s = sign_in(port(), login);
        EXPECT_EQ(s.get(memos_path(patient())).status, 403) << login;
        EXPECT_EQ(s.request("POST", memos_path(patient()), {{"kind", "no_change"}}).status, 403) << login;
        EXPECT_EQ(s.get(memo_path(id)).status, 403) << login;
        EXPECT_EQ(s.request("POST", memo_path(id, "/acknowledgements"), {{"version", 1}}).status, 403) << login;
        EXPECT_EQ(s.request("POST", memos_path(patient(), "/reads"), {{"memo_ids", {id}}}).status, 403) << login;
    }
    auto family = sign_in(port(), "family");
    EXPECT_EQ(family.get("/api/v1/my/memos").status, 403);
    EXPECT_EQ(family.get("/api/v1/my/unread").json()["total"], 0);
    // A memo id that does not exist is refused like one the caller may not see.
    EXPECT_EQ(nurse.get(memo_path(987654)).status, 403);
    EXPECT_EQ(memo_counts(), before);
    EXPECT_GE(std::stoll(database().query_value("SELECT count(*) FROM audit_log WHERE result = 'denied' AND patient_id = " +
                                               std::to_string(patient()))), 20);

    // Before consent nothing is shared; after withdrawal the team reads but writes nothing.
    const auto other = region.care.other_patient;
    auto team = insert_team(database(), "別チーム", other);
    insert_member(database(), team, region.care.master.accounts.at(Role::FacilityUser), region.care.master.a, "visiting_nurse");
    EXPECT_EQ(nurse.get(memos_path(other)).status, 403);
    EXPECT_EQ(nurse.request("POST", memos_path(other), {{"kind", "no_change"}}).status, 403);
    database().exec("UPDATE consents SET withdrawn_at = now() WHERE id = " + std::to_string(region.consent));
    EXPECT_EQ(nurse.get(memos_path(patient())).status, 200);
    EXPECT_EQ(nurse.request("POST", memos_path(patient()), {{"kind", "no_change"}}).status, 403);
    EXPECT_EQ(nurse.request("PUT", memo_path(id), {{"kind", "visit_record"}, {"text", "x"}}).status, 403);
}

} // namespace
} // namespace mimamori::test
