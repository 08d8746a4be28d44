// DESIGN.md §3 through the real API: every row of the seed's permission table (with the planned
// change) that has an endpoint, performed by each role on a fresh region. Allowed: the success
// status. Denied: 403, nothing changed in the master tables (checksum), and a "denied" entry in
// the access log. The patient rows (issue 4: register, view, team links, family accounts) act on
// the patients of care_support.hpp's PatientTableRegion.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "care_support.hpp"
#include "master_support.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

struct Row {
    std::string what;  // the table's row
    std::function<HttpResponse(const Session&, const PatientTableRegion&, Role)> call;
    std::set<Role> allowed;
    int success = 200;
    bool writes = false;
};

const std::set<Role> k_admin{Role::SecretariatAdmin};
const std::set<Role> k_admin_manager{Role::SecretariatAdmin, Role::FacilityManager};
const std::set<Role> k_staff_roles{Role::SecretariatAdmin, Role::SecretariatUser, Role::FacilityManager,
                                   Role::FacilityUser};

std::string facility(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/facilities/" + std::to_string(id) + rest;
}

std::vector<Row> table() {
    return {
        {"menu: facility list", [](auto& s, auto&, Role) { return s.get("/api/v1/facilities"); }, k_admin},
        {"menu: staff list", [](auto& s, auto&, Role) { return s.get("/api/v1/staff"); }, k_staff_roles},
        {"staff list CSV export", [](auto& s, auto&, Role) { return s.get("/api/v1/staff.csv"); }, k_admin},
        {"patient list CSV export", [](auto& s, auto&, Role) { return s.get("/api/v1/patients.csv"); }, k_admin},
        {"facility register",
         [](auto& s, auto&, Role) { return s.request("POST", "/api/v1/facilities", facility_body("new-rep")); }, k_admin,
         201, true},
        {"facility edit (any facility)",
         [](auto& s, auto& r, Role) {
             Json body = facility_body("x");
             body.erase("representative");
             return s.request("PUT", facility(r.b), body);
         },
         k_admin, 200, true},
        {"facility delete (any facility)", [](auto& s, auto& r, Role) { return s.request("DELETE", facility(r.empty)); },
         k_admin, 204, true},
        {"re-request representative staff (代表スタッフ再依頼)",
         [](auto& s, auto& r, Role) { return s.request("POST", facility(r.b, "/representative/reinvite")); }, k_admin, 202,
         true},
        {"facility view", [](auto& s, auto& r, Role) { return s.get(facility(r.a)); }, k_admin},
        {"own facility: register staff",
         [](auto& s, auto& r, Role) { return s.request("POST", facility(r.a, "/staff"), staff_body("new-staff")); },
         k_admin_manager, 201, true},
        {"own facility: un-affiliate staff (所属解除)",
         [](auto& s, auto& r, Role) { return s.request("DELETE", facility(r.a, "/staff/" + std::to_string(r.invitee))); },
         k_admin_manager, 204, true},
        {"own facility: re-send staff registration (スタッフ登録再依頼)",
         [](auto& s, auto& r, Role) {
             return s.request("POST", facility(r.a, "/staff/" + std::to_string(r.invitee) + "/reinvite"));
         },
         k_admin_manager, 202, true},
        // A secretariat user's own place is the secretariat: its staff are the list without a facility.
        {"own facility: view staff",
         [](auto& s, auto& r, Role role) {
             return s.get(role == Role::SecretariatUser ? std::string("/api/v1/staff")
                                                        : "/api/v1/staff?facility_id=" + std::to_string(r.a));
         },
         k_staff_roles},
        // "Own facility only": the same actions on another facility.
        {"other facility: register staff",
         [](auto& s, auto& r, Role) { return s.request("POST", facility(r.b, "/staff"), staff_body("other-staff")); },
         k_admin, 201, true},
        {"other facility: un-affiliate staff",
         [](auto& s, auto& r, Role) {
             return s.request("DELETE", facility(r.b, "/staff/" + std::to_string(r.representative_b)));
         },
         k_admin, 204, true},
        {"other facility: view staff",
         [](auto& s, auto& r, Role) { return s.get("/api/v1/staff?facility_id=" + std::to_string(r.b)); }, k_admin},
        // The secretariat's duties beyond the table (DESIGN.md §7) and the two-factor policy.
        {"two-factor policy of own facility",
         [](auto& s, auto& r, Role) {
             return s.request("PUT", facility(r.a, "/security"), Json{{"require_two_factor", false}});
         },
         k_admin_manager, 200, true},
        {"development outbox", [](auto& s, auto&, Role) { return s.get("/api/v1/outbox"); }, k_admin},
        {"fee report", [](auto& s, auto&, Role) { return s.get("/api/v1/reports/fees.csv?year=2025"); }, k_admin},
    };
}

