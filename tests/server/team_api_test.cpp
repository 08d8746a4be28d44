// Care teams through the API (issue 4): who may start one (seed: a doctor, a visiting nurse or a
// care manager, without a doctor's instruction), members invite members from any facility, the
// invited nurse of another facility then sees the patient, leaving is one action, managers
// remove and link; a membership period ends by itself (Japan's date, no job running); bad input
// is refused with nothing stored.
#include <gtest/gtest.h>

#include "care_support.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class Teams : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        insert_consent(database(), care.patient);
        admin = sign_in(port(), "admin");
        manager = sign_in(port(), "manager");
        user = sign_in(port(), "user");
        station = sign_in(port(), "station-nurse");
        outsider = sign_in(port(), "outsider");
    }
    std::string team(const std::string& rest = "") const { return path("/api/v1/teams/", care.team, rest); }
    std::string patient() const { return path("/api/v1/patients/", care.patient); }
    CareRegion care;
    Session admin, manager, user, station, outsider;
};

TEST_F(Teams, ANurseStartsATeamAndBecomesItsFirstMember) {
    auto r = outsider.request("POST", "/api/v1/teams", Json{{"name", "新しいチーム"}, {"team_role", "visiting_nurse"}});
    ASSERT_EQ(r.status, 201) << r.body;
    const Json t = r.json()["team"];
    EXPECT_TRUE(t["patient_id"].is_null());
    EXPECT_FALSE(t["locked"]);
    ASSERT_EQ(t["members"].size(), 1u);
    EXPECT_EQ(t["members"][0]["account_id"], care.outsider);
    EXPECT_EQ(t["members"][0]["login"], "outsider"); // the mention picker writes "@outsider"
    EXPECT_EQ(t["members"][0]["facility_id"], care.third);
    EXPECT_EQ(t["members"][0]["team_role"], "visiting_nurse");
    EXPECT_EQ(t["members"][0]["active"], true);
    EXPECT_TRUE(t["members"][0]["ends_on"].is_null());
    // A pharmacist does not start teams (seed); a team role must be one of the vocabulary.
    auto pharmacist = sign_in(port(), "pharmacist");
    const std::string before = care_counts(database());
    EXPECT_EQ(pharmacist.request("POST", "/api/v1/teams", Json{{"name", "x"}, {"team_role", "pharmacist"}}).status, 403);
    auto bad = outsider.request("POST", "/api/v1/teams", Json{{"name", "x"}, {"team_role", "surgeon"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.json()["error"]["field"], "team_role");
    EXPECT_EQ(care_counts(database()), before);
    // My teams.
    EXPECT_EQ(outsider.get("/api/v1/teams").json()["teams"].size(), 1u);
}

TEST_F(Teams, ATeamForAPatientIsLinkedAtOnceOnlyOnce) {
    auto other = care.other_patient;
    auto pharmacist_doctor = create_account(database(), {.login = "third-doctor", .profession = "doctor",
                                                          .affiliations = {{care.third, false}}});
    (void)pharmacist_doctor;
    auto doctor = sign_in(port(), "third-doctor");
    auto r = doctor.request("POST", "/api/v1/teams", Json{{"name", "別所さん"}, {"team_role", "attending_doctor"},
                                                           {"patient_id", other}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["team"]["patient_id"], other);
    EXPECT_EQ(r.json()["team"]["patient_name"], "別所 太郎");
    // Linking a patient twice: a clear error, nothing stored.
    const std::string before = care_counts(database());
    auto twice = doctor.request("POST", "/api/v1/teams", Json{{"name", "二つ目"}, {"team_role", "attending_doctor"},
                                                              {"patient_id", other}});
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(care_counts(database()), before);
    // A patient of a facility the doctor has nothing to do with.
    EXPECT_EQ(doctor.request("POST", "/api/v1/teams", Json{{"name", "x"}, {"team_role", "attending_doctor"},
                                                            {"patient_id", care.patient}}).status, 403);
}

TEST_F(Teams, MembersInviteANurseOfAnotherFacilityWhoThenSeesThePatient) {
    EXPECT_EQ(outsider.get(patient()).status, 403);
    auto r = station.request("POST", team("/members"), Json{{"account_id", care.outsider}, {"team_role", "visiting_nurse"}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["team"]["members"].size(), 3u);
    EXPECT_EQ(outsider.get(patient()).status, 200);
    EXPECT_EQ(outsider.get("/api/v1/my/patients").json()["patients"].size(), 1u);
    // Inviting someone already in the team: a clear error, nothing stored.
    const std::string before = care_counts(database());
    auto again = user.request("POST", team("/members"), Json{{"account_id", care.outsider}, {"team_role", "helper"}});
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.json()["error"]["message"], "already a member of this team");
    struct Case {
        Json body;
        const char* field;
    };
    const Case bad[] = {
        {{{"account_id", care.pharmacist}, {"team_role", "pharmacist"}, {"starts_on", "2030-05-02"}, {"ends_on", "2030-05-01"}}, "ends_on"},
        {{{"account_id", care.pharmacist}, {"team_role", "pharmacist"}, {"ends_on", "2001-01-01"}}, "ends_on"},
        {{{"account_id", care.pharmacist}, {"team_role", "chef"}}, "team_role"},
        {{{"account_id", care.family}, {"team_role", "other"}}, "account_id"},
        {{{"account_id", 999999}, {"team_role", "other"}}, "account_id"},
        {{{"team_role", "other"}}, "account_id"},
    };
    for (const auto& b : bad) {
        auto refused = user.request("POST", team("/members"), b.body);
        EXPECT_EQ(refused.status, 400) << b.body.dump() << refused.body;
        EXPECT_EQ(refused.json()["error"]["field"], b.field) << b.body.dump();
    }
    EXPECT_EQ(care_counts(database()), before);
    // Staff outside the team cannot invite.
    EXPECT_EQ(sign_in(port(), "pharmacist").request("POST", team("/members"),
                                                    Json{{"account_id", care.pharmacist}, {"team_role", "pharmacist"}}).status, 403);
}

TEST_F(Teams, AnExpiredMembershipLosesAccessAtItsEnd) {
    ASSERT_EQ(station.get(patient()).status, 200);
    // The period ended yesterday (Japan's date): no job ran, and access is gone.
    database().exec("UPDATE team_members SET starts_on = " + k_japan_today + " - 30, ends_on = " + k_japan_today +
                    " - 1 WHERE account_id = " + std::to_string(care.station_nurse));
    EXPECT_EQ(station.get(patient()).status, 403);
    EXPECT_EQ(station.get(team()).status, 403);
    EXPECT_EQ(station.get("/api/v1/my/patients").json()["patients"].size(), 0u);
    auto shown = user.get(team()).json()["team"]["members"];
    ASSERT_EQ(shown.size(), 2u);
    EXPECT_EQ(shown[1]["active"], false) << "shown as ended, not hidden";
    // Ending today still counts today.
    database().exec("UPDATE team_members SET ends_on = " + k_japan_today + " WHERE account_id = " +
                    std::to_string(care.station_nurse));
    EXPECT_EQ(station.get(patient()).status, 200);
    // A period that starts tomorrow has not begun.
    database().exec("UPDATE team_members SET starts_on = " + k_japan_today + " + 1, ends_on = NULL WHERE account_id = " +
                    std::to_string(care.station_nurse));
    EXPECT_EQ(station.get(patient()).status, 403);
    // An ended period does not block inviting them again: a new period begins.
    database().exec("UPDATE team_members SET starts_on = " + k_japan_today + " - 30, ends_on = " + k_japan_today +
                    " - 1 WHERE account_id = " + std::to_string(care.station_nurse));
    auto back = user.request("POST", team("/members"), Json{{"account_id", care.station_nurse}, {"team_role", "visiting_nurse"}});
    EXPECT_EQ(back.status, 201) << back.body;
    EXPECT_EQ(station.get(patient()).status, 200);
    EXPECT_EQ(database().count_rows("team_members WHERE account_id = " + std::to_string(care.station_nurse)), 2);
}

TEST_F(Teams, LeavingTheFacilityEndsTeamAccess) {
    database().exec("UPDATE affiliations SET ended_at = now() WHERE account_id = " + std::to_string(care.station_nurse));
    EXPECT_EQ(station.get(patient()).status, 403);
}

TEST_F(Teams, LeavingIsOneActionAndManagersRemove) {
    EXPECT_EQ(station.request("POST", team("/leave")).status, 204);
    EXPECT_EQ(station.get(patient()).status, 403);
    EXPECT_EQ(station.request("POST", team("/leave")).status, 403) << "no longer a member";
    EXPECT_EQ(database().count_rows("team_members WHERE left_at IS NOT NULL"), 1) << "kept as history";
    // A member removes only themself; the registering facility's manager removes others.
    const auto user_id = care.master.accounts.at(Role::FacilityUser);
    insert_member(database(), care.team, care.outsider, care.third, "helper");
    EXPECT_EQ(outsider.request("DELETE", team("/members/" + std::to_string(user_id))).status, 403);
    EXPECT_EQ(manager.request("DELETE", team("/members/" + std::to_string(user_id))).status, 204);
    EXPECT_EQ(user.get(patient()).status, 403);
    EXPECT_EQ(outsider.request("DELETE", team("/members/" + std::to_string(care.outsider))).status, 204);
    EXPECT_EQ(manager.request("DELETE", team("/members/" + std::to_string(care.outsider))).status, 404);
    EXPECT_EQ(database().count_rows("audit_log WHERE action IN ('team.leave', 'team.member_remove') AND patient_id = " +
                                    std::to_string(care.patient)), 3);
}

TEST_F(Teams, ManagersLinkAndUnlinkButNeverTwice) {
    auto unlinked = insert_team(database(), "まだ患者のないチーム", 0);
    insert_member(database(), unlinked, care.master.accounts.at(Role::FacilityUser), care.master.a, "visiting_nurse");
    auto fresh = insert_patient(database(), care.master.a, "新規 一郎", "シンキ イチロウ");
    auto linkable = manager.get("/api/v1/teams?unlinked=true");
    ASSERT_EQ(linkable.status, 200) << linkable.body;
    ASSERT_EQ(linkable.json()["teams"].size(), 1u);
    EXPECT_EQ(linkable.json()["teams"][0]["id"], unlinked);
    EXPECT_EQ(user.get("/api/v1/teams?unlinked=true").status, 403);

    const std::string link = path("/api/v1/teams/", unlinked, "/patient");
    EXPECT_EQ(user.request("PUT", link, Json{{"patient_id", fresh}}).status, 403);
    const std::string before = care_counts(database());
    // The patient already has a team: linking it twice is refused.
    auto twice = manager.request("PUT", link, Json{{"patient_id", care.patient}});
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(care_counts(database()), before);
    auto r = manager.request("PUT", link, Json{{"patient_id", fresh}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["team"]["patient_id"], fresh);
    // ... and the team now has one.
    auto again = manager.request("PUT", link, Json{{"patient_id", care.other_patient}});
    EXPECT_NE(again.status, 200);
    auto links = manager.get("/api/v1/team-links");
    ASSERT_EQ(links.status, 200);
    EXPECT_EQ(links.json()["links"].size(), 2u);
    EXPECT_EQ(admin.get("/api/v1/team-links").json()["links"].size(), 2u);
    EXPECT_EQ(user.get("/api/v1/team-links").status, 403);
    EXPECT_EQ(manager.request("DELETE", link).status, 204);
    EXPECT_EQ(manager.request("DELETE", link).status, 409) << "nothing to unlink";
    EXPECT_EQ(manager.get("/api/v1/team-links").json()["links"].size(), 1u);
}

TEST_F(Teams, TheDirectoryListsActiveStaffOfEveryFacilityWithoutContactDetails) {
    auto r = user.get("/api/v1/directory?q=");
    ASSERT_EQ(r.status, 200) << r.body;
    std::set<std::int64_t> facilities;
    const Json staff = r.json();
    for (const auto& s : staff["staff"]) {
        facilities.insert(s["facility_id"].get<std::int64_t>());
        EXPECT_FALSE(s.contains("email"));
        EXPECT_FALSE(s.contains("login"));
    }
    EXPECT_EQ(facilities, (std::set<std::int64_t>{care.master.a, care.station, care.third})) << r.body;
    auto pharmacists = user.get("/api/v1/directory?profession=pharmacist");
    ASSERT_EQ(pharmacists.json()["staff"].size(), 1u);
    EXPECT_EQ(pharmacists.json()["staff"][0]["account_id"], care.pharmacist);
    EXPECT_EQ(user.get("/api/v1/directory?facility_id=" + std::to_string(care.station)).json()["staff"].size(), 1u);
    EXPECT_EQ(user.get("/api/v1/directory?profession=wizard").status, 400);
    EXPECT_EQ(sign_in(port(), "family").get("/api/v1/directory").status, 403);
}

TEST_F(Teams, ATeamIsSeenByItsMembersAndTheManagersAroundThePatient) {
    EXPECT_EQ(user.get(team()).status, 200);
    EXPECT_EQ(manager.get(team()).status, 200);
    EXPECT_EQ(admin.get(team()).status, 200);
    EXPECT_EQ(outsider.get(team()).status, 403);
    EXPECT_EQ(outsider.get("/api/v1/teams/999999").status, 403);
    EXPECT_EQ(admin.get("/api/v1/teams/999999").status, 404);
}

} // namespace
} // namespace mimamori::test
