// Fee-rule evidence over real HTTP (issue 5, DESIGN.md §6): constructed months in which each
// condition of 在宅医療情報連携加算 holds and fails, the edge days of the 90-day window, special
// relationships, 協力医療機関連携加算 for a nursing home, the CSV, and who may see any of it.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "event_support.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

const std::string k_month = "2024-06";

// Runs an INSERT ... RETURNING id, committed.
std::int64_t insert_id(const TestDatabase& db, const std::string& sql) {
    pqxx::connection c(db.url());
    pqxx::work tx(c);
    auto id = tx.exec1(sql)[0].as<std::int64_t>();
    tx.commit();
    return id;
}

class FeeEvidence : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        clinic = care.master.a;
        doctor = care.master.accounts.at(Role::FacilityManager); // a doctor of the clinic
        for (int i = 0; i < 4; ++i) {
            others.push_back(create_facility(database(), "連携先" + std::to_string(i)));
            other_staff.push_back(create_account(database(), {.login = "linked" + std::to_string(i),
                                                              .affiliations = {{others.back(), false}}}));
        }
    }

    // A patient of the clinic cared for by its doctor and the station's nurse since January.
    std::int64_t patient(const std::string& name, bool consent = true) {
        auto p = insert_patient(database(), clinic, name, "テスト " + name);
        auto team = insert_team(database(), name + "のチーム", p);
        insert_member(database(), team, doctor, clinic, "attending_doctor", "'2024-01-01'");
        insert_member(database(), team, care.station_nurse, care.station, "visiting_nurse", "'2024-01-01'");
        if (consent) {
            auto c = insert_consent(database(), p);
            database().exec("UPDATE consents SET recorded_at = '2024-01-05 10:00+09' WHERE id = " + std::to_string(c));
        }
        teams[p] = team;
        return p;
    }
    // Four more facilities in a team with the clinic: with the station, five linked institutions.
    void link_others(std::int64_t p) {
        for (std::size_t i = 0; i < others.size(); ++i)
            insert_member(database(), teams[p], other_staff[i], others[i], "helper", "'2024-01-01'");
    }
    // A memo written at `at` (Japan time, "2024-06-10 10:00").
    std::int64_t memo(std::int64_t p, std::int64_t author, const std::string& profession, std::int64_t facility,
                      const std::string& kind, const std::string& at, const Json& fields = Json::object()) {
        Json content = {{"kind", kind}, {"text", "記録"}};
        for (auto it = fields.begin(); it != fields.end(); ++it) content[it.key()] = *it;
        return insert_id(database(),
            "INSERT INTO memos (patient_id, kind, author_id, author_profession, facility_id, created_at, content, "
            "search_text, search_bigrams) VALUES (" + std::to_string(p) + ", '" + kind + "', " + std::to_string(author) +
            ", '" + profession + "', " + std::to_string(facility) + ", '" + at + "+09', '" + content.dump() +
            "', '', '{}') RETURNING id");
    }
    void read(std::int64_t memo_id, std::int64_t reader, const std::string& at) {
        database().exec("INSERT INTO memo_reads (memo_id, account_id, read_at) VALUES (" + std::to_string(memo_id) + ", " +
                        std::to_string(reader) + ", '" + at + "+09')");
    }
    std::int64_t visit(std::int64_t p, const std::string& at, bool complete = true) {
        Json fields = complete ? Json{{"next_visit_date", "2024-06-24"}, {"policy_changed", false}} : Json::object();
        return memo(p, doctor, "doctor", clinic, "visit_record", at, fields);
    }
    std::int64_t nurse_record(std::int64_t p, const std::string& at) {
        return memo(p, care.station_nurse, "nurse", care.station, "no_change", at);
    }
    Json evidence(const Session& s, const std::string& query = "?month=" + k_month) {
        auto r = s.get("/api/v1/facilities/" + std::to_string(clinic) + "/fee-evidence/home-care" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    static const Json& of(const Json& report, std::int64_t patient) {
        for (const auto& p : report["patients"])
            if (p["patient_id"] == patient) return p;
        static const Json none;
        ADD_FAILURE() << "patient " << patient << " not in the report";
        return none;
    }
    static bool met(const Json& p, const std::string& condition) {
        for (const auto& c : p["conditions"])
            if (c["condition"] == condition) return c["met"].get<bool>();
        ADD_FAILURE() << "no condition " << condition;
        return false;
    }
    static std::string first_code(const Json& p, const std::string& condition) {
        for (const auto& c : p["conditions"])
            if (c["condition"] == condition && !c["findings"].empty()) return c["findings"][0]["code"];
        return "";
    }

    CareRegion care;
    std::int64_t clinic = 0;
    std::int64_t doctor = 0;
    std::vector<std::int64_t> others;
    std::vector<std::int64_t> other_staff;
    std::map<std::int64_t, std::int64_t> teams;
};

TEST_F(FeeEvidence, EachConditionOfHomeCareMetAndUnmet) {
    const auto ok = patient("全部あり");
    link_others(ok);
    const auto v1 = visit(ok, "2024-06-10 10:00");
    const auto r1 = nurse_record(ok, "2024-03-12 09:00"); // 90 days before the visit's day: counts
    read(r1, doctor, "2024-06-09 20:00");

    const auto no_consent = patient("同意なし", false);
    visit(no_consent, "2024-06-10 10:00");

    const auto gaps = patient("項目不足");
    visit(gaps, "2024-06-10 10:00", false);
    const auto old = nurse_record(gaps, "2024-03-11 23:59"); // 91 days before: does not count
    read(old, doctor, "2024-06-01 09:00");

    const auto no_visit = patient("訪問なし");
    visit(no_visit, "2024-05-31 23:59"); // the day before the month
    nurse_record(no_visit, "2024-06-02 10:00");

    const auto late_read = patient("後から既読");
    visit(late_read, "2024-06-10 10:00");
    const auto after = nurse_record(late_read, "2024-06-05 10:00");
    read(after, doctor, "2024-06-10 10:01"); // read after the visit: not obtained at it
    const auto own = memo(late_read, care.master.accounts.at(Role::FacilityUser), "nurse", clinic, "no_change",
                          "2024-06-05 11:00");
    read(own, doctor, "2024-06-06 09:00"); // the clinic's own memo never counts

    auto report = evidence(sign_in(port(), "user"));
    EXPECT_EQ(report["month"], k_month);
    EXPECT_EQ(report["facility_id"], clinic);

    const auto& a = of(report, ok);
    EXPECT_TRUE(a["claimable"]) << a.dump(1);
    ASSERT_EQ(a["visits"].size(), 1u);
    EXPECT_EQ(a["visits"][0]["memo_id"], v1);
    ASSERT_EQ(a["visits"][0]["obtained"].size(), 1u);
    EXPECT_EQ(a["visits"][0]["obtained"][0]["memo_id"], r1);
    EXPECT_EQ(a["visits"][0]["obtained"][0]["facility_id"], care.station);
    EXPECT_EQ(a["linked_institutions"].size(), 5u);

    const auto& b = of(report, no_consent);
    EXPECT_FALSE(b["claimable"]);
    EXPECT_FALSE(met(b, "consent"));
    EXPECT_EQ(first_code(b, "consent"), "consent_missing");
    EXPECT_TRUE(met(b, "visits"));

    const auto& c = of(report, gaps);
    EXPECT_FALSE(met(c, "record_items"));
    EXPECT_EQ(first_code(c, "record_items"), "missing_next_visit_date");
    EXPECT_FALSE(met(c, "obtained_records"));
    EXPECT_EQ(first_code(c, "obtained_records"), "no_obtained_record");
    EXPECT_TRUE(met(c, "consent"));

    const auto& d = of(report, no_visit);
    EXPECT_FALSE(met(d, "visits"));
    EXPECT_EQ(first_code(d, "visits"), "no_visit");
    EXPECT_TRUE(d["visits"].empty());

    const auto& e = of(report, late_read);
    EXPECT_TRUE(met(e, "record_items"));
    EXPECT_FALSE(met(e, "obtained_records"));
    EXPECT_EQ(e["visits"][0]["unread_in_window"], 1);

    // One access-log entry per patient of the report.
    EXPECT_EQ(database().query_value("SELECT count(DISTINCT patient_id) FROM audit_log WHERE action = 'fee_evidence.home_care'"),
              "5");
}

TEST_F(FeeEvidence, SpecialRelationshipsAndTheFiveLinkedInstitutions) {
    const auto p = patient("連携");
    link_others(p);
    visit(p, "2024-06-10 10:00");
    const auto r = memo(p, other_staff[3], "nurse", others[3], "no_change", "2024-06-01 10:00");
    read(r, doctor, "2024-06-02 10:00");
    auto manager = sign_in(port(), "manager");
    EXPECT_TRUE(of(evidence(manager), p)["claimable"]);

    // others[3] is in a special relationship with the clinic: neither linked nor "another institution".
    const std::string path = "/api/v1/facilities/" + std::to_string(clinic) + "/special-relationships";
    auto set = manager.request("PUT", path, {{"facility_ids", {others[3]}}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.json()["facilities"][0]["id"], others[3]);
    auto after = of(evidence(manager), p);
    EXPECT_FALSE(met(after, "linked_institutions"));
    EXPECT_EQ(after["linked_institutions"].size(), 4u);
    EXPECT_FALSE(met(after, "obtained_records"));
    // Seen from the other facility too (the relation goes both ways).
    EXPECT_EQ(sign_in(port(), "linked3").get("/api/v1/facilities/" + std::to_string(others[3]) +
                                             "/special-relationships").json()["facilities"][0]["id"], clinic);

    // Only the manager (or the secretariat administrator) sets them; bad lists store nothing.
    EXPECT_EQ(sign_in(port(), "user").request("PUT", path, {{"facility_ids", Json::array()}}).status, 403);
    EXPECT_EQ(manager.request("PUT", path, {{"facility_ids", {clinic}}}).status, 400);
    EXPECT_EQ(manager.request("PUT", path, {{"facility_ids", {987654}}}).status, 400);
    EXPECT_EQ(manager.request("PUT", path, {{"facility_ids", {"x"}}}).status, 400);
    EXPECT_EQ(manager.request("PUT", path, Json::object()).status, 400);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM facility_special_relationships"), "1");
    ASSERT_EQ(manager.request("PUT", path, {{"facility_ids", Json::array()}}).status, 200);
    EXPECT_TRUE(of(evidence(manager), p)["claimable"]);
}

TEST_F(FeeEvidence, TheNinetyDayWindowAtItsEdges) {
    // A visit at 00:30 on June 1st: records from March 3rd on count (90 days), March 2nd does not.
    const auto p = patient("境界");
    link_others(p);
    visit(p, "2024-06-01 00:30");
    const auto edge = nurse_record(p, "2024-03-03 00:00");
    const auto outside = nurse_record(p, "2024-03-02 23:59");
    read(edge, doctor, "2024-05-01 10:00");
    read(outside, doctor, "2024-05-01 10:00");
    auto report = evidence(sign_in(port(), "manager"));
    const auto& e = of(report, p);
    ASSERT_EQ(e["visits"].size(), 1u);
    ASSERT_EQ(e["visits"][0]["obtained"].size(), 1u) << e.dump(1);
    EXPECT_EQ(e["visits"][0]["obtained"][0]["memo_id"], edge);
    EXPECT_TRUE(e["claimable"]);
    // The visit's own minute: a record written after it, even the same day, was not obtained at it.
    const auto p2 = patient("同日");
    visit(p2, "2024-06-20 10:00");
    const auto later = nurse_record(p2, "2024-06-20 10:05");
    read(later, doctor, "2024-06-20 10:06");
    EXPECT_FALSE(met(of(evidence(sign_in(port(), "manager")), p2), "obtained_records"));
}

TEST_F(FeeEvidence, NursingHomeResidentsLackingThisMonthsRecord) {
    const auto home = insert_id(database(),
        "INSERT INTO facilities (type, name, name_kana, plan) VALUES ('tokuyo', 'みまもり荘', 'ミマモリソウ', 'network_only') "
        "RETURNING id");
    const auto staff = create_account(database(), {.login = "home-staff", .affiliations = {{home, false}}});
    auto resident = [&](const std::string& name) { return insert_patient(database(), home, name, "テスト " + name); };
    const auto recorded = resident("今月あり");
    const auto no_change = resident("変化なし");
    const auto lacking = resident("今月なし");
    const auto by_others = resident("他施設の記録");
    const Json complete = {{"emergency_policy", "協力病院へ搬送"}};
    const auto r1 = memo(recorded, staff, "care_worker", home, "monthly_resident_record", "2024-06-03 10:00", complete);
    const auto base = memo(no_change, staff, "care_worker", home, "monthly_resident_record", "2024-05-03 10:00", complete);
    const auto r2 = memo(no_change, staff, "care_worker", home, "no_change", "2024-06-03 10:00");
    memo(lacking, staff, "care_worker", home, "monthly_resident_record", "2024-05-31 23:59", complete);
    memo(by_others, care.station_nurse, "nurse", care.station, "monthly_resident_record", "2024-06-03 10:00", complete);

    auto s = sign_in(port(), "home-staff");
    const std::string base_path = "/api/v1/facilities/" + std::to_string(home) + "/fee-evidence/cooperation";
    auto r = s.get(base_path + "?month=" + k_month);
    ASSERT_EQ(r.status, 200) << r.body;
    auto report = r.json();
    EXPECT_EQ(report["lacking"], (Json{lacking, by_others}));
    for (const auto& x : report["residents"]) {
        if (x["patient_id"] == recorded) {
            EXPECT_EQ(x["basis"], "recorded");
            EXPECT_EQ(x["memo_id"], r1);
        } else if (x["patient_id"] == no_change) {
            EXPECT_EQ(x["basis"], "no_change");
            EXPECT_EQ(x["memo_id"], r2);
            EXPECT_EQ(x["baseline_memo_id"], base);
        } else {
            EXPECT_FALSE(x["met"]);
            EXPECT_FALSE(x["finding"].is_null());
        }
    }
    // The CSV: UTF-8 with a byte order mark and CRLF, one row per resident.
    auto csv = s.get(base_path + ".csv?month=" + k_month);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("Content-Type").value_or(""), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(csv.body.find("\r\n"), std::string::npos);
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = csv.body.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
    EXPECT_EQ(lines, 5u); // the header and four residents
    EXPECT_NE(csv.body.find("今月なし"), std::string::npos);
    // A clinic is no nursing home.
    auto clinic_report = sign_in(port(), "user").get("/api/v1/facilities/" + std::to_string(clinic) +
                                                     "/fee-evidence/cooperation?month=" + k_month);
    EXPECT_EQ(clinic_report.status, 400);
}

TEST_F(FeeEvidence, TheCsvOfHomeCareAndWhoMaySeeIt) {
    const auto p = patient("CSV");
    link_others(p);
    visit(p, "2024-06-10 10:00");
    auto user = sign_in(port(), "user");
    const std::string base = "/api/v1/facilities/" + std::to_string(clinic) + "/fee-evidence/home-care";
    auto csv = user.get(base + ".csv?month=" + k_month + "&lang=en");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF" "patient_id", 0), 0u) << csv.body.substr(0, 80);
    EXPECT_NE(csv.body.find("\r\n"), std::string::npos);
    EXPECT_NE(csv.header("Content-Disposition").value_or("").find("filename*=UTF-8''"), std::string::npos);
    EXPECT_NE(csv.body.find("no_obtained_record"), std::string::npos);
    EXPECT_EQ(user.get(base + ".csv?month=" + k_month + "&encoding=shift_jis").status, 200);
    // One patient only.
    auto one = user.get(base + "?month=" + k_month + "&patient_id=" + std::to_string(p));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.json()["patients"].size(), 1u);
    EXPECT_EQ(user.get(base + "?month=" + k_month + "&patient_id=" + std::to_string(care.other_patient)).status, 404);

    // Bad queries.
    for (const char* q : {"", "?month=", "?month=2024-13", "?month=2024-6", "?month=2024-06&lang=fr", "?month=2024-06&patient_id=x"})
        EXPECT_EQ(user.get(base + q).status, 400) << q;
    // Another facility's staff, the family, the secretariat user: refused; the administrator sees it.
    for (const char* login : {"outsider", "station-nurse", "family", "secretariat"})
        EXPECT_EQ(sign_in(port(), login).get(base + "?month=" + k_month).status, 403) << login;
    EXPECT_EQ(sign_in(port(), "admin").get(base + "?month=" + k_month).status, 200);
    EXPECT_EQ(user.get("/api/v1/facilities/987654/fee-evidence/home-care?month=" + k_month).status, 403);
}

} // namespace
} // namespace mimamori::test
