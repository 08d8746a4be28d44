// Facilities and staff through the API: what registration stores and answers, bad input named
// by its field with nothing stored, deletion refused with its reason, 所属解除, search, and what
// each role's staff list shows.
#include <gtest/gtest.h>

#include "master_support.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

Json with(Json body, const Json& patch) {
    body.merge_patch(patch);
    return body;
}

using MasterApi = MasterTest;

TEST_F(MasterApi, RegisteringAFacilityInvitesItsRepresentative) {
    auto r = admin.request("POST", "/api/v1/facilities", facility_body("houmon-hanako"));
    ASSERT_EQ(r.status, 201) << r.body;
    const Json f = r.json().at("facility");
    EXPECT_EQ(f["type"], "visiting_nurse");
    EXPECT_EQ(f["name_kana"], "ミマモリホウモンカンゴ") << "kana stored in katakana";
    EXPECT_EQ(f["postal_code"], "910-0004");
    EXPECT_EQ(f["plan"], "sns_only");
    EXPECT_EQ(f["monthly_fee_yen"], 500); // other offices, SNS only (seed R7.2)
    EXPECT_EQ(f["annual_fee_yen"], 6000);
    EXPECT_EQ(f["status"], "active");
    EXPECT_EQ(f["require_two_factor"], false);
    EXPECT_EQ(f["staff_count"], 1);
    EXPECT_EQ(f["patient_count"], 0);
    EXPECT_EQ(f["representative"]["login"], "houmon-hanako");
    EXPECT_EQ(f["representative"]["status"], "invited");
    const std::string id = std::to_string(f["id"].get<std::int64_t>());
    EXPECT_EQ(database().query_value("SELECT manager FROM affiliations a JOIN accounts c ON c.id = a.account_id "
                                     "WHERE c.login = 'houmon-hanako' AND a.facility_id = " + id),
              "t");
    EXPECT_EQ(database().count_rows("invitations WHERE purpose = 'representative'"), 1);
    EXPECT_EQ(database().query_value("SELECT status FROM mail_outbox WHERE to_address = 'hanako@example.jp'"), "kept");
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'facility.create' AND target_id = '" + id + "'"), 1);

    auto read = admin.get("/api/v1/facilities/" + id);
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json(), f);
    EXPECT_EQ(admin.get("/api/v1/facilities/999999").status, 404);
}

TEST_F(MasterApi, BadFacilityInputNamesTheFieldAndStoresNothing) {
    struct Case {
        std::function<void(Json&)> change;
        int status;
        std::string field;
    };
    const std::string too_long(101, 'x');
    const std::vector<Case> cases = {
        {[](Json& b) { b.erase("name"); }, 400, "name"},
        {[](Json& b) { b["name"] = "  "; }, 400, "name"},
        {[&](Json& b) { b["name"] = too_long; }, 400, "name"},
        {[](Json& b) { b["name"] = "名前\x01"; }, 400, "name"},
        {[](Json& b) { b["name"] = "一行目\n二行目"; }, 400, "name"},
        {[](Json& b) { b["name"] = 42; }, 400, "name"},
        {[](Json& b) { b["name_kana"] = "Mimamori"; }, 400, "name_kana"},
        {[](Json& b) { b["type"] = "castle"; }, 400, "type"},
        {[](Json& b) { b["plan"] = 3; }, 400, "plan"},
        {[](Json& b) { b["plan"] = "premium"; }, 400, "plan"},
        {[](Json& b) { b["postal_code"] = "12345"; }, 400, "postal_code"},
        {[](Json& b) { b["phone"] = "call me"; }, 400, "phone"},
        {[](Json& b) { b["contract_start"] = "2025-02-30"; }, 400, "contract_start"},
        {[](Json& b) { b["contract_start"] = "2025-04-01"; b["contract_end"] = "2025-03-31"; }, 400, "contract_end"},
        {[](Json& b) { b["fax"] = "0776-00-0000"; }, 400, "fax"},
        {[](Json& b) { b.erase("representative"); }, 400, "representative"},
        {[](Json& b) { b["representative"] = "someone"; }, 400, "representative"},
        {[](Json& b) { b["representative"]["email"] = "not-an-email"; }, 400, "representative.email"},
        {[](Json& b) { b["representative"]["email"] = true; }, 400, "representative.email"},
        {[](Json& b) { b["representative"]["name"] = ""; }, 400, "representative.name"},
        {[](Json& b) { b["representative"]["name_kana"] = "花子"; }, 400, "representative.name_kana"},
        {[](Json& b) { b["representative"]["login"] = "ab"; }, 400, "representative.login"},
        {[](Json& b) { b["representative"]["login"] = "has space"; }, 400, "representative.login"},
        {[](Json& b) { b["representative"]["profession"] = "wizard"; }, 400, "representative.profession"},
        {[](Json& b) { b["representative"]["manager"] = true; }, 400, "representative.manager"},
        {[](Json& b) { b["representative"]["login"] = "ADMIN"; }, 409, "representative.login"}, // taken, any case
    };
    const std::string before = master_checksum(database());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE("case " + std::to_string(i) + ": " + cases[i].field);
        Json body = facility_body("fresh-login");
        cases[i].change(body);
        auto r = admin.request("POST", "/api/v1/facilities", body);
        EXPECT_EQ(r.status, cases[i].status) << r.body;
        EXPECT_EQ(r.json()["error"].value("field", ""), cases[i].field) << r.body;
        EXPECT_FALSE(r.json()["error"].value("message", "").empty());
        EXPECT_EQ(master_checksum(database()), before) << "nothing stored";
    }
    auto not_json = admin.request("POST", "/api/v1/facilities", nullptr,
                                  {{"Content-Type", "application/json"}});
    EXPECT_EQ(not_json.status, 400);
    EXPECT_EQ(master_checksum(database()), before);
}

