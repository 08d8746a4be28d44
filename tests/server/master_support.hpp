#pragma once
// What the master-maintenance tests share: a small region written straight into the database
// (own facility A, another facility B with an invited representative, an empty facility E, one
// account per role, an invited staff member of A), signed-in sessions per role, and a checksum of
// the master tables that tells whether a request changed anything.

#include <cstdint>
#include <map>
#include <string>

#include "support/accounts.hpp"
#include "support/test_database.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {

enum class Role { SecretariatAdmin, SecretariatUser, FacilityManager, FacilityUser, Family };
const char* role_name(Role role);

struct Region {
    std::int64_t a = 0;     // the facility of the manager and the user
    std::int64_t b = 0;     // another facility; its representative has not accepted yet
    std::int64_t empty = 0; // no staff: may be deleted
    std::int64_t invitee = 0; // invited staff member of A
    std::int64_t representative_b = 0;
    std::map<Role, std::int64_t> accounts;
    std::map<Role, std::string> logins;
};

Region create_region(const TestDatabase& db);

// md5 over every row of the master tables (facilities, accounts, affiliations, invitations,
// mail_outbox, recovery_codes), in a fixed order. Sessions and the access log are left out:
// signing in and being refused are recorded there by design.
std::string master_checksum(const TestDatabase& db);

// A valid facility registration body (type clinic) with a representative whose login is `login`.
Json facility_body(const std::string& login);
// A valid staff registration body.
Json staff_body(const std::string& login);

// A server on a fresh region, with the secretariat administrator and A's manager signed in.
class MasterTest : public ServerTest {
protected:
    void SetUp() override;
    Region region;
    Session admin;
    Session manager;
};

} // namespace mimamori::test
