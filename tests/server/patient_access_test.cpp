// The relationship rules over every patient route the server has (DESIGN.md §3; issue 4): the
// routes are taken from the router itself -- every pattern under /patients/{id}, /teams/{id},
// /consents/{id} and /family-accounts/{id}, today's and those later issues add (memos, files) --
// and each is tried with real and guessed ids by staff outside the team and by a family account.
// Every answer is 403 (never 404: ids cannot be probed), logged as a denial, and nothing changes.
#include <gtest/gtest.h>

#include "care_support.hpp"
#include "server.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

struct PatientRoute {
    std::string method;
    std::string pattern;
};

// The router's routes about one patient's data.
std::vector<PatientRoute> patient_routes() {
    std::vector<PatientRoute> out;
    server::Config product = server::default_config();
    http::Router router = server::make_router(product);
    for (const auto& route : router.routes())
        for (const char* prefix : {"/api/v1/patients/:", "/api/v1/teams/:", "/api/v1/consents/:", "/api/v1/family-accounts/:"})
            if (route.pattern.rfind(prefix, 0) == 0) out.push_back({route.method, route.pattern});
    return out;
}

// `pattern` with its parameters replaced: ":id" by the id of its resource, any other by `other`.
std::string fill(const std::string& pattern, std::int64_t id, std::int64_t other) {
    std::string out;
    bool first = true;
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern[i] == ':' || pattern[i] == '*') {
            auto end = pattern.find('/', i);
            if (end == std::string::npos) end = pattern.size();
            out += std::to_string(first ? id : other);
            first = false;
            i = end;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

class PatientAccess : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        consent = insert_consent(database(), care.patient);
        other_team = insert_team(database(), "別所さんのチーム", care.other_patient);
        other_consent = insert_consent(database(), care.other_patient);
    }
    // The id a pattern's first parameter names, for the patient (`own`) or for guessing.
    std::int64_t id_for(const std::string& pattern, int which) const {
        auto pick = [&](std::int64_t mine, std::int64_t someone_elses) {
            return which == 0 ? mine : which == 1 ? someone_elses : 987654;
        };
        if (pattern.rfind("/api/v1/teams/", 0) == 0) return pick(care.team, other_team);
        if (pattern.rfind("/api/v1/consents/", 0) == 0) return pick(consent, other_consent);
        if (pattern.rfind("/api/v1/family-accounts/", 0) == 0) return pick(care.family, care.family);
        return pick(care.patient, care.other_patient);
    }
    // Tries every patient route as `who`; `guessed`: also with other patients' and unknown ids.
    // `professional_only`: all but the family space's (/patients/{id}/family/..., issue 6), which
    // a family account reaches for its own patient (family_space_test.cpp).
    void expect_refused_everywhere(const Session& who, const std::string& name, bool professional_only = false) {
        const auto routes = patient_routes();
        ASSERT_GE(routes.size(), 19u) << "the patient routes of issue 4 at least";
        const std::string before = care_counts(database());
        for (const auto& route : routes) {
            if (professional_only && route.pattern.rfind("/api/v1/patients/:id/family/", 0) == 0) continue;
            for (int which : {0, 1, 2}) {
                const std::string target = fill(route.pattern, id_for(route.pattern, which), care.outsider);
                SCOPED_TRACE(name + ": " + route.method + " " + target);
                const auto denied = database().count_rows("audit_log WHERE result = 'denied'");
                auto r = who.request(route.method, target, route.method == "GET" || route.method == "DELETE"
                                                               ? Json(nullptr) : Json::object());
                EXPECT_EQ(r.status, 403) << r.body;
                EXPECT_EQ(r.error_code(), "forbidden");
                EXPECT_EQ(database().count_rows("audit_log WHERE result = 'denied'"), denied + 1) << "logged as refused";
            }
        }
        EXPECT_EQ(care_counts(database()), before) << "nothing changed";
    }
    CareRegion care;
    std::int64_t consent = 0, other_team = 0, other_consent = 0;
};

TEST_F(PatientAccess, StaffOutsideTheTeamAreRefusedEverywhereEvenByGuessingIds) {
    expect_refused_everywhere(sign_in(port(), "outsider"), "a nurse of another facility");
    expect_refused_everywhere(sign_in(port(), "pharmacist"), "a pharmacist of another facility");
    expect_refused_everywhere(sign_in(port(), "secretariat"), "the secretariat's user");
}

TEST_F(PatientAccess, AFamilyAccountNeverReachesAProfessionalResource) {
    expect_refused_everywhere(sign_in(port(), "family"), "the patient's own family", /*professional_only=*/true);
}

// A family account reaches its own patient's family space (its files) and nothing else: not
// another patient's family space, not the professional record's files, whatever the id.
TEST_F(PatientAccess, AFamilyAccountSeesOnlyItsOwnPatientsFamilySpace) {
    auto family = sign_in(port(), "family");
    EXPECT_EQ(family.get(path("/api/v1/patients/", care.patient, "/files?space=family")).status, 200);
    for (std::int64_t other : {care.other_patient, std::int64_t{987654}}) {
        SCOPED_TRACE(other);
        auto r = family.get(path("/api/v1/patients/", other, "/files?space=family"));
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(family.get(path("/api/v1/patients/", other, "/files")).status, 403);
    }
    EXPECT_EQ(family.get(path("/api/v1/patients/", care.patient, "/files?space=professional")).status, 403);
    auto mine = family.get("/api/v1/my/patients").json()["patients"];
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["id"], care.patient);
    // Without family participation in the consent, not even its own patient's space.
    insert_consent(database(), care.patient, /*family=*/false);
    EXPECT_EQ(family.get(path("/api/v1/patients/", care.patient, "/files?space=family")).status, 403);
    EXPECT_EQ(family.get("/api/v1/my/patients").json()["patients"].size(), 0u);
}

// The routes found are the ones this test means: a sanity check on the router walk itself.
TEST_F(PatientAccess, TheRouteWalkFindsTheIssueFourRoutes) {
    std::set<std::string> found;
    for (const auto& r : patient_routes()) found.insert(r.method + " " + r.pattern);
    for (const char* expected :
         {"GET /api/v1/patients/:id", "PUT /api/v1/patients/:id", "POST /api/v1/patients/:id/consents",
          "GET /api/v1/consents/:id/document", "POST /api/v1/teams/:id/members", "DELETE /api/v1/teams/:id/patient",
          "POST /api/v1/family-accounts/:id/handover", "GET /api/v1/patients/:id/family-accounts"})
        EXPECT_TRUE(found.count(expected)) << expected;
    EXPECT_EQ(fill("/api/v1/teams/:id/members/:account_id", 7, 9), "/api/v1/teams/7/members/9");
}

// A member of the team reaches what members may, so the refusals above are about the
// relationship and not about the routes.
TEST_F(PatientAccess, AMemberIsLetIn) {
    auto user = sign_in(port(), "user");
    EXPECT_EQ(user.get(path("/api/v1/patients/", care.patient)).status, 200);
    EXPECT_EQ(user.get(path("/api/v1/teams/", care.team)).status, 200);
    EXPECT_EQ(user.get(path("/api/v1/consents/", consent, "/text")).status, 200);
    EXPECT_EQ(user.get(path("/api/v1/patients/", care.patient, "/family-accounts")).status, 200);
    EXPECT_EQ(user.get(path("/api/v1/patients/", care.other_patient)).status, 403);
}

} // namespace
} // namespace mimamori::test
