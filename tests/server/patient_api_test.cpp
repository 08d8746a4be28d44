// Patients through the API (issue 4): registration by the secretariat or a facility's manager,
// the likely-duplicate check before saving, bad input refused with the field and nothing stored,
// edits, the master list each role sees, a patient's detail for its team once consent exists,
// and "my patients".
#include <gtest/gtest.h>

#include "care_support.hpp"
#include "mimamori/common/encoding.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class Patients : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        admin = sign_in(port(), "admin");
        manager = sign_in(port(), "manager");
        user = sign_in(port(), "user");
    }
    CareRegion care;
    Session admin, manager, user;
};

TEST_F(Patients, AManagerRegistersAPatientOfTheirFacility) {
    auto r = manager.request("POST", "/api/v1/patients", patient_body(care.master.a, "やまだ たろう"));
    ASSERT_EQ(r.status, 201) << r.body;
    const Json p = r.json()["patient"];
    EXPECT_EQ(p["name"], "山田 太郎");
    EXPECT_EQ(p["name_kana"], "ヤマダ タロウ") << "hiragana stored as katakana";
    EXPECT_EQ(p["birth_date"], "1941-03-15");
    EXPECT_EQ(p["postal_code"], "918-8004");
    EXPECT_EQ(p["key_person"]["relation"], "妻");
    EXPECT_EQ(p["facility_id"], care.master.a);
    EXPECT_EQ(p["facility_name"], "あすわ在宅クリニック");
    EXPECT_EQ(p["status"], "at_home");
    EXPECT_TRUE(p["team_id"].is_null());
    EXPECT_EQ(p["consent"], (Json{{"state", "none"}, {"professional", false}, {"family", false},
                                  {"recorded_at", nullptr}, {"consent_id", nullptr}}));
    const auto id = p["id"].get<std::int64_t>();
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'patient.create' AND patient_id = " + std::to_string(id)), 1);
    // Not for another facility, and never by a facility user.
    EXPECT_EQ(manager.request("POST", "/api/v1/patients", patient_body(care.station, "ベツ イチ")).status, 403);
    EXPECT_EQ(user.request("POST", "/api/v1/patients", patient_body(care.master.a, "ベツ ニ")).status, 403);
    EXPECT_EQ(admin.request("POST", "/api/v1/patients", patient_body(care.station, "ベツ サン")).status, 201);
}

TEST_F(Patients, ALikelyDuplicateIsShownBeforeSavingAndNothingIsStored) {
    // Another facility registered the same person (kana spaced differently).
    database().exec("UPDATE patients SET name_kana = 'ヤマダタロウ', birth_date = '1941-03-15' WHERE id = " +
                    std::to_string(care.other_patient));
    const std::string before = care_counts(database());
    auto r = manager.request("POST", "/api/v1/patients", patient_body(care.master.a));
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "conflict");
    EXPECT_EQ(r.json()["error"]["field"], "name_kana");
    ASSERT_EQ(r.json()["duplicates"].size(), 1u);
    EXPECT_EQ(r.json()["duplicates"][0]["id"], care.other_patient);
    EXPECT_EQ(r.json()["duplicates"][0]["facility_name"], "みどり薬局");
    EXPECT_EQ(care_counts(database()), before);
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'patient.duplicate_shown' AND patient_id = " +
                                    std::to_string(care.other_patient)), 1);
    // A different person after all: registered when the form says so.
    Json body = patient_body(care.master.a);
    body["allow_duplicate"] = true;
    EXPECT_EQ(manager.request("POST", "/api/v1/patients", body).status, 201);
}

TEST_F(Patients, BadInputNamesTheFieldAndStoresNothing) {
    struct Case {
        const char* what;
        std::function<void(Json&)> change;
        const char* field;
    };
    const Case cases[] = {
        {"born in the future", [](Json& b) { b["birth_date"] = "2999-01-01"; }, "birth_date"},
        {"not a date", [](Json& b) { b["birth_date"] = "1941-02-30"; }, "birth_date"},
        {"kana missing", [](Json& b) { b.erase("name_kana"); }, "name_kana"},
        {"kana empty", [](Json& b) { b["name_kana"] = " "; }, "name_kana"},
        {"kana not kana", [](Json& b) { b["name_kana"] = "山田"; }, "name_kana"},
        {"name missing", [](Json& b) { b.erase("name"); }, "name"},
        {"sex unknown", [](Json& b) { b["sex"] = "x"; }, "sex"},
        {"status unknown", [](Json& b) { b["status"] = "gone"; }, "status"},
        {"postal code", [](Json& b) { b["postal_code"] = "12-34"; }, "postal_code"},
        {"key person phone", [](Json& b) { b["key_person"]["phone"] = "call me"; }, "key_person.phone"},
        {"unknown field", [](Json& b) { b["blood_type"] = "A"; }, "blood_type"},
    };
    const std::string before = care_counts(database());
    for (const auto& c : cases) {
        Json body = patient_body(care.master.a);
        c.change(body);
        auto r = manager.request("POST", "/api/v1/patients", body);
        EXPECT_EQ(r.status, 400) << c.what << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], c.field) << c.what;
    }
    EXPECT_EQ(care_counts(database()), before);
    // A facility that does not exist is refused by the permission (as any other facility).
    EXPECT_EQ(manager.request("POST", "/api/v1/patients", patient_body(999999)).status, 403);
    auto unknown = admin.request("POST", "/api/v1/patients", patient_body(999999));
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["error"]["field"], "facility_id");
    EXPECT_EQ(care_counts(database()), before);
}