TEST_F(MasterApi, BadStaffInputNamesTheFieldAndStoresNothing) {
    const std::string a = "/api/v1/facilities/" + std::to_string(region.a) + "/staff";
    const std::string before = master_checksum(database());
    struct Case {
        Json body;
        int status;
        std::string field;
    };
    Json no_email = staff_body("jiro");
    no_email.erase("email");
    const std::vector<Case> cases = {
        {no_email, 400, "email"},
        {with(staff_body("jiro"), {{"email", "jiro@@example.jp"}}), 400, "email"},
        {with(staff_body("jiro"), {{"email", "jiro@example"}}), 400, "email"},
        {with(staff_body("jiro"), {{"name", std::string(101, 'y')}}), 400, "name"},
        {with(staff_body("jiro"), {{"name", "タブ\tあり"}}), 400, "name"},
        {with(staff_body("jiro"), {{"name", "\u202e逆向き"}}), 400, "name"},
        {with(staff_body("jiro"), {{"manager", "yes"}}), 400, "manager"},
        {with(staff_body("jiro"), {{"login", 7}}), 400, "login"},
        {staff_body("manager"), 409, "login"},
        {staff_body("invitee"), 409, "login"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.body.dump());
        auto r = manager.request("POST", a, c.body);
        EXPECT_EQ(r.status, c.status) << r.body;
        EXPECT_EQ(r.json()["error"].value("field", ""), c.field);
        EXPECT_EQ(master_checksum(database()), before);
    }
    auto ok = manager.request("POST", a, with(staff_body("Kaigo.Jiro"), {{"manager", true}}));
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json()["staff"]["login"], "kaigo.jiro") << "login ids are lower case";
    EXPECT_EQ(ok.json()["staff"]["status"], "invited");
    EXPECT_EQ(ok.json()["staff"]["affiliations"][0]["manager"], true);
    EXPECT_EQ(manager.request("POST", "/api/v1/facilities/999999/staff", staff_body("z-1")).status, 403)
        << "not the manager's facility";
    EXPECT_EQ(admin.request("POST", "/api/v1/facilities/999999/staff", staff_body("z-1")).status, 404);
}

TEST_F(MasterApi, DeletionIsRefusedWhileStaffOrPatientsRemain) {
    const std::string a = "/api/v1/facilities/" + std::to_string(region.a);
    for (const char* name : {"'一'", "'二'"})
        database().exec(std::string("INSERT INTO patients (name, name_kana, birth_date, sex, facility_id) VALUES (") +
                        name + ", 'カンジャ', '1940-01-01', 'female', " + std::to_string(region.a) + ")");
    auto refused = admin.request("DELETE", a);
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("the facility still has 3 staff and 2 patients"),
              std::string::npos) << refused.body;
    EXPECT_EQ(admin.get(a).json()["patient_count"], 2);
    database().exec("DELETE FROM patients");

    for (const char* login : {"manager", "user", "invitee"}) {
        const auto id = database().query_value(std::string("SELECT id FROM accounts WHERE login = '") + login + "'");
        EXPECT_EQ(admin.request("DELETE", a + "/staff/" + id).status, 204);
    }
    EXPECT_EQ(admin.get(a).json()["staff_count"], 0);
    EXPECT_EQ(admin.request("DELETE", a).status, 204);
    EXPECT_EQ(admin.get(a).status, 404);
    EXPECT_EQ(database().count_rows("affiliations WHERE facility_id = " + std::to_string(region.a)), 0);
    EXPECT_EQ(admin.request("DELETE", a).status, 404);
}

TEST_F(MasterApi, UnaffiliatingTheLastAffiliationEndsTheAccountsSessions) {
    const Session user = sign_in(port(), "user");
    ASSERT_EQ(user.get("/api/v1/me").status, 200);
    const auto path = "/api/v1/facilities/" + std::to_string(region.a) + "/staff/" +
                      std::to_string(region.accounts.at(Role::FacilityUser));
    EXPECT_EQ(manager.request("DELETE", path).status, 204);
    EXPECT_EQ(user.get("/api/v1/me").status, 401) << "signed out";
    EXPECT_EQ(database().query_value("SELECT status FROM accounts WHERE login = 'user'"), "left");
    EXPECT_EQ(manager.request("DELETE", path).status, 404) << "no longer affiliated";
    EXPECT_EQ(sign_in_request(port(), "user", k_password).status, 401) << "a left account cannot sign in";
}