// Patients (issue 4; the seed's planned change ×→○ for facility managers).
std::vector<Row> patient_table() {
    return {
        {"patient register",
         [](auto& s, auto& r, Role) { return s.request("POST", "/api/v1/patients", patient_body(r.a)); }, k_admin_manager,
         201, true},
        {"patient view (master)", [](auto& s, auto& r, Role) { return s.get(path("/api/v1/patients/", r.patient)); },
         k_admin_manager},
        {"patient view (master): the list", [](auto& s, auto&, Role) { return s.get("/api/v1/patients"); }, k_admin_manager},
        {"patient edit (master)",
         [](auto& s, auto& r, Role) {
             return s.request("PUT", path("/api/v1/patients/", r.patient), patient_body(r.a, "ミマモリ ハナコ"));
         },
         k_admin_manager, 200, true},
        {"link patient and team",
         [](auto& s, auto& r, Role) {
             return s.request("PUT", path("/api/v1/teams/", r.unlinked_team, "/patient"), Json{{"patient_id", r.patient}});
         },
         k_admin_manager, 200, true},
        {"unlink patient and team",
         [](auto& s, auto& r, Role) { return s.request("DELETE", path("/api/v1/teams/", r.linked_team, "/patient")); },
         k_admin_manager, 204, true},
        {"view patient-team links", [](auto& s, auto&, Role) { return s.get("/api/v1/team-links"); }, k_admin_manager},
        {"patient/family login accounts: register",
         [](auto& s, auto& r, Role) {
             return s.request("POST", path("/api/v1/patients/", r.patient, "/family-accounts"),
                              Json{{"name", "見守 三郎"}, {"name_kana", "ミマモリ サブロウ"}, {"login", "saburo"},
                                   {"email", "saburo@example.jp"}, {"relation", "三男"}});
         },
         k_admin, 201, true},
        {"patient/family login accounts: remove",
         [](auto& s, auto& r, Role) { return s.request("DELETE", path("/api/v1/family-accounts/", r.family_invitee)); },
         k_admin, 204, true},
        {"patient/family login accounts: re-send",
         [](auto& s, auto& r, Role) {
             return s.request("POST", path("/api/v1/family-accounts/", r.family_invitee, "/reinvite"));
         },
         k_admin, 202, true},
    };
}

class PermissionTable : public ServerTest {
protected:
    void check_every_role(const std::vector<Row>& rows);
};

void PermissionTable::check_every_role(const std::vector<Row>& rows) {
    const Role roles[] = {Role::SecretariatAdmin, Role::SecretariatUser, Role::FacilityManager, Role::FacilityUser,
                          Role::Family};
    for (const Row& row : rows) {
        for (Role role : roles) {
            SCOPED_TRACE(row.what + " as " + role_name(role));
            database().clear_data();
            const PatientTableRegion region = create_patient_table_region(database());
            const Session session = sign_in(port(), region.logins.at(role));
            ASSERT_FALSE(session.cookie.empty());
            const std::string before = master_checksum(database()) + care_counts(database());
            const auto denied_before = database().count_rows("audit_log WHERE result = 'denied'");

            const HttpResponse answer = row.call(session, region, role);
            const std::string after = master_checksum(database()) + care_counts(database());
            if (row.allowed.count(role)) {
                EXPECT_EQ(answer.status, row.success) << answer.body;
                if (row.writes) EXPECT_NE(after, before) << "an allowed write changes something";
                else EXPECT_EQ(after, before) << "a read changes nothing";
            } else {
                EXPECT_EQ(answer.status, 403) << answer.body;
                EXPECT_EQ(answer.error_code(), "forbidden");
                EXPECT_EQ(after, before) << "a refused request changes nothing";
                EXPECT_EQ(database().count_rows("audit_log WHERE result = 'denied'"), denied_before + 1)
                    << "the refusal is in the access log";
            }
        }
    }
}

TEST_F(PermissionTable, EveryRowForEveryRole) { check_every_role(table()); }

TEST_F(PermissionTable, EveryPatientRowForEveryRole) { check_every_role(patient_table()); }

// Without a session every one of these routes is 401, and changes nothing.
TEST_F(PermissionTable, NothingWithoutASession) {
    const PatientTableRegion region = create_patient_table_region(database());
    const Session nobody{port(), "", "", nullptr};
    const std::string before = master_checksum(database()) + care_counts(database());
    for (const auto& rows : {table(), patient_table()}) {
        for (const Row& row : rows) {
            SCOPED_TRACE(row.what);
            EXPECT_EQ(row.call(nobody, region, Role::SecretariatAdmin).status, 401);
        }
    }
    EXPECT_EQ(master_checksum(database()) + care_counts(database()), before);
}

} // namespace
} // namespace mimamori::test