TEST_F(Patients, TheRegisteringFacilitysManagerEdits) {
    Json body = patient_body(care.master.a, "ミマモリ ハナコ", "1940-04-01");
    body["status"] = "admitted";
    auto r = manager.request("PUT", path("/api/v1/patients/", care.patient), body);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["patient"]["status"], "admitted");
    EXPECT_EQ(r.json()["patient"]["name"], "山田 太郎");
    body["birth_date"] = "2999-12-31";
    EXPECT_EQ(manager.request("PUT", path("/api/v1/patients/", care.patient), body).json()["error"]["field"], "birth_date");
    // Moving the patient to a facility the manager does not manage is refused.
    body["birth_date"] = "1940-04-01";
    body["facility_id"] = care.station;
    EXPECT_EQ(manager.request("PUT", path("/api/v1/patients/", care.patient), body).status, 403);
    EXPECT_EQ(manager.request("PUT", path("/api/v1/patients/", care.other_patient), body).status, 403);
    EXPECT_EQ(user.request("PUT", path("/api/v1/patients/", care.patient), body).status, 403);
    EXPECT_EQ(admin.request("PUT", path("/api/v1/patients/", care.patient), body).status, 200);
    EXPECT_EQ(admin.request("PUT", "/api/v1/patients/999999", body).status, 404) << "the administrator may learn it";
}

TEST_F(Patients, TheMasterListIsEveryoneForTheAdminAndTheirFacilitiesForAManager) {
    auto all = admin.get("/api/v1/patients");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.json()["patients"].size(), 2u);
    auto mine = manager.get("/api/v1/patients");
    ASSERT_EQ(mine.status, 200);
    ASSERT_EQ(mine.json()["patients"].size(), 1u);
    EXPECT_EQ(mine.json()["patients"][0]["id"], care.patient);
    // Through a team member of their facility, a manager sees a patient registered elsewhere.
    auto station_manager = create_account(database(), {.login = "station-manager", .affiliations = {{care.station, true}}});
    (void)station_manager;
    auto sm = sign_in(port(), "station-manager");
    ASSERT_EQ(sm.get("/api/v1/patients").json()["patients"].size(), 1u);
    EXPECT_EQ(admin.get("/api/v1/patients?q=" + encoding::percent_encode("べっしょ")).json()["patients"].size(), 1u);
    EXPECT_EQ(admin.get("/api/v1/patients?status=ended").json()["patients"].size(), 0u);
    EXPECT_EQ(admin.get("/api/v1/patients?facility_id=" + std::to_string(care.third)).json()["patients"].size(), 1u);
    EXPECT_EQ(admin.get("/api/v1/patients?status=x").status, 400);
    EXPECT_EQ(user.get("/api/v1/patients").status, 403);
    EXPECT_EQ(sign_in(port(), "secretariat").get("/api/v1/patients").status, 403);
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'patient.list' AND patient_id IS NOT NULL"), 2 + 1 + 1 + 1 + 1);
}

TEST_F(Patients, TheDetailIsForTheTeamOnceConsentIsRecorded) {
    const std::string p = path("/api/v1/patients/", care.patient);
    EXPECT_EQ(user.get(p).status, 403) << "a member, but nothing is shared before consent";
    EXPECT_EQ(manager.get(p).status, 200) << "the master view of the registering facility's manager";
    insert_consent(database(), care.patient);
    auto r = user.get(p);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["consent"]["state"], "active");
    EXPECT_EQ(r.json()["team"]["id"], care.team);
    EXPECT_EQ(r.json()["team"]["members"].size(), 2u);
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'patient.read' AND result = 'ok' AND patient_id = " +
                                    std::to_string(care.patient)), 2);
    EXPECT_EQ(admin.get("/api/v1/patients/999999").status, 404);
    EXPECT_EQ(manager.get("/api/v1/patients/999999").status, 403) << "ids cannot be probed";
}

TEST_F(Patients, MyPatientsAreThoseOfMyCurrentTeams) {
    auto r = user.get("/api/v1/my/patients");
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.json()["patients"].size(), 1u);
    const Json row = r.json()["patients"][0];
    EXPECT_EQ(row["id"], care.patient);
    EXPECT_EQ(row["team_id"], care.team);
    EXPECT_EQ(row["team_role"], "visiting_nurse");
    EXPECT_EQ(row["consent"]["state"], "none") << "listed so the team can record the consent";
    EXPECT_EQ(row["unread"], 0);
    EXPECT_EQ(manager.get("/api/v1/my/patients").json()["patients"].size(), 0u) << "a manager outside the team";
    EXPECT_EQ(sign_in(port(), "outsider").get("/api/v1/my/patients").json()["patients"].size(), 0u);
    // The family's own patient, once the consent includes the family.
    auto family = sign_in(port(), "family");
    EXPECT_EQ(family.get("/api/v1/my/patients").json()["patients"].size(), 0u);
    insert_consent(database(), care.patient, /*family=*/false);
    EXPECT_EQ(family.get("/api/v1/my/patients").json()["patients"].size(), 0u);
    insert_consent(database(), care.patient, /*family=*/true);
    auto own = family.get("/api/v1/my/patients");
    ASSERT_EQ(own.json()["patients"].size(), 1u);
    EXPECT_EQ(own.json()["patients"][0]["id"], care.patient);
    EXPECT_TRUE(own.json()["patients"][0]["team_role"].is_null());
}

} // namespace
} // namespace mimamori::test