TEST_F(MasterApi, EditingKeepsWhatTheFormLeavesOut) {
    const std::string b = "/api/v1/facilities/" + std::to_string(region.b);
    Json body = facility_body("x");
    body.erase("representative");
    body["status"] = "suspended";
    body["contract_start"] = "2024-04-01";
    ASSERT_EQ(admin.request("PUT", b, body).status, 200);
    body.erase("status");
    body.erase("contract_start");
    body["name"] = "新しい名前";
    body["plan"] = "network_and_sns";
    auto r = admin.request("PUT", b, body);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["name"], "新しい名前");
    EXPECT_EQ(r.json()["status"], "suspended");
    EXPECT_EQ(r.json()["contract_start"], "2024-04-01");
    EXPECT_EQ(r.json()["monthly_fee_yen"], 1000);
    EXPECT_EQ(r.json()["representative"]["login"], "rep-b");
    EXPECT_EQ(admin.request("PUT", "/api/v1/facilities/999999", body).status, 404);
}

TEST_F(MasterApi, RepresentativeReinvitationOnlyWhileInvited) {
    const std::string a = "/api/v1/facilities/" + std::to_string(region.a) + "/representative/reinvite";
    auto active = admin.request("POST", a);
    EXPECT_EQ(active.status, 409) << "the manager of A has set a password";
    auto empty = admin.request("POST", "/api/v1/facilities/" + std::to_string(region.empty) + "/representative/reinvite");
    EXPECT_EQ(empty.status, 409);
}

TEST_F(MasterApi, SearchFacilities) {
    auto names = [&](const std::string& query) {
        std::vector<std::string> out;
        const Json answer = admin.get("/api/v1/facilities" + query).json(); // kept: the loop reads into it
        for (const auto& f : answer["facilities"]) out.push_back(f["name"]);
        return out;
    };
    EXPECT_EQ(names("").size(), 3u);
    EXPECT_EQ(names("?q=%E3%81%82%E3%81%99%E3%82%8F"), std::vector<std::string>{"あすわ在宅クリニック"}); // あすわ
    EXPECT_EQ(names("?q=%E7%A9%BA"), std::vector<std::string>{"空の事業所"});                            // 空
    EXPECT_EQ(names("?q=%E3%81%A6%E3%81%99%E3%81%A8").size(), 3u) << "hiragana finds the katakana テスト";
    EXPECT_TRUE(names("?type=pharmacy").empty());
    EXPECT_EQ(names("?type=clinic&status=active").size(), 3u);
    EXPECT_EQ(admin.get("/api/v1/facilities?type=castle").status, 400);
    EXPECT_EQ(admin.get("/api/v1/facilities?status=closed").status, 400);
}

TEST_F(MasterApi, EachRoleSeesTheStaffItMay) {
    auto logins = [](const Session& s, const std::string& query) {
        std::set<std::string> out;
        const Json answer = s.get("/api/v1/staff" + query).json();
        for (const auto& p : answer["staff"]) out.insert(p["login"]);
        return out;
    };
    const Session user = sign_in(port(), "user");
    const Session secretariat = sign_in(port(), "secretariat");
    const std::set<std::string> a = {"manager", "user", "invitee"};
    EXPECT_EQ(logins(user, ""), a);
    EXPECT_EQ(logins(user, "?facility_id=" + std::to_string(region.a)), a);
    EXPECT_EQ(user.get("/api/v1/staff?facility_id=" + std::to_string(region.b)).status, 403);
    EXPECT_EQ(logins(manager, "?status=invited"), std::set<std::string>{"invitee"});
    EXPECT_EQ(logins(secretariat, ""), (std::set<std::string>{"admin", "secretariat"}));
    EXPECT_EQ(logins(admin, "").size(), 6u) << "every staff account (not the family one)";
    EXPECT_EQ(logins(admin, "?q=REP"), std::set<std::string>{"rep-b"});
    EXPECT_EQ(admin.get("/api/v1/staff?facility_id=abc").status, 400);
    EXPECT_EQ(admin.get("/api/v1/staff?status=gone").status, 400);
    const Json manager_entry = manager.get("/api/v1/staff?q=manager").json()["staff"].at(0);
    EXPECT_EQ(manager_entry["profession"], "doctor");
    EXPECT_EQ(manager_entry["affiliations"][0]["facility_name"], "あすわ在宅クリニック");
    EXPECT_EQ(manager_entry["secretariat_role"], nullptr);
}

} // namespace
} // namespace mimamori::test
